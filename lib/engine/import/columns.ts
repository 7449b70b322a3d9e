/**
 * Canonical columns per table and the header aliases that real exports use: German ERP/DATEV/Excel, English CRM
 * exports (Salesforce, HubSpot, Dynamics, Pipedrive, Zoho) and the engine's own camelCase JSON. Headers compare
 * normalised: lower case, umlauts transliterated, everything but letters and digits dropped ("Kunden-Nr." =
 * "kundennr", "accountId" = "account_id").
 */
import type { ColumnMapping, TableKind } from './types.ts';

export interface ColumnSpec {
  name: string;
  required: boolean;
  aliases: readonly string[];
}

const ACCOUNT_ID = [
  'Kundennummer',
  'Kundennr',
  'Kd-Nr.',
  'KdNr',
  'Kunden-ID',
  'Debitor',
  'Debitorennummer',
  'Debitor-Nr.',
  'Debitorenkonto',
  'Customer ID',
  'Customer Number',
  'Customer No',
  'Account Number',
  'Account No',
];
const SKU = [
  'Artikelnummer',
  'Artikelnr',
  'Art.-Nr.',
  'Artikel-ID',
  'Materialnummer',
  'Material',
  'Produktnummer',
  'Item Number',
  'Item No',
  'Product ID',
  'Product Code',
  'Part Number',
];
const CATEGORY = [
  'Warengruppe',
  'Artikelgruppe',
  'Produktgruppe',
  'Kategorie',
  'Sparte',
  'Product Category',
  'Product Group',
  'Item Group',
];
const PRODUCT_NAME = [
  'Artikelbezeichnung',
  'Bezeichnung',
  'Artikelname',
  'Artikeltext',
  'Produktbezeichnung',
  'Produktname',
  'Produkt',
  'Artikel',
  'Materialkurztext',
  'Product Name',
  'Product',
  'Description',
  'Item Name',
  'Item Description',
];

