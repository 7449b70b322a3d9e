/**
 * Zoho CRM: an Accounts, Contacts or Deals record. The URL names the record
 * (`crm.zoho.<tld>/crm/org<orgId>/tab/Accounts/<id>`; older links lack `org<orgId>`).
 *
 * Hook sources (public code, not verified on a live site):
 * - The URL shape: Zoho's "record URL" help pages and record links in integrations on GitHub.
 * - `data-zcqa` attributes as Zoho's own test hooks: Selenium page objects and helper extensions on GitHub
 *   (`//div[@data-zcqa='profilePicture']`, `data-zcqa="rec_Last_Name"` on field widgets). Fields follow the API
 *   name: `rec_Account_Name` (the account on Accounts, the account lookup on Contacts and Deals), `rec_Website`,
 *   `rec_Email`.
 */
import type { AccountKey, PageContext, SiteAdapter } from './types.ts';
import { textOf } from './dom.ts';
import { emailsIn } from './emails.ts';
import { accountLinkKeys, uniqueKeys, websiteKey, type CrmRecord } from './crm-links.ts';
import { onBuiltInSite } from '../site-hosts.ts';

const MODULES: Record<string, string> = {
  Accounts: 'Accounts',
  Contacts: 'Contacts',
  Deals: 'Deals',
  Potentials: 'Deals',
  Leads: 'Leads',
};

/** The record a Zoho CRM URL shows (module as record type; the legacy "Potentials" reads as Deals), or null. */
export function zohoRecord(url: URL): CrmRecord | null {
  if (!onBuiltInSite('zoho', url)) return null;
  const match = /^\/crm\/(?:org\d+\/)?tab\/([A-Za-z]+)\/(\d+)(?:\/|$)/.exec(url.pathname);
  const recordType = match?.[1] ? MODULES[match[1]] : undefined;
  return recordType && match?.[2] ? { id: match[2], recordType } : null;
}

export const zoho: SiteAdapter = {
  id: 'zoho',
  matches: (url) => onBuiltInSite('zoho', url),
  extract(url, doc): PageContext | null {
    const record = zohoRecord(url);
    if (!record) return null;
    const keys: AccountKey[] = [{ kind: 'crm', crm: 'zoho', ...record }];
    const accountField = doc.querySelector('[data-zcqa="rec_Account_Name"]');
    if (record.recordType !== 'Accounts' && accountField) {
      keys.push(...accountLinkKeys(accountField.querySelectorAll('a[href]'), url.href, 'zoho', zohoRecord, 'Accounts'));
    }
    const name = textOf(accountField);
    if (name) keys.push({ kind: 'name', name });
    const website = doc.querySelector('[data-zcqa="rec_Website"]');
    keys.push(...websiteKey(website?.querySelector('a')?.getAttribute('href') ?? textOf(website), /zoho\./));
    for (const email of emailsIn(textOf(doc.querySelector('[data-zcqa="rec_Email"]')))) {
      keys.push({ kind: 'email', email });
    }
    return { site: 'zoho', keys: uniqueKeys(keys), pageKind: 'record', anchorHint: '[data-zcqa="rec_Account_Name"]' };
  },
  watch: ['[data-zcqa^="rec_"]', '#recordDetails'],
};

/* ## Test URLs
https://crm.zoho.eu/crm/org20071234567/tab/Accounts/5725767000000412003
https://crm.zoho.com/crm/org712345678/tab/Contacts/4876876000000225013
https://crm.zoho.in/crm/tab/Potentials/2445013000000164009
*/
