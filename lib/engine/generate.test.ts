import { describe, expect, it } from 'vitest';
import { datasetToCsv, generateDataset, mulberry32 } from './generate.ts';
import { salesforceId18 } from './import/crm-ids.ts';
import type { OrderLine } from './records.ts';

const d = generateDataset({ accounts: 400, seed: 7 });
const byAccount = new Map<string, OrderLine[]>();
for (const o of d.orders) byAccount.set(o.accountId, [...(byAccount.get(o.accountId) ?? []), o]);
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('mulberry32', () => {
  it('matches the reference implementation', () => {
    // Reference: Tommy Ettinger's mulberry32 in C (gist 46a874533244883189143505d203312c), seed 1, first output / 2^32.
    expect(mulberry32(1)()).toBe(0.6270739405881613);
  });
});

describe('generateDataset', () => {
  it('is deterministic by seed and by injected source', () => {
    expect(generateDataset({ accounts: 20, seed: 5 })).toEqual(generateDataset({ accounts: 20, seed: 5 }));
    expect(generateDataset({ accounts: 20 }, mulberry32(5))).toEqual(generateDataset({ accounts: 20, seed: 5 }));
    expect(generateDataset({ accounts: 20, seed: 6 }).accounts[0]).not.toEqual(
      generateDataset({ accounts: 20, seed: 5 }).accounts[0],
    );
  });

  it('has about linesPerAccount lines per account, 300 SKUs in 12 categories and 1–4 contacts per account', () => {
    expect(d.orders.length / d.accounts.length).toBeGreaterThan(90);
    expect(d.orders.length / d.accounts.length).toBeLessThan(110);
    expect(d.products).toHaveLength(300);
    expect(new Set(d.products.map((p) => p.category)).size).toBe(12);
    const contacts = new Map<string, number>();
    for (const c of d.contacts) contacts.set(c.accountId, (contacts.get(c.accountId) ?? 0) + 1);
    expect(contacts.size).toBe(400);
    expect(Math.min(...contacts.values())).toBe(1);
    expect(Math.max(...contacts.values())).toBe(4);
  });

  it('keeps ids, names, domains and emails unique', () => {
    for (const values of [
      d.accounts.map((a) => a.id),
      d.accounts.map((a) => a.name),
      d.accounts.flatMap((a) => a.domains),
      d.contacts.map((c) => c.email),
    ]) {
      expect(new Set(values).size).toBe(values.length);
    }
  });

  it('writes CRM ids in each CRM format', () => {
    const ids = d.accounts.map((a) => a.crmIds);
    expect(ids.filter((x) => x.salesforce).length).toBeGreaterThan(360);
    for (const x of ids) {
      if (x.salesforce) expect(salesforceId18(x.salesforce.slice(0, 15))).toBe(x.salesforce);
      if (x.salesforce) expect(x.salesforce).toMatch(/^001[0-9A-Za-z]{15}$/);
      if (x.hubspot) expect(x.hubspot).toMatch(/^\d{10}$/);
      if (x.dynamics)
        expect(x.dynamics).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      if (x.pipedrive) expect(x.pipedrive).toMatch(/^\d{1,6}$/);
      if (x.zoho) expect(x.zoho).toMatch(/^\d{19}$/);
    }
  });

  it('names German companies with legal forms and some English ones', () => {
    const forms = ['GmbH', 'GmbH & Co. KG', 'AG', 'KG', 'Ltd', 'Inc'];
    for (const form of forms) expect(d.accounts.some((a) => a.name.endsWith(` ${form}`))).toBe(true);
    expect(d.accounts.some((a) => /[äöüß]/.test(a.name))).toBe(true);
  });

  it('sorts lines by date and gives every invoice one date and one account', () => {
    expect(d.orders.every((o, i) => i === 0 || (d.orders[i - 1] as OrderLine).orderDate <= o.orderDate)).toBe(true);
    const orders = new Map<string, string>();
    for (const o of d.orders) {
      const key = `${o.orderDate}|${o.accountId}`;
      expect(orders.get(o.orderId) ?? key).toBe(key);
      orders.set(o.orderId, key);
    }
    expect(d.orders.filter((o) => o.orderId.startsWith('GS-')).every((o) => o.quantity < 0 && o.netAmount < 0)).toBe(
      true,
    );
  });

  it('builds bundles that association rules find: accounts with the drill and bits mostly also buy the screws', () => {
    const bought = (sku: string) => new Set(d.orders.filter((o) => o.sku === sku).map((o) => o.accountId));
    const sku = (name: string) => d.products.find((p) => p.name === name)?.sku ?? '';
    const drill = bought(sku('Akkuschrauber 18 V Profi'));
    const bits = bought(sku('Bitsatz Profi'));
    const screws = bought(sku('Holzschraube M6 verzinkt'));
    const both = [...drill].filter((a) => bits.has(a));
    const confidence = both.filter((a) => screws.has(a)).length / both.length;
    const lift = confidence / (screws.size / d.accounts.length);
    expect(both.length).toBeGreaterThan(10);
    expect(confidence).toBeGreaterThan(0.6);
    expect(lift).toBeGreaterThan(3);
    // Some bundle buyers lack the last item: the cross-sell gap.
    expect(confidence).toBeLessThan(1);
  });

  it('mixes clockwork and erratic buyers (coefficient of variation of order intervals)', () => {
    const cvs: number[] = [];
    for (const lines of byAccount.values()) {
      const days = [...new Set(lines.filter((o) => o.quantity > 0).map((o) => dayOf(o.orderDate)))];
      if (days.length < 8) continue;
      const gaps = days.slice(1).map((x, i) => x - (days[i] as number));
      const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
      const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
      cvs.push(sd / mean);
    }
    expect(cvs.filter((cv) => cv < 0.2).length / cvs.length).toBeGreaterThan(0.2);
    expect(cvs.filter((cv) => cv > 0.8).length / cvs.length).toBeGreaterThan(0.2);
  });

  it('has churners, growing and declining accounts', () => {
    const end = dayOf('2025-12-31');
    const revenue = (lines: OrderLine[], from: number, to: number) =>
      lines.filter((o) => dayOf(o.orderDate) > from && dayOf(o.orderDate) <= to).reduce((s, o) => s + o.netAmount, 0);
    let churned = 0;
    let growing = 0;
    let declining = 0;
    for (const lines of byAccount.values()) {
      if (end - dayOf((lines.at(-1) as OrderLine).orderDate) > 300) churned++;
      const last = revenue(lines, end - 365, end);
      const previous = revenue(lines, end - 730, end - 365);
      if (previous > 0 && last > 1.4 * previous) growing++;
      if (previous > 0 && last < 0.7 * previous) declining++;
    }
    expect(churned / d.accounts.length).toBeGreaterThan(0.04);
    expect(growing / d.accounts.length).toBeGreaterThan(0.1);
    expect(declining / d.accounts.length).toBeGreaterThan(0.1);
  });

  it('sells winter service goods in winter', () => {
    const month = (o: OrderLine) => Number(o.orderDate.slice(5, 7));
    const winter = d.orders.filter((o) => o.category === 'Winterdienst' && [11, 12, 1, 2].includes(month(o)));
    const summer = d.orders.filter((o) => o.category === 'Winterdienst' && [5, 6, 7, 8].includes(month(o)));
    expect(winter.length).toBeGreaterThan(5 * summer.length);
  });

  it('throws on invalid options, naming the function', () => {
    expect(() => generateDataset({ accounts: 0 })).toThrow(/generateDataset: accounts/);
    expect(() => generateDataset({ accounts: 1, start: '2024-02-30' })).toThrow(/generateDataset: start and end/);
    expect(() => generateDataset({ accounts: 1, linesPerAccount: 0 })).toThrow(/generateDataset: linesPerAccount/);
  });
});