export const COLUMNS: Record<TableKind, readonly ColumnSpec[]> = {
  accounts: [
    { name: 'account_id', required: true, aliases: [...ACCOUNT_ID, 'id'] },
    {
      name: 'name',
      required: true,
      aliases: [
        'Firma',
        'Firmenname',
        'Firmierung',
        'Kundenname',
        'Name 1',
        'Unternehmen',
        'Kunde',
        'Company',
        'Company Name',
        'Account Name',
        'Customer Name',
        'Customer',
        'Organisation',
        'Organization',
        'Organization Name',
        'Organization - Name',
      ],
    },
    {
      name: 'domains',
      required: false,
      aliases: [
        'Domain',
        'Website',
        'Webseite',
        'Homepage',
        'Internet',
        'Internetadresse',
        'URL',
        'Web',
        'E-Mail-Domain',
        'Email Domain',
        'Company Domain Name',
        'Website URL',
      ],
    },
    {
      // The company's address (info@, vertrieb@): its domain identifies the account like a website does.
      name: 'email',
      required: false,
      aliases: ['E-Mail', 'E-Mail-Adresse', 'Email', 'Mail', 'Email Address', 'Firmen-E-Mail', 'Company Email'],
    },
    { name: 'industry', required: false, aliases: ['Branche', 'Sector', 'Sektor', 'Wirtschaftszweig'] },
    {
      name: 'region',
      required: false,
      aliases: ['Gebiet', 'Verkaufsgebiet', 'Vertriebsgebiet', 'Territory', 'Sales Region', 'Bezirk'],
    },
    {
      name: 'owner_email',
      required: false,
      aliases: [
        'Betreuer E-Mail',
        'Kundenbetreuer E-Mail',
        'Betreuer',
        'Kundenbetreuer',
        'Owner Email',
        'Account Owner Email',
        'Owner',
        'Account Owner',
      ],
    },
    {
      name: 'salesforce_id',
      required: false,
      aliases: ['Salesforce', 'SFDC ID', 'Salesforce Account ID', 'crmIds.salesforce'],
    },
    { name: 'hubspot_id', required: false, aliases: ['HubSpot', 'HubSpot Company ID', 'crmIds.hubspot'] },
    {
      name: 'dynamics_id',
      required: false,
      aliases: ['Dynamics', 'Dynamics 365 ID', 'Account GUID', '(Do Not Modify) Account', 'crmIds.dynamics'],
    },
    { name: 'pipedrive_id', required: false, aliases: ['Pipedrive', 'Pipedrive Organization ID', 'crmIds.pipedrive'] },
    { name: 'zoho_id', required: false, aliases: ['Zoho', 'Zoho CRM ID', 'Zoho Account ID', 'crmIds.zoho'] },
    {
      // A self-hosted CRM's record id, for user-defined adapters whose pages carry that CRM's ids.
      name: 'custom_id',
      required: false,
      aliases: ['CRM-ID', 'CRM-Nummer', 'CRM-Nr.', 'CRM Number', 'CRM Record ID', 'CRM Account ID', 'crmIds.custom'],
    },
  ],
  orders: [
    {
      name: 'order_id',
      required: true,
      aliases: [
        'Belegnummer',
        'Belegnr',
        'Beleg',
        'Auftragsnummer',
        'Auftragsnr',
        'Auftrag',
        'Rechnungsnummer',
        'Rechnungsnr',
        'Rechnung',
        'Bestellnummer',
        'Lieferscheinnummer',
        'Order Number',
        'Order No',
        'Invoice Number',
        'Invoice No',
        'Invoice',
        'Document Number',
        'Document No',
      ],
    },
    { name: 'account_id', required: true, aliases: ACCOUNT_ID },
    {
      name: 'order_date',
      required: true,
      aliases: [
        'Belegdatum',
        'Rechnungsdatum',
        'Auftragsdatum',
        'Bestelldatum',
        'Lieferdatum',
        'Buchungsdatum',
        'Datum',
        'Invoice Date',
        'Document Date',
        'Date',
      ],
    },
    { name: 'sku', required: true, aliases: SKU },
    { name: 'product_name', required: false, aliases: PRODUCT_NAME },
    { name: 'category', required: false, aliases: CATEGORY },
    {
      name: 'quantity',
      required: true,
      aliases: ['Menge', 'Anzahl', 'Stückzahl', 'Stück', 'Stk', 'Liefermenge', 'Fakturierte Menge', 'Qty', 'Units'],
    },
    {
      name: 'net_amount',
      required: true,
      aliases: [
        'Nettobetrag',
        'Netto',
        'Nettoumsatz',
        'Umsatz',
        'Umsatz netto',
        'Nettowert',
        'Betrag netto',
        'Positionswert',
        'Net',
        'Net Revenue',
        'Revenue',
        'Amount',
        'Line Total',
        'Sales',
      ],
    },
    { name: 'currency', required: false, aliases: ['Währung', 'Whrg', 'Währungsschlüssel', 'Currency Code'] },
    {
      name: 'margin',
      required: false,
      aliases: [
        'Marge',
        'Deckungsbeitrag',
        'DB',
        'DB1',
        'Rohertrag',
        'Rohgewinn',
        'Gross Margin',
        'Gross Profit',
        'Profit',
      ],
    },
  ],
  products: [
    { name: 'sku', required: true, aliases: SKU },
    { name: 'name', required: true, aliases: PRODUCT_NAME },
    { name: 'category', required: false, aliases: CATEGORY },
  ],
  contacts: [
    { name: 'email', required: true, aliases: ['E-Mail', 'E-Mail-Adresse', 'Mail', 'Email Address'] },
    {
      name: 'name',
      required: false,
      aliases: [
        'Ansprechpartner',
        'Kontakt',
        'Kontaktname',
        'Vollständiger Name',
        'Full Name',
        'Contact Name',
        'Contact',
      ],
    },
    { name: 'first_name', required: false, aliases: ['Vorname', 'First Name'] },
    { name: 'last_name', required: false, aliases: ['Nachname', 'Familienname', 'Last Name', 'Surname'] },
    { name: 'account_id', required: true, aliases: ACCOUNT_ID },
    {
      name: 'role',
      required: false,
      aliases: ['Rolle', 'Funktion', 'Position', 'Abteilung', 'Job Title', 'Jobtitel', 'Title'],
    },
  ],
};

