/** Helpers shared by the CRM adapters: keys from links to account records and from website fields. */
import type { AccountKey, CrmName } from './types.ts';
import { hostOfLink, textOf } from './dom.ts';

export interface CrmRecord {
  id: string;
  recordType: string;
}

/**
 * Keys for the account records linked from `anchors` (e.g. the "Account Name" field of a contact): a CRM key per
 * link whose URL `parse` reads as a record of `accountType`, plus the link text as a name key.
 */
export function accountLinkKeys(
  anchors: Iterable<Element>,
  base: string,
  crm: CrmName,
  parse: (url: URL) => CrmRecord | null,
  accountType: string,
): AccountKey[] {
  const keys: AccountKey[] = [];
  for (const anchor of anchors) {
    let record: CrmRecord | null = null;
    try {
      record = parse(new URL(anchor.getAttribute('href') ?? '', base));
    } catch {
      continue;
    }
    if (record?.recordType !== accountType || keys.some((k) => k.kind === 'crm' && k.id === record.id)) continue;
    keys.push({ kind: 'crm', crm, id: record.id, recordType: record.recordType });
    const name = textOf(anchor);
    if (name) keys.push({ kind: 'name', name });
  }
  return keys;
}

/** A domain key from a website field's text, href or input value, unless it points back at the CRM itself. */
export function websiteKey(value: string | null | undefined, crmHost: RegExp): AccountKey[] {
  const host = hostOfLink(value);
  return host && host.includes('.') && !crmHost.test(host) ? [{ kind: 'domain', domain: host }] : [];
}

/** Keys without duplicates (same kind and value), first occurrence kept. */
export function uniqueKeys(keys: AccountKey[]): AccountKey[] {
  const seen = new Set<string>();
  return keys.filter((key) => {
    const id = JSON.stringify(key.kind === 'email' ? [key.kind, key.email] : key);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
