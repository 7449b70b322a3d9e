/**
 * Dynamics 365 (model-driven apps / Unified Interface): an entity record form. The URL names the record
 * (`main.aspx?…pagetype=entityrecord&etn=account&id=<guid>`).
 *
 * Hook sources (public code, not verified on a live site):
 * - `main.aspx` with `etn` and `id` (the GUID, sometimes in `%7B…%7D` braces): Microsoft's "open forms, views,
 *   dialogs and reports with a URL" docs and Playwright helpers on GitHub (`main.aspx?…&etn=${entity}&id=${id}`).
 * - `[data-id="header_title"]` as the record title (it may end in " - Saved"): Playwright page objects on GitHub.
 * - `[data-id="<field>.fieldControl-…"]` as field controls (websiteurl, emailaddress1) and the lookup tag
 *   `[data-id*="_selected_tag_text"]` (parentcustomerid, parentaccountid, customerid): the same page objects.
 */
import type { AccountKey, PageContext, SiteAdapter } from './types.ts';
import { textOf } from './dom.ts';
import { emailsIn } from './emails.ts';
import { uniqueKeys, websiteKey, type CrmRecord } from './crm-links.ts';
import { onBuiltInSite } from '../site-hosts.ts';

/** Record pages are on an organisation's regional host (`contoso.crm4.dynamics.com`). */
const RECORD_HOST = /\.crm\d*\.dynamics\.com$/;
const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const ACCOUNT_LOOKUPS = ['parentcustomerid', 'parentaccountid', 'customerid']
  .map((field) => `[data-id^="${field}.fieldControl"][data-id*="_selected_tag_text"]`)
  .join(', ');

/** The record a Dynamics URL shows (GUID lower-cased, braces removed), or null. */
export function dynamicsRecord(url: URL): CrmRecord | null {
  if (!onBuiltInSite('dynamics', url) || !RECORD_HOST.test(url.hostname) || !url.pathname.endsWith('/main.aspx'))
    return null;
  const etn = url.searchParams.get('etn');
  const id = GUID.exec(url.searchParams.get('id') ?? '')?.[1];
  return etn && id ? { id: id.toLowerCase(), recordType: etn.toLowerCase() } : null;
}

/** Input value or text of a field control. */
function fieldValue(doc: Document, selector: string): string {
  const el = doc.querySelector(selector);
  return (el?.getAttribute('value') ?? '') || textOf(el);
}

export const dynamics: SiteAdapter = {
  id: 'dynamics',
  matches: (url) => onBuiltInSite('dynamics', url),
  extract(url, doc): PageContext | null {
    const record = dynamicsRecord(url);
    if (!record) return null;
    const keys: AccountKey[] = [{ kind: 'crm', crm: 'dynamics', ...record }];
    if (record.recordType === 'account') {
      const title = textOf(doc.querySelector('[data-id="header_title"]')).replace(
        /\s*-\s*(?:saved|unsaved|gespeichert|nicht gespeichert)$/i,
        '',
      );
      if (title) keys.push({ kind: 'name', name: title });
      keys.push(...websiteKey(fieldValue(doc, '[data-id^="websiteurl.fieldControl"]'), /dynamics\.com$/));
    } else {
      for (const lookup of doc.querySelectorAll(ACCOUNT_LOOKUPS)) {
        const name = textOf(lookup);
        if (name) keys.push({ kind: 'name', name });
      }
    }
    for (const email of emailsIn(fieldValue(doc, '[data-id^="emailaddress1.fieldControl"]'))) {
      keys.push({ kind: 'email', email });
    }
    return { site: 'dynamics', keys: uniqueKeys(keys), pageKind: 'record', anchorHint: '[data-id="header_title"]' };
  },
  watch: ['[data-id="header_title"]', '[data-id="form-header"]', '[data-id*="_selected_tag_text"]'],
};

/* ## Test URLs
https://contoso.crm4.dynamics.com/main.aspx?appid=5b8a1c7e-2d4f-4e6a-9b3c-1f2e3d4c5b6a&pagetype=entityrecord&etn=account&id=3f2504e0-4f89-11d3-9a0c-0305e82c3301
https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=%7B9A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D%7D
*/
