/**
 * Salesforce Lightning: a record page. The URL names the record (`/lightning/r/<Object>/<id>/view`); the record
 * name and highlights fields live in LWC shadow roots, so every DOM read goes through open shadow roots.
 *
 * Hook sources (public code, not verified on a live site):
 * - `/lightning/r/<Object>/<id>/view` and the short `/lightning/r/<id>/view`: Salesforce's documented Lightning URL
 *   format; 15/18-character ids with key prefixes 001 Account, 003 Contact, 006 Opportunity, 00Q Lead.
 * - `records-highlights2` with the name in `[slot="primaryField"]` and fields in `records-highlights-details-item`:
 *   Selenium/Playwright tests and Salesforce helper extensions on GitHub
 *   (`records-highlights2 lightning-formatted-text`, `//records-highlights2//slot[@name='entityLabel']`).
 * - Lightning keeps recently visited records in the DOM; we read only highlights that are shown (`isShown`), but a
 *   cached page hidden by a CSS class alone can't be told apart without layout: the URL id is the key to trust.
 */
import type { AccountKey, PageContext, SiteAdapter } from './types.ts';
import { isShown, queryAllDeep, textOf } from './dom.ts';
import { accountLinkKeys, uniqueKeys, websiteKey, type CrmRecord } from './crm-links.ts';
import { onBuiltInSite } from '../site-hosts.ts';

const SALESFORCE_HOSTS = /(?:^|\.)(?:force\.com|salesforce\.com)$/;
const PREFIX_TYPES: Record<string, string> = {
  '001': 'Account',
  '003': 'Contact',
  '006': 'Opportunity',
  '00Q': 'Lead',
};

/** The record a Lightning URL shows, with its object name (from the path or the id's key prefix), or null. */
export function salesforceRecord(url: URL): CrmRecord | null {
  if (!onBuiltInSite('salesforce', url)) return null;
  const match = /^\/lightning\/r\/(?:([A-Za-z][A-Za-z0-9_]*)\/)?([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/view\/?$/.exec(
    url.pathname,
  );
  const id = match?.[2];
  if (!id) return null;
  const recordType = match[1] ?? PREFIX_TYPES[id.slice(0, 3)] ?? 'Unknown';
  return { id, recordType };
}

export const salesforce: SiteAdapter = {
  id: 'salesforce',
  matches: (url) => onBuiltInSite('salesforce', url),
  extract(url, doc): PageContext | null {
    const record = salesforceRecord(url);
    if (!record) return null;
    const keys: AccountKey[] = [{ kind: 'crm', crm: 'salesforce', ...record }];
    const highlights = queryAllDeep(doc, 'records-highlights2').filter(isShown);
    const fields = highlights.flatMap((h) => queryAllDeep(h, 'a[href]'));
    if (record.recordType === 'Account') {
      const name = highlights.map((h) => textOf(h.querySelector('[slot="primaryField"]'))).find(Boolean);
      if (name) keys.push({ kind: 'name', name });
      for (const a of fields) keys.push(...websiteKey(a.getAttribute('href'), SALESFORCE_HOSTS));
    } else {
      keys.push(...accountLinkKeys(fields, url.href, 'salesforce', salesforceRecord, 'Account'));
    }
    for (const a of fields) {
      const href = a.getAttribute('href') ?? '';
      if (href.toLowerCase().startsWith('mailto:')) keys.push({ kind: 'email', email: href.slice(7).toLowerCase() });
    }
    return { site: 'salesforce', keys: uniqueKeys(keys), pageKind: 'record', anchorHint: 'records-highlights2' };
  },
  watch: ['records-highlights2', 'records-lwc-highlights-panel', 'one-record-home-flexipage2'],
};

/* ## Test URLs
https://acme.lightning.force.com/lightning/r/Account/001Dn00000ABCDeIAF/view
https://acme.lightning.force.com/lightning/r/Contact/003Dn00000XYZabIAB/view
https://acme--uat.sandbox.lightning.force.com/lightning/r/Opportunity/006Dn00000LmNoPIAV/view
https://acme.lightning.force.com/lightning/r/001Dn00000ABCDeIAF/view
*/
