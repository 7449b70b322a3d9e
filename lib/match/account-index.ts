/**
 * The lookup structure the background matches page keys against: CRM id → accounts, domain → accounts,
 * normalised name → accounts, and name trigrams → accounts for tolerant matching. Plain objects and arrays only,
 * so it survives JSON and IndexedDB unchanged; postings hold positions in `ids`. Trigram postings are one flat
 * array cut by offsets (a CSR layout): 10,000 names make ~350,000 postings, and one small array per trigram cost
 * more than the rest of the build together.
 */
import type { CrmName } from '../sites/types.ts';
import { domainOf, normaliseDomain } from './domains.ts';
import { normaliseCompanyName, TRIGRAM_CODES, trigramCodes } from './normalise.ts';

export const ACCOUNT_INDEX_VERSION = 1;

export interface AccountForIndex {
  id: string;
  name: string;
  domains: readonly string[];
  crmIds: Partial<Record<CrmName, string | undefined>>;
  /** The rep or colleague who owns the account: their email domain is the rep's own company. */
  ownerEmail?: string | undefined;
}

/** One position, or an ascending list when a key is shared (most keys belong to one account: no array for them). */
export type Postings = number | number[];

export interface AccountIndex {
  version: typeof ACCOUNT_INDEX_VERSION;
  /** Account ids; every posting below is a position in this array. */
  ids: string[];
  /** `<crm>:<normalised id>` → position, or positions when several accounts share it. */
  crm: Record<string, Postings>;
  /** Normalised domain → position(s). */
  domains: Record<string, Postings>;
  /** Normalised name with spaces removed → position(s). */
  names: Record<string, Postings>;
  /** Postings of trigram code `c` (see `trigramCodes`) are `trigramPostings[trigramOffsets[c] … trigramOffsets[c+1]]`. */
  trigramOffsets: number[];
  trigramPostings: number[];
  /** Number of distinct trigrams per position (the Dice denominator). */
  trigramCounts: number[];
  /**
   * Email domains of the accounts' owners (the rep's own company: colleagues in a thread are not customers), minus
   * any that is also an account's domain. Absent in indexes stored before it existed.
   */
  ownDomains?: string[];
}

/**
 * The comparable form of a CRM id: Salesforce ids by their case-sensitive 15-character form (the 18-character form
 * only adds a case checksum), Dynamics GUIDs lower-cased without braces, others trimmed.
 *
 * @example
 * normaliseCrmId('salesforce', '001Dn00000ABCDeIAF'); // => '001Dn00000ABCDe'
 */
export function normaliseCrmId(crm: CrmName, id: string): string {
  const value = id.trim();
  if (crm === 'salesforce') return value.slice(0, 15);
  if (crm === 'dynamics') return value.replace(/^\{|\}$/g, '').toLowerCase();
  return value;
}

function push(record: Record<string, Postings>, key: string, position: number): void {
  const current = record[key];
  if (current === undefined) record[key] = position;
  else if (typeof current === 'number') {
    if (current !== position) record[key] = [current, position];
  } else if (current[current.length - 1] !== position) current.push(position);
}

/** The positions stored under `key` (none for a missing key or an inherited property name). */
export function postingsOf(record: Record<string, Postings>, key: string): readonly number[] {
  if (!Object.hasOwn(record, key)) return [];
  const value = record[key];
  return value === undefined ? [] : typeof value === 'number' ? [value] : value;
}

/** A fresh record without a prototype, so keys like "constructor" are plain data. */
function dict(): Record<string, Postings> {
  return Object.create(null) as Record<string, Postings>;
}

/**
 * Builds the index over `accounts` (any objects with id, name, domains and crmIds, e.g. the snapshot's accounts).
 * O(total characters of names and domains).
 *
 * @throws {Error} when an account id is empty or appears twice.
 * @example
 * buildAccountIndex([{ id: 'a1', name: 'Acme GmbH', domains: ['acme.de'], crmIds: {} }]).domains['acme.de']; // => 0
 */
export function buildAccountIndex(accounts: readonly AccountForIndex[]): AccountIndex {
  const index: AccountIndex = {
    version: ACCOUNT_INDEX_VERSION,
    ids: [],
    crm: dict(),
    domains: dict(),
    names: dict(),
    trigramOffsets: [],
    trigramPostings: [],
    trigramCounts: [],
  };
  const codes: number[][] = [];
  const seen = new Set<string>();
  const owners = new Set<string>();
  accounts.forEach((account, position) => {
    if (!account.id) throw new Error(`buildAccountIndex: account at position ${position} has an empty id`);
    if (seen.has(account.id)) throw new Error(`buildAccountIndex: account id "${account.id}" appears twice`);
    seen.add(account.id);
    index.ids.push(account.id);
    for (const crm in account.crmIds) {
      const id = account.crmIds[crm as CrmName];
      if (id) push(index.crm, `${crm}:${normaliseCrmId(crm as CrmName, id)}`, position);
    }
    // The ERP's own web client (a user-defined adapter with idKind 'erp') names its records by the account id.
    push(index.crm, `erp:${normaliseCrmId('erp', account.id)}`, position);
    for (const value of account.domains) {
      const domain = normaliseDomain(value);
      if (domain) push(index.domains, domain, position);
    }
    const owner = account.ownerEmail ? domainOf(account.ownerEmail) : null;
    if (owner) owners.add(owner);
    const name = normaliseCompanyName(account.name);
    const grams = name.length >= 3 ? trigramCodes(name) : [];
    if (name) push(index.names, name.includes(' ') ? name.replace(/ /g, '') : name, position);
    codes.push(grams);
    index.trigramCounts.push(grams.length);
  });
  // Counting sort into the flat postings: count per code, prefix sums, fill (positions stay ascending per code).
  const offsets = new Array<number>(TRIGRAM_CODES + 1).fill(0);
  for (const grams of codes) for (const code of grams) offsets[code + 1] = (offsets[code + 1] ?? 0) + 1;
  for (let code = 0; code < TRIGRAM_CODES; code++) offsets[code + 1] = (offsets[code + 1] ?? 0) + (offsets[code] ?? 0);
  const next = offsets.slice(0, TRIGRAM_CODES);
  const postings = new Array<number>(offsets[TRIGRAM_CODES] ?? 0);
  codes.forEach((grams, position) => {
    for (const code of grams) postings[(next[code] = (next[code] ?? 0) + 1) - 1] = position;
  });
  index.trigramOffsets = offsets;
  index.trigramPostings = postings;
  const ownDomains = [...owners].filter((domain) => !Object.hasOwn(index.domains, domain)).sort();
  if (ownDomains.length > 0) index.ownDomains = ownDomains;
  return index;
}
