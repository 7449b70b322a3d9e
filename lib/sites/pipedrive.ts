/**
 * Pipedrive: an organization, person or deal detail page. The URL names the record
 * (`<company>.pipedrive.com/organization/<id>`, `/person/<id>`, `/deal/<id>`).
 *
 * Hook sources (public code, not verified on a live site):
 * - The URL shapes: record links built by integrations on GitHub
 *   (`https://${domain}.pipedrive.com/organization/${id}`, `…/deal/42`, `app.pipedrive.com/organization/2045`).
 * - The header title: `[data-testid="header-title"]`, then the page's `h1` (no public source names a stable hook;
 *   the URL id is what matters).
 * - Person and deal pages link their organization (`a[href*="/organization/"]`).
 */
import type { AccountKey, PageContext, SiteAdapter } from './types.ts';
import { firstTextDeep } from './dom.ts';
import { accountLinkKeys, uniqueKeys, type CrmRecord } from './crm-links.ts';
import { emailsIn } from './emails.ts';
import { onBuiltInSite } from '../site-hosts.ts';

const TITLE = ['[data-testid="header-title"]', 'h1'];

/** The record a Pipedrive URL shows, or null. */
export function pipedriveRecord(url: URL): CrmRecord | null {
  if (!onBuiltInSite('pipedrive', url)) return null;
  const match = /^\/(organization|person|deal)\/(\d+)(?:\/|$)/.exec(url.pathname);
  return match?.[1] && match[2] ? { id: match[2], recordType: match[1] } : null;
}

export const pipedrive: SiteAdapter = {
  id: 'pipedrive',
  matches: (url) => onBuiltInSite('pipedrive', url),
  extract(url, doc): PageContext | null {
    const record = pipedriveRecord(url);
    if (!record) return null;
    const keys: AccountKey[] = [{ kind: 'crm', crm: 'pipedrive', ...record }];
    if (record.recordType === 'organization') {
      const name = firstTextDeep(doc, TITLE);
      if (name) keys.push({ kind: 'name', name });
    } else {
      const links = doc.querySelectorAll('main a[href*="/organization/"], [role="main"] a[href*="/organization/"]');
      keys.push(...accountLinkKeys(links, url.href, 'pipedrive', pipedriveRecord, 'organization'));
    }
    for (const a of doc.querySelectorAll('main a[href^="mailto:"], [role="main"] a[href^="mailto:"]')) {
      for (const email of emailsIn(a.getAttribute('href') ?? '')) keys.push({ kind: 'email', email });
    }
    return { site: 'pipedrive', keys: uniqueKeys(keys), pageKind: 'record', anchorHint: TITLE[0] };
  },
  watch: [...TITLE, 'main', '[role="main"]'],
};

/* ## Test URLs
https://acme.pipedrive.com/organization/2045
https://acme.pipedrive.com/person/318
https://acme.pipedrive.com/deal/42
*/