/** "Kunden-Nr." → "kundennr". */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

const CANDIDATES: Record<TableKind, { spec: ColumnSpec; keys: string[] }[]> = Object.fromEntries(
  (Object.keys(COLUMNS) as TableKind[]).map((kind) => [
    kind,
    COLUMNS[kind].map((spec) => ({ spec, keys: [spec.name, ...spec.aliases].map(normaliseHeader) })),
  ]),
) as Record<TableKind, { spec: ColumnSpec; keys: string[] }[]>;

export interface ResolvedColumns {
  /** Canonical column → index in the row. */
  index: Record<string, number>;
  /** Canonical column → header as in the file. */
  mapping: ColumnMapping;
  missing: string[];
  unknownMapping: string[];
  mappedMissing: { column: string; header: string }[];
  ignored: number[];
  duplicates: number[];
}

/**
 * Maps a header row onto the table's canonical columns: explicit mapping first (exact header, else normalised; an
 * empty header says the file has no such column), then each column by its canonical name and aliases in order.
 * O(headers × aliases).
 */
export function resolveColumns(
  kind: TableKind,
  headers: readonly string[],
  explicit: ColumnMapping = {},
): ResolvedColumns {
  const norm = headers.map(normaliseHeader);
  const taken = new Array<boolean>(headers.length).fill(false);
  const result: ResolvedColumns = {
    index: {},
    mapping: {},
    missing: [],
    unknownMapping: [],
    mappedMissing: [],
    ignored: [],
    duplicates: [],
  };
  const assign = (column: string, i: number): void => {
    result.index[column] = i;
    result.mapping[column] = headers[i] as string;
    taken[i] = true;
  };
  for (const [column, header] of Object.entries(explicit)) {
    if (!COLUMNS[kind].some((s) => s.name === column)) {
      result.unknownMapping.push(column);
      continue;
    }
    if (header.trim() === '') {
      // "No such column in this file": not guessed from the aliases either.
      if (COLUMNS[kind].some((s) => s.name === column && s.required)) result.missing.push(column);
      continue;
    }
    let i = headers.findIndex((h) => h.trim() === header.trim());
    if (i < 0) i = norm.indexOf(normaliseHeader(header));
    if (i < 0 || taken[i]) result.mappedMissing.push({ column, header });
    else assign(column, i);
  }
  for (const { spec, keys } of CANDIDATES[kind]) {
    if (spec.name in explicit) continue;
    for (const key of keys) {
      const i = norm.findIndex((n, j) => n === key && !taken[j]);
      if (i >= 0) {
        assign(spec.name, i);
        break;
      }
    }
    if (spec.required && !(spec.name in result.index)) result.missing.push(spec.name);
  }
  const used = new Set(Object.values(result.index).map((i) => norm[i]));
  headers.forEach((h, i) => {
    if (taken[i] || h.trim() === '') return;
    if (used.has(norm[i])) result.duplicates.push(i);
    else result.ignored.push(i);
  });
  return result;
}

/** How many of the table's columns a row would map: used to find the header row below title lines. */
export function headerScore(kind: TableKind, cells: readonly string[]): number {
  const r = resolveColumns(kind, cells);
  return Object.keys(r.index).length + (COLUMNS[kind].filter((s) => s.required).length - r.missing.length);
}

/** The aliases of a column, for messages. */
export function aliasesOf(kind: TableKind, column: string): readonly string[] {
  return COLUMNS[kind].find((s) => s.name === column)?.aliases ?? [];
}
