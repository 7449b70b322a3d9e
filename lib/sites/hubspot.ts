/**
 * HubSpot: a company, contact or deal record. The URL names the record
 * (`/contacts/<portal>/record/0-2/<id>` company, `0-1` contact, `0-3` deal; older `/contacts/<portal>/company/<id>`).
 *
 * Hook sources (public code, not verified on a live site):
 * - Object type ids 0-1/0-2/0-3 and both URL shapes: HubSpot's developer docs and record links built by
 *   integrations on GitHub (`app.hubspot.com/contacts/${portalId}/record/0-1/${id}`, `…/company/${id}`).
 * - Record name in the header: `[data-selenium-test="highlightTitle"]`, `[data-test-id="record-title"] h1`,
 *   `[data-test-id="record-header"] h1`: HubSpot helper extensions on GitHub list these as alternatives.
 * - Association cards in `[data-test-id="right-sidebar"]` link to the associated company records.
 * - EU data centre accounts use `app-eu1.hubspot.com`.
 */
import type { AccountKey, PageContext, SiteAdapter } from './types.ts';
import { firstTextDeep } from './dom.ts';
import { accountLinkKeys, uniqueKeys, websiteKey, type CrmRecord } from './crm-links.ts';
import { onBuiltInSite } from '../site-hosts.ts';

const OBJECT_TYPES: Record<string, string> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal' };
const NAME = [
  '[data-selenium-test="highlightTitle"]',
  '[data-test-id="record-title"] h1',
  '[data-test-id="record-header"] h1',
];
const HEADER = '[data-test-id="record-header"], [data-test-id="left-sidebar"]';

/** The record a HubSpot URL shows, or null. Custom objects come out as `object:<typeId>`. */
export function hubspotRecord(url: URL): CrmRecord | null {
  if (!onBuiltInSite('hubspot', url)) return null;
  const modern = /^\/contacts\/\d+\/record\/(\d+-\d+)\/(\d+)/.exec(url.pathname);
  if (modern?.[1] && modern[2]) return { id: modern[2], recordType: OBJECT_TYPES[modern[1]] ?? `object:${modern[1]}` };
  const legacy = /^\/contacts\/\d+\/(company|contact|deal)\/(\d+)/.exec(url.pathname); // Legacy URL shape
  return legacy?.[1] && legacy[2] ? { id: legacy[2], recordType: legacy[1] } : null;
}

export const hubspot: SiteAdapter = {
  id: 'hubspot',
  matches: (url) => onBuiltInSite('hubspot', url),
  extract(url, doc): PageContext | null {
    const record = hubspotRecord(url);
    if (!record) return null;
    const keys: AccountKey[] = [{ kind: 'crm', crm: 'hubspot', ...record }];
    const header = [...doc.querySelectorAll(HEADER)];
    if (record.recordType === 'company') {
      const name = firstTextDeep(doc, NAME);
      if (name) keys.push({ kind: 'name', name });
      for (const a of header.flatMap((h) => [...h.querySelectorAll('a[href]')])) {
        keys.push(...websiteKey(a.getAttribute('href'), /hubspot\.com$/));
      }
    } else {
      const sidebar = doc.querySelectorAll('[data-test-id="right-sidebar"] a[href]');
      keys.push(...accountLinkKeys(sidebar, url.href, 'hubspot', hubspotRecord, 'company'));
    }
    for (const a of header.flatMap((h) => [...h.querySelectorAll('a[href^="mailto:"]')])) {
      keys.push({ kind: 'email', email: (a.getAttribute('href') ?? '').slice(7).toLowerCase() });
    }
    return {
      site: 'hubspot',
      keys: uniqueKeys(keys),
      pageKind: 'record',
      anchorHint: '[data-test-id="record-header"]',
    };
  },
  watch: [...NAME, '[data-test-id="record-header"]', '[data-test-id="right-sidebar"]'],
};

/* ## Test URLs
https://app.hubspot.com/contacts/4711/record/0-2/9876543210
https://app-eu1.hubspot.com/contacts/26012345/record/0-1/151
https://app.hubspot.com/contacts/4711/company/9876543210
*/
