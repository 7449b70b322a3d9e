/**
 * Any site the rep enables (webmail we never tuned for, a ticket system, an ERP web client): addresses in
 * `mailto:` links, in `email`/`data-email`/`title`/`aria-label` attributes and in the visible text of the focused
 * message area, including messages rendered in same-origin iframes. Roles come from header labels, so a sender
 * that only appears in a "Reply-To:" line is still found. The background matches them by domain.
 *
 * Hooks: ARIA landmarks (`[role="main"]`, `main`, `article`) from the WAI-ARIA spec, which most webmail follows;
 * nothing site-specific.
 */
import type { AccountKey, PageContext, SiteAdapter } from './types.ts';
import { isShown, sameOriginFrameDocs } from './dom.ts';
import { collectEmails } from './emails.ts';

const AREAS = ['[role="main"]', 'main', '[role="article"]', 'article'];
const HEADER_ROLES = new Set(['from', 'to', 'cc', 'reply-to']);

/** The message area: the landmark holding the focus, else the first shown landmark, else the body. */
function focusedArea(doc: Document): Element | null {
  const active = doc.activeElement;
  const selector = AREAS.join(', ');
  const holding = active && active !== doc.body ? active.closest(selector) : null;
  return holding ?? [...doc.querySelectorAll(selector)].find(isShown) ?? doc.body;
}

/** Merges email keys found in several roots; the first occurrence (strongest role, as collected) wins. */
function merge(lists: AccountKey[][]): AccountKey[] {
  const seen = new Set<string>();
  return lists.flat().filter((key) => {
    const id = key.kind === 'email' ? key.email : JSON.stringify(key);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export const generic: SiteAdapter = {
  id: 'generic',
  matches: (url) => url.protocol === 'https:' || url.protocol === 'http:',
  extract(_url, doc): PageContext | null {
    const area = focusedArea(doc);
    if (!area) return null;
    const frames = sameOriginFrameDocs(doc).flatMap((d) => (d.body ? [focusedArea(d) ?? d.body] : []));
    const lists = [area, ...frames].map((root) => collectEmails(root));
    // Header roles first across all roots, so a sender inside the message frame outranks a mention outside it.
    const keys = merge(lists).sort(
      (a, b) =>
        Number(b.kind === 'email' && HEADER_ROLES.has(b.role ?? '')) -
        Number(a.kind === 'email' && HEADER_ROLES.has(a.role ?? '')),
    );
    if (keys.length === 0) return null;
    const isMail = keys.some((k) => k.kind === 'email' && HEADER_ROLES.has(k.role ?? ''));
    return { site: 'generic', keys, pageKind: isMail ? 'mail' : 'other' };
  },
  watch: [...AREAS, 'iframe', 'a[href^="mailto:"]'],
};

/* ## Test URLs
https://webmail.example-hoster.de/?_task=mail&_action=show&_uid=4711&_mbox=INBOX
https://mail.example.org/SOGo/so/jane/Mail/view#!/Mail/0/INBOX/4711
*/
