/**
 * Writes a dataset as the CSV files an ERP or Excel would export: `de` is a German Excel export ("CSV UTF-8": BOM,
 * `;`, CRLF, decimal comma with `.` thousands, dd.mm.yyyy, German headers); `en` uses `,`, LF, ISO dates and the
 * canonical column names.
 */
import type { Dataset } from '../records.ts';
import { CRM_KEYS } from '../snapshot.ts';

const ROWS_PER_BLOCK = 4096;

interface Dialect {
  delimiter: string;
  newline: string;
  bom: string;
  domainSeparator: string;
  headers: { accounts: string[]; orders: string[]; products: string[]; contacts: string[] };
  amount: (n: number) => string;
  number: (n: number) => string;
  date: (iso: string) => string;
}

const DIALECTS: Record<'de' | 'en', Dialect> = {
  de: {
    delimiter: ';',
    newline: '\r\n',
    bom: '\uFEFF',
    domainSeparator: ', ',
    headers: {
      accounts: [
        'Kundennummer',
        'Firma',
        'Domains',
        'Branche',
        'Region',
        'Betreuer E-Mail',
        'Salesforce-ID',
        'HubSpot-ID',
        'Dynamics-ID',
        'Pipedrive-ID',
        'Zoho-ID',
      ],
      orders: [
        'Belegnummer',
        'Kundennummer',
        'Belegdatum',
        'Artikelnummer',
        'Artikelbezeichnung',
        'Warengruppe',
        'Menge',
        'Nettobetrag',
        'Währung',
        'Marge',
      ],
      products: ['Artikelnummer', 'Artikelbezeichnung', 'Warengruppe'],
      contacts: ['E-Mail', 'Name', 'Kundennummer', 'Funktion'],
    },
    amount: germanAmount,
    number: (n) => String(n).replace('.', ','),
    date: (iso) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`,
  },
  en: {
    delimiter: ',',
    newline: '\n',
    bom: '',
    domainSeparator: '|',
    headers: {
      accounts: [
        'account_id',
        'name',
        'domains',
        'industry',
        'region',
        'owner_email',
        ...CRM_KEYS.map((k) => `${k}_id`),
      ],
      orders: [
        'order_id',
        'account_id',
        'order_date',
        'sku',
        'product_name',
        'category',
        'quantity',
        'net_amount',
        'currency',
        'margin',
      ],
      products: ['sku', 'name', 'category'],
      contacts: ['email', 'name', 'account_id', 'role'],
    },
    amount: (n) => n.toFixed(2),
    number: String,
    date: (iso) => iso,
  },
};

/**
 * The dataset as four CSV texts in the given dialect, quoted as RFC 4180 says only where a value holds the delimiter,
 * a quote or a line break. `importDataset` reads them back to the same dataset (amounts are written with two
 * decimals, so they must be whole cents, as generated ones are). O(size of the output).
 *
 * @example
 * datasetToCsv(generateDataset({ accounts: 1 }), 'de').orders.split('\r\n')[0];
 * // => '\uFEFFBelegnummer;Kundennummer;Belegdatum;Artikelnummer;Artikelbezeichnung;Warengruppe;Menge;Nettobetrag;Währung;Marge'
 */
export function datasetToCsv(
  d: Dataset,
  dialect: 'de' | 'en',
): { accounts: string; orders: string; products: string; contacts: string } {
  const x = DIALECTS[dialect];
  const special = new RegExp(`[${x.delimiter}"\r\n]`);
  const cell = (v: string | undefined): string =>
    v === undefined ? '' : special.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  const write = (header: string[], rows: string[]): string =>
    x.bom + [header.map(cell).join(x.delimiter), ...rows].join(x.newline) + x.newline;
  const accounts = d.accounts.map((a) =>
    [
      a.id,
      a.name,
      a.domains.join(x.domainSeparator),
      a.industry,
      a.region,
      a.ownerEmail,
      ...CRM_KEYS.map((k) => a.crmIds[k]),
    ]
      .map(cell)
      .join(x.delimiter),
  );
  // Rows are joined into flat blocks as they go: a million short-lived row strings stay in the young generation
  // instead of all surviving until one final join (which cost more in GC than the formatting itself).
  // Numbers and dates never need quoting; the delimiter is not a character of them in either dialect.
  const s = x.delimiter;
  const orders: string[] = [];
  for (let start = 0; start < d.orders.length; start += ROWS_PER_BLOCK) {
    const block: string[] = [];
    for (const o of d.orders.slice(start, start + ROWS_PER_BLOCK)) {
      block.push(
        `${cell(o.orderId)}${s}${cell(o.accountId)}${s}${x.date(o.orderDate)}${s}${cell(o.sku)}${s}${cell(o.productName)}${s}${cell(o.category)}` +
          `${s}${x.number(o.quantity)}${s}${x.amount(o.netAmount)}${s}${cell(o.currency)}${s}${o.margin === undefined ? '' : x.amount(o.margin)}`,
      );
    }
    orders.push(block.join(x.newline));
  }
  const products = d.products.map((p) => [p.sku, p.name, p.category].map(cell).join(x.delimiter));
  const contacts = d.contacts.map((c) => [c.email, c.name, c.accountId, c.role].map(cell).join(x.delimiter));
  return {
    accounts: write(x.headers.accounts, accounts),
    orders: write(x.headers.orders, orders),
    products: write(x.headers.products, products),
    contacts: write(x.headers.contacts, contacts),
  };
}

/** 1234.5 → "1.234,50". */
function germanAmount(n: number): string {
  const fixed = Math.abs(n).toFixed(2);
  const whole = fixed.slice(0, -3);
  const grouped = whole.length > 3 ? whole.replace(/\B(?=(\d{3})+$)/g, '.') : whole;
  return `${n < 0 ? '-' : ''}${grouped},${fixed.slice(-2)}`;
}
