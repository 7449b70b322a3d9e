/**
 * The lookup structure the background matches page keys against: CRM id → accounts, domain → accounts,
 * normalised name → accounts, and name trigrams → accounts for tolerant matching. Plain objects and arrays only,
 * so it survives JSON and IndexedDB unchanged; postings hold positions in `ids`.
 */
import type { CrmName } from '../sites/types.ts';
import { normaliseDomain } from './domains.ts';
import { nameTrigrams, normaliseCompanyName } from './normalise.ts';

export const ACCOUNT_INDEX_VERSION = 1;

export interface AccountForIndex {
  id: string;
  name: string;
  domains: readonly string[];
  crmIds: Partial<Record<CrmName, string | undefined>>;
}

export interface AccountIndex {
  version: typeof ACCOUNT_INDEX_VERSION;
  /** Account ids; every posting below is a position in this array. */
  ids: string[];
  /** `<crm>:<normalised id>` → positions. */
  crm: Record<string, number[]>;
  /** Normalised domain → positions. */
  domains: Record<string, number[]>;
  /** Normalised name with spaces removed → positions. */
  names: Record<string, number[]>;
  /** Name trigram → positions. */
  trigrams: Record<string, number[]>;
  /** Number of distinct trigrams per position (the Dice denominator). */
  trigramCounts: number[];
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

function push(record: Record<string, number[]>, key: string, position: number): void {
  const list = record[key];
  if (list === undefined) record[key] = [position];
  else if (list[list.length - 1] !== position) list.push(position);
}

/** A fresh record without a prototype, so keys like "constructor" are plain data. */
function dict(): Record<string, number[]> {
  return Object.create(null) as Record<string, number[]>;
}

/**
 * Builds the index over `accounts` (any objects with id, name, domains and crmIds, e.g. the snapshot's accounts).
 * O(total characters of names and domains).
 *
 * @throws {Error} when an account id is empty or appears twice.
 * @example
 * buildAccountIndex([{ id: 'a1', name: 'Acme GmbH', domains: ['acme.de'], crmIds: {} }]).domains['acme.de']; // => [0]
 */
export function buildAccountIndex(accounts: readonly AccountForIndex[]): AccountIndex {
  const index: AccountIndex = {
    version: ACCOUNT_INDEX_VERSION, ids: [], crm: dict(), domains: dict(), names: dict(), trigrams: dict(), trigramCounts: [],
  };
  const seen = new Set<string>();
  accounts.forEach((account, position) => {
    if (!account.id) throw new Error(`buildAccountIndex: account at position ${position} has an empty id`);
    if (seen.has(account.id)) throw new Error(`buildAccountIndex: account id "${account.id}" appears twice`);
    seen.add(account.id);
    index.ids.push(account.id);
    for (const [crm, id] of Object.entries(account.crmIds)) {
      if (id) push(index.crm, `${crm}:${normaliseCrmId(crm as CrmName, id)}`, position);
    }
    for (const value of account.domains) {
      const domain = normaliseDomain(value);
      if (domain) push(index.domains, domain, position);
    }
    const name = normaliseCompanyName(account.name);
    const grams = name.length >= 3 ? nameTrigrams(name) : [];
    if (name) push(index.names, name.replace(/ /g, ''), position);
    for (const gram of grams) push(index.trigrams, gram, position);
    index.trigramCounts.push(grams.length);
  });
  return index;
}
