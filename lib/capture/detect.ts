/**
 * Which account a capture started outside the overlay is about (context menu, keyboard shortcut). The side panel
 * has no access to the page's DOM, so it reads what the capture carries: the page URL (a CRM record's id, or the
 * site's own domain) and the selected text (email addresses and web domains in it). The background matches the
 * keys like any page lookup, so corrections, freemail and the rep's own domain apply as on the overlay.
 */
import type { PendingCapture } from '../pending-capture.ts';
import { emailsIn } from '../sites/emails.ts';
import { dynamicsRecord } from '../sites/dynamics.ts';
import { hubspotRecord } from '../sites/hubspot.ts';
import { pipedriveRecord } from '../sites/pipedrive.ts';
import { salesforceRecord } from '../sites/salesforce.ts';
import type { AccountKey, CrmName, PageContext } from '../sites/types.ts';
import { zohoRecord } from '../sites/zoho.ts';

const CRM_URLS: readonly [CrmName, (url: URL) => { id: string; recordType: string } | null][] = [
  ['salesforce', salesforceRecord],
  ['hubspot', hubspotRecord],
  ['dynamics', dynamicsRecord],
  ['pipedrive', pipedriveRecord],
  ['zoho', zohoRecord],
];

/** Web addresses written in text ("www.acme.de", "https://shop.acme.de/x"), host only, lower-cased. */
const WEB_RE = /\b(?:https?:\/\/|www\.)([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi;
/** The schema's cap on keys per lookup (lib/message-schemas.ts PageContextSchema). */
const MAX_KEYS = 50;

/**
 * The account keys a capture's URL and selection give, strongest first: the CRM record in the URL, email
 * addresses and web addresses in the selection, then the page's own domain. Unparseable URLs give no key.
 * @example
 * captureKeys('https://mail.example.org/x', 'From: jo@acme.de');
 * // => [{ kind: 'email', email: 'jo@acme.de', role: 'mention' }, { kind: 'domain', domain: 'mail.example.org' }]
 */
export function captureKeys(url: string | undefined, selection: string | undefined): AccountKey[] {
  const keys: AccountKey[] = [];
  let page: URL | null = null;
  try {
    page = url ? new URL(url) : null;
  } catch {
    page = null;
  }
  if (page) {
    for (const [crm, parse] of CRM_URLS) {
      const record = parse(page);
      if (record) keys.push({ kind: 'crm', crm, id: record.id, recordType: record.recordType });
    }
  }
  const text = (selection ?? '').slice(0, 20_000);
  for (const email of emailsIn(text)) keys.push({ kind: 'email', email, role: 'mention' });
  const domains = new Set<string>();
  for (const match of text.matchAll(WEB_RE)) domains.add((match[1] ?? '').toLowerCase().replace(/^www\./, ''));
  if (page && /^https?:$/.test(page.protocol) && page.hostname.includes('.')) domains.add(page.hostname.toLowerCase());
  for (const domain of domains) if (domain.length >= 3 && domain.length <= 253) keys.push({ kind: 'domain', domain });
  return keys.slice(0, MAX_KEYS);
}

/** The `page.lookup` context for a capture, or null when it gives no key to look up. */
export function captureContext(capture: Pick<PendingCapture, 'url' | 'selection' | 'keys'>): PageContext | null {
  // The overlay's own keys for the tab (its site adapter read the page) come first.
  const keys = [...(capture.keys ?? []), ...captureKeys(capture.url, capture.selection)].slice(0, MAX_KEYS);
  return keys.length === 0 ? null : { site: 'capture', keys, pageKind: 'other' };
}