describe('datasetToCsv', () => {
  const small = generateDataset({ accounts: 5, seed: 2, linesPerAccount: 10 });
  const first = small.orders[0] as OrderLine;

  it('writes a German Excel export: BOM, semicolons, CRLF, dd.mm.yyyy, decimal comma with thousands dots', () => {
    const csv = datasetToCsv(small, 'de');
    const lines = csv.orders.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFBelegnummer;Kundennummer;Belegdatum;Artikelnummer;Artikelbezeichnung;Warengruppe;Menge;Nettobetrag;Währung;Marge',
    );
    const [y, m, day] = first.orderDate.split('-');
    const german = (n: number) =>
      n.toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });
    expect(lines[1]).toBe(
      [
        first.orderId,
        first.accountId,
        `${day}.${m}.${y}`,
        first.sku,
        first.productName,
        first.category,
        String(first.quantity),
        german(first.netAmount),
        'EUR',
        german(first.margin ?? 0),
      ].join(';'),
    );
    expect(csv.accounts.split('\r\n')[0]).toBe(
      '\uFEFFKundennummer;Firma;Domains;Branche;Region;Betreuer E-Mail;Salesforce-ID;HubSpot-ID;Dynamics-ID;Pipedrive-ID;Zoho-ID',
    );
    expect(csv.orders.endsWith('\r\n')).toBe(true);
  });

  it('writes English CSV with canonical headers, ISO dates and quotes only where needed', () => {
    const csv = datasetToCsv(
      { ...small, accounts: [{ id: 'X', name: 'Smith, Jones & "Co" Ltd', domains: ['a.com', 'b.com'], crmIds: {} }] },
      'en',
    );
    expect(csv.accounts).toBe(
      'account_id,name,domains,industry,region,owner_email,salesforce_id,hubspot_id,dynamics_id,pipedrive_id,zoho_id\nX,"Smith, Jones & ""Co"" Ltd",a.com|b.com,,,,,,,,\n',
    );
    expect(csv.orders.split('\n')[1]?.split(',').slice(2, 3)).toEqual([first.orderDate]);
  });
});
