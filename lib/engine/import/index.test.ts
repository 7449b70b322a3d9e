import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetToCsv, generateDataset } from '../generate.ts';
import { formatImportReport, importDataset, type ImportIssue, type Source } from './index.ts';

const fixture = (name: string): Source => ({
  name,
  content: new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/import/${name}`, import.meta.url))),
});
const brief = (issues: ImportIssue[]) =>
  issues.map(({ file, row, column, value, code }) => ({ file, row, column, value, code }));

describe('importDataset: German Excel exports', () => {
  it('reads UTF-8 with BOM, a title line, decimal comma with thousands dots and three date styles', async () => {
    const r = await importDataset({ accounts: fixture('kunden-utf8-bom.csv'), orders: fixture('umsatz-utf8-bom.csv') });
    if (!r.ok) throw new Error(formatImportReport(r.errors));
    expect(r.dataset.accounts).toEqual([
      {
        id: '10001',
        name: 'Müller Maschinenbau GmbH',
        domains: ['mueller-maschinenbau.de'],
        industry: 'Maschinenbau',
        region: 'Süd',
        ownerEmail: 'lena.vogt@haendler.example',
        // 15 → 18 characters (check characters by hand: "001Dn" → D = bit 3 → I; "00000" → A; "ztQXI" → bits 2,3,4 → 2).
        crmIds: { salesforce: '001Dn00000ztQXIIA2', dynamics: 'ce17d2f2-bb36-4a53-ae5c-62d50baee397' },
      },
      {
        id: '10002',
        name: 'Bäckerei Groß & Söhne KG',
        domains: ['baeckerei-gross.de', 'gross-backwaren.de'],
        industry: 'Lebensmittel',
        region: 'West',
        ownerEmail: 'jan.peters@haendler.example',
        crmIds: {},
      },
      {
        id: '10003',
        name: 'Weiß Logistik GmbH & Co. KG',
        domains: ['weiss-logistik.de'],
        industry: 'Logistik',
        region: 'Nord',
        crmIds: {},
      },
    ]);
    expect(r.dataset.orders.map((o) => [o.orderId, o.orderDate, o.quantity, o.netAmount, o.currency])).toEqual([
      ['RE-2024-0001', '2024-02-05', 100, 1234.56, 'EUR'],
      ['RE-2024-0001', '2024-02-05', 2, 399.9, 'EUR'],
      ['RE-2024-0002', '2024-03-01', 12, -12.5, 'EUR'],
      // "1.000" in a decimal-comma file is one thousand; "15.03.24" is 2024 (Excel's two-digit-year window).
      ['RE-2024-0003', '2024-03-15', 40, 1000, 'EUR'],
      ['GS-2024-0001', '2024-03-20', -10, -123.46, 'EUR'],
    ]);
    expect(r.dataset.orders[2]?.productName).toBe('Handwaschpaste „Extra“');
    expect(r.dataset.products.map((p) => p.sku)).toEqual(['BT-1001', 'WZ-1002', 'RH-1003', 'WD-1004']);
    expect(r.stats.productsDerived).toBe(true);
    expect(r.stats.files[0]).toMatchObject({
      encoding: 'utf-8',
      delimiter: ';',
      rows: 3,
      columns: { account_id: 'Kundennummer', domains: 'Webseite', region: 'Vertriebsgebiet' },
    });
    expect(r.stats.files[1]).toMatchObject({ decimal: ',', rows: 5 });
    expect(r.stats).toMatchObject({
      accounts: 3,
      orders: 5,
      products: 4,
      contacts: 0,
      firstOrderDate: '2024-02-05',
      lastOrderDate: '2024-03-20',
    });
    expect(brief(r.warnings)).toEqual([
      { file: 'kunden-utf8-bom.csv', row: 1, column: '', value: '', code: 'skipped_lines' },
    ]);
  });

  it('reads Windows-1252 with other German aliases and maps every column', async () => {
    const r = await importDataset({ accounts: fixture('kunden-cp1252.csv'), orders: fixture('umsatz-cp1252.csv') });
    if (!r.ok) throw new Error(formatImportReport(r.errors));
    expect(r.dataset.accounts.map((a) => [a.id, a.name, a.domains, a.industry])).toEqual([
      ['20001', 'Köhler Präzisionsteile GmbH', ['koehler-praezision.de'], 'Automobilzulieferer'],
      ['20002', 'Jäger Elektrotechnik AG', ['jaeger-elektro.de'], 'Elektrotechnik'],
    ]);
    expect(r.dataset.orders).toEqual([
      {
        orderId: 'R-100',
        accountId: '20001',
        orderDate: '2024-01-02',
        sku: 'MT-2001',
        productName: 'Messschieber digital – Präzision',
        category: 'Messtechnik',
        quantity: 3,
        netAmount: 89.7,
        margin: 29.1,
      },
      {
        orderId: 'R-101',
        accountId: '20002',
        orderDate: '2024-01-31',
        sku: 'EL-2002',
        productName: 'Kabelbinder schwarz „Profi“',
        category: 'Elektro',
        quantity: 1000,
        netAmount: 45,
        margin: 12.35,
      },
      {
        orderId: 'R-101',
        accountId: '20002',
        orderDate: '2024-01-31',
        sku: 'EL-2003',
        productName: 'Leitungsschutzschalter B16',
        category: 'Elektro',
        quantity: 20,
        netAmount: 2150,
        margin: 7.8,
      },
    ]);
    expect(r.stats.files.map((f) => f.encoding)).toEqual(['windows-1252', 'windows-1252']);
    expect(r.stats.files[1]?.columns).toEqual({
      order_id: 'Rechnungsnummer',
      account_id: 'Kunden-Nr.',
      order_date: 'Rechnungsdatum',
      sku: 'Art.-Nr.',
      product_name: 'Bezeichnung',
      category: 'Artikelgruppe',
      quantity: 'Stückzahl',
      net_amount: 'Umsatz',
      margin: 'Deckungsbeitrag',
    });
  });
});

describe('importDataset: English exports and JSON', () => {
  it('reads comma CSV with ISO dates, quoted thousands, a products and a contacts file', async () => {
    const r = await importDataset({
      accounts: fixture('accounts-en.csv'),
      orders: fixture('orders-en.csv'),
      products: fixture('products-en.csv'),
      contacts: fixture('contacts-en.csv'),
    });
    if (!r.ok) throw new Error(formatImportReport(r.errors));
    expect(r.dataset.accounts[0]).toEqual({
      id: 'A-1',
      name: 'Summit Tooling, Ltd',
      domains: ['summit-tooling.co.uk', 'summit.com'],
      industry: 'Tooling',
      region: 'International',
      ownerEmail: 'markus.engel@haendler.example',
      crmIds: {
        salesforce: '001Dn00000AbCdEIAV',
        hubspot: '5812345678',
        dynamics: '6f9619ff-8b86-d011-b42d-00c04fc964ff',
        pipedrive: '4711',
        zoho: '4876876000012345678',
      },
    });
    expect(r.dataset.orders).toEqual([
      {
        orderId: 'SO-1',
        accountId: 'A-1',
        orderDate: '2024-02-29',
        sku: 'P-1',
        productName: 'Cable ties, black',
        category: 'Electrical',
        quantity: 1000,
        netAmount: 1234.5,
        currency: 'GBP',
        margin: 310.25,
      },
      {
        orderId: 'SO-1',
        accountId: 'A-1',
        orderDate: '2024-02-29',
        sku: 'P-2',
        productName: 'Multimeter',
        category: 'Measuring',
        quantity: 2,
        netAmount: 199.98,
        currency: 'GBP',
      },
      // Name and category come from the products file where the line has none; the time of day is dropped.
      {
        orderId: 'SO-2',
        accountId: 'A-2',
        orderDate: '2024-03-01',
        sku: 'P-1',
        productName: 'Cable ties, black',
        category: 'Electrical',
        quantity: 5,
        netAmount: 12.5,
        currency: 'USD',
        margin: 3,
      },
    ]);
    expect(r.dataset.contacts).toEqual([
      { email: 'ann.lee@summit-tooling.co.uk', name: 'Ann Lee', accountId: 'A-1', role: 'Purchasing' },
      { email: 'bob@northfield.com', name: 'Bob Ray', accountId: 'A-2' },
    ]);
    expect(r.stats.productsDerived).toBe(false);
    expect(r.stats.files[2]).toMatchObject({ delimiter: ',', decimal: '.' });
  });

  it('reads JSON: {accounts: [...]} with camelCase and nested crmIds, and an array with German keys', async () => {
    const r = await importDataset({ accounts: fixture('accounts.json'), orders: fixture('orders.json') });
    if (!r.ok) throw new Error(formatImportReport(r.errors));
    expect(r.dataset.accounts).toEqual([
      {
        id: 'J-1',
        name: 'Jot GmbH',
        domains: ['jot.de', 'jot.com'],
        crmIds: { hubspot: '123', salesforce: '001Dn00000ztQXIIA2' },
      },
      { id: 'J-2', name: 'Kappa SE', domains: [], industry: 'Chemie', crmIds: {} },
    ]);
    expect(r.dataset.orders.map((o) => [o.orderId, o.accountId, o.orderDate, o.quantity, o.netAmount])).toEqual([
      ['J-O-1', 'J-1', '2024-05-02', 2, 19.9],
      ['J-O-2', 'J-2', '2024-05-03', 1, 9.95],
    ]);
    expect(r.stats.files.map((f) => f.format)).toEqual(['json', 'json']);
  });
});

describe('importDataset: errors', () => {
  it('reports every error of a bad export with file, row, column and value, and returns no dataset', async () => {
    const r = await importDataset({ accounts: fixture('kunden-bad.csv'), orders: fixture('umsatz-bad.csv') });
    expect(r.ok).toBe(false);
    expect('dataset' in r).toBe(false);
    if (r.ok) return;
    expect(brief(r.errors)).toEqual([
      {
        file: 'kunden-bad.csv',
        row: 2,
        column: 'Betreuer E-Mail',
        value: 'vertrieb(at)haendler.example',
        code: 'email',
      },
      { file: 'kunden-bad.csv', row: 3, column: 'Firma', value: '', code: 'required' },
      { file: 'kunden-bad.csv', row: 4, column: 'Kundennummer', value: '30001', code: 'duplicate' },
      { file: 'kunden-bad.csv', row: 5, column: 'Domains', value: 'gamma..de', code: 'domain' },
      { file: 'kunden-bad.csv', row: 5, column: 'Salesforce-ID', value: '001XYZ', code: 'crm_id' },
      { file: 'umsatz-bad.csv', row: 2, column: 'Belegdatum', value: '31.02.2024', code: 'no_such_date' },
      { file: 'umsatz-bad.csv', row: 3, column: 'Kundennummer', value: '39999', code: 'unknown_account' },
      { file: 'umsatz-bad.csv', row: 4, column: 'Belegdatum', value: '2024/03/01', code: 'date' },
      { file: 'umsatz-bad.csv', row: 4, column: 'Menge', value: 'zwei', code: 'number' },
      { file: 'umsatz-bad.csv', row: 4, column: 'Nettobetrag', value: '1.2.3', code: 'number' },
      { file: 'umsatz-bad.csv', row: 5, column: 'Artikelnummer', value: '', code: 'required' },
      { file: 'umsatz-bad.csv', row: 5, column: 'Menge', value: '', code: 'required' },
      { file: 'umsatz-bad.csv', row: 5, column: 'Währung', value: 'Euro', code: 'currency' },
      { file: 'umsatz-bad.csv', row: 6, column: '', value: 'Rabatt;10', code: 'too_many_fields' },
    ]);
    expect(formatImportReport(r.errors).split('\n').slice(2, 4)).toEqual([
      'kunden-bad.csv, row 4, column "Kundennummer", value "30001": duplicate, first in row 2',
      'kunden-bad.csv, row 5, column "Domains", value "gamma..de": "gamma..de" is not a domain',
    ]);
    expect(formatImportReport(r.errors, 'de').split('\n')[5]).toBe(
      'umsatz-bad.csv, Zeile 2, Spalte „Belegdatum“, Wert „31.02.2024“: dieses Datum gibt es nicht',
    );
  });

  it('names missing required columns with the aliases it looked for', async () => {
    const r = await importDataset({
      accounts: { name: 'k.csv', content: 'Kundennummer;Firma\n1;A\n' },
      orders: { name: 'o.csv', content: 'Belegnummer;Kundennummer;Menge;Nettobetrag\nR1;1;1;1\n' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(brief(r.errors)).toEqual([
      { file: 'o.csv', row: 1, column: 'order_date', value: '', code: 'missing_column' },
      { file: 'o.csv', row: 1, column: 'sku', value: '', code: 'missing_column' },
    ]);
    expect(r.errors[0]?.message).toBe(
      'required column missing; looked for "order_date" and its aliases (Belegdatum, Rechnungsdatum, Auftragsdatum, Bestelldatum, Lieferdatum, Buchungsdatum, …)',
    );
  });

  it('stops keeping errors at maxErrors and adds one "and N more"', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `R${i};1;01.01.2024;A;x;1`).join('\n');
    const r = await importDataset(
      {
        accounts: { name: 'k.csv', content: 'Kundennummer;Firma\n1;A\n' },
        orders: {
          name: 'o.csv',
          content: `Belegnummer;Kundennummer;Belegdatum;Artikelnummer;Menge;Nettobetrag\n${lines}\n`,
        },
      },
      { maxErrors: 10 },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(11);
    expect(r.errors[9]).toMatchObject({ row: 11, column: 'Menge', value: 'x' });
    expect(r.errors[10]).toMatchObject({ message: 'and 15 more', code: 'more' });
  });

  it('treats an empty orders file as an error', async () => {
    const r = await importDataset({
      accounts: { name: 'k.csv', content: 'Kundennummer;Firma\n1;A\n' },
      orders: { name: 'o.csv', content: '\uFEFF  \r\n' },
    });
    expect(r.ok ? [] : brief(r.errors)).toEqual([{ file: 'o.csv', row: 0, column: '', value: '', code: 'empty_file' }]);
  });
});

describe('importDataset: what identifies an account on a page', () => {
  it("uses an accounts file's E-Mail column for domains beside the website, and reads a self-hosted CRM's ids", async () => {
    const accounts: Source = {
      name: 'kunden.csv',
      content:
        'Kundennummer;Firma;Internet;E-Mail;CRM-ID\n' +
        '7;Gebr. Köhler GmbH;https://www.koehler-drehteile.de;info@koehler-drehteile.de;3\n' +
        '8;Elektro Daume GmbH;;service@daume-elektro.de;\n',
    };
    const orders: Source = {
      name: 'auftraege.csv',
      content: 'Auftrag;Kundennummer;Datum;Artikel-ID;Anzahl;Netto\nA-7;7;2024-01-02;X;1;5\nA-8;8;2024-01-03;X;1;5\n',
    };
    const r = await importDataset({ accounts, orders });
    if (!r.ok) throw new Error(formatImportReport(r.errors));
    expect(r.dataset.accounts.map((a) => [a.id, a.domains, a.crmIds])).toEqual([
      ['7', ['koehler-drehteile.de'], { custom: '3' }],
      ['8', ['daume-elektro.de'], {}],
    ]);
    expect(r.stats.files[0]?.columns).toMatchObject({ domains: 'Internet', email: 'E-Mail', custom_id: 'CRM-ID' });
    expect(brief(r.warnings)).toEqual([]);
  });
});

describe('importDataset: mapping', () => {
  const accounts: Source = { name: 'k.csv', content: 'Nr;Kunde;Firma\n7;Sieben GmbH;Sieben Holding\n' };
  const orders: Source = {
    name: 'o.csv',
    content: 'Auftrag;Nr;Datum;Artikel-ID;Anzahl;Netto\nA-7;7;2024-01-02;X;1;5\n',
  };

  it('maps aliases by priority and takes an explicit mapping over them', async () => {
    const auto = await importDataset(
      { accounts, orders },
      { mapping: { accounts: { account_id: 'Nr' }, orders: { account_id: 'Nr' } } },
    );
    if (!auto.ok) throw new Error(formatImportReport(auto.errors));
    // "Firma" outranks "Kunde" among the aliases of name.
    expect(auto.dataset.accounts[0]?.name).toBe('Sieben Holding');
    expect(brief(auto.warnings)).toEqual([
      { file: 'k.csv', row: 1, column: 'Kunde', value: '', code: 'ignored_column' },
    ]);

    const explicit = await importDataset(
      { accounts, orders },
      { mapping: { accounts: { account_id: 'Nr', name: 'Kunde' }, orders: { account_id: 'Nr' } } },
    );
    if (!explicit.ok) throw new Error(formatImportReport(explicit.errors));
    expect(explicit.dataset.accounts[0]?.name).toBe('Sieben GmbH');
    expect(explicit.dataset.orders[0]).toEqual({
      orderId: 'A-7',
      accountId: '7',
      orderDate: '2024-01-02',
      sku: 'X',
      productName: '',
      category: '',
      quantity: 1,
      netAmount: 5,
    });
  });

  it('reports a mapping to a header the file lacks and an unknown canonical column', async () => {
    const r = await importDataset(
      { accounts, orders },
      { mapping: { accounts: { account_id: 'Kundennummer', colour: 'Nr' }, orders: { account_id: 'Nr' } } },
    );
    expect(r.ok ? [] : brief(r.errors)).toEqual([
      { file: 'k.csv', row: 1, column: 'colour', value: '', code: 'unknown_mapping' },
      { file: 'k.csv', row: 1, column: 'Kundennummer', value: '', code: 'mapped_column_missing' },
    ]);
  });
});

describe('importDataset: progress and round trip', () => {
  it('reports progress per chunk, ending at the total', async () => {
    const d = generateDataset({ accounts: 150, seed: 3 });
    const csv = datasetToCsv(d, 'de');
    const bytes = new TextEncoder().encode(csv.orders);
    const seen: { rows: number; bytes: number; totalBytes: number }[] = [];
    const r = await importDataset(
      { accounts: { name: 'k.csv', content: csv.accounts }, orders: { name: 'o.csv', content: bytes } },
      { onProgress: (p) => p.file === 'o.csv' && seen.push(p) },
    );
    expect(r.ok).toBe(true);
    // 1 MB chunks: the file is larger than one chunk, so there is more than one report before the final one.
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toEqual({
      file: 'o.csv',
      rows: d.orders.length,
      bytes: bytes.length,
      totalBytes: bytes.length,
    });
    expect(
      seen.every((p, i) => i === 0 || (p.rows >= (seen[i - 1]?.rows ?? 0) && p.bytes >= (seen[i - 1]?.bytes ?? 0))),
    ).toBe(true);
  });

  it.each(['de', 'en'] as const)('reads back a generated dataset written in the %s dialect', async (dialect) => {
    const d = generateDataset({ accounts: 80, seed: 11, linesPerAccount: 40 });
    const csv = datasetToCsv(d, dialect);
    const r = await importDataset({
      accounts: { name: 'accounts.csv', content: new TextEncoder().encode(csv.accounts) },
      orders: { name: 'orders.csv', content: csv.orders },
      products: { name: 'products.csv', content: csv.products },
      contacts: { name: 'contacts.csv', content: csv.contacts },
    });
    if (!r.ok) throw new Error(formatImportReport(r.errors));
    expect(r.warnings).toEqual([]);
    expect(r.dataset).toEqual(d);
  });
});
