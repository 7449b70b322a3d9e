/**
 * Gmail: an open thread. The URL names the thread (`#<view>/<threadId>`); the sender and recipients are read from
 * `span[email]` inside the visible thread.
 *
 * Hook sources (public code, not verified on a live site; re-check when Gmail changes):
 * - `span[email]` with the address in the `email` attribute, `span.gD` = sender, `td.gF` = sender cell of the
 *   message header: Gmail automation scripts and extensions on GitHub (Selenium page objects using
 *   `h3.iw > span.gD`, `span.gD[email]`, `td.gF`; content scripts reading `getAttribute('email')`).
 * - `h2.hP` subject with `data-legacy-thread-id` / `data-thread-perm-id`: the same scripts
 *   (`h2[data-legacy-thread-id]`); we use it to pick the thread the URL names.
 * - Gmail keeps earlier thread views in the DOM and hides them, so when the URL id can't be found on the page we
 *   take the thread that is shown (`isShown`), never the first in the document.
 * - The expanded details table (`to:`, `cc:`, `reply-to:` rows) gives roles through the header labels.
 */
import type { PageContext, SiteAdapter } from './types.ts';
import { onBuiltInSite } from '../site-hosts.ts';
import { isShown } from './dom.ts';
import { collectEmails } from './emails.ts';

/** Legacy ids are 16 hex digits; current ones use a consonant-only alphabet ("FMfcgz…"). */
const THREAD_ID = /^(?:[0-9a-f]{16}|[BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz]{20,})$/;
const SUBJECT = 'h2.hP, h2[data-legacy-thread-id], h2[data-thread-perm-id]';

/** The thread id in a Gmail URL (`#inbox/<id>`, `#label/Kunden/<id>`, `#search/acme/<id>`), or null. */
export function gmailThreadId(url: URL): string | null {
  const parts = url.hash.replace(/^#/, '').split('?')[0]?.split('/') ?? [];
  const last = parts.at(-1) ?? '';
  return parts.length >= 2 && THREAD_ID.test(last) ? last : null;
}

/** The element holding the thread the URL names: the subject with that id, else the one shown. */
function openThread(doc: Document, threadId: string): Element | null {
  const subjects = [...doc.querySelectorAll(SUBJECT)];
  const byId = subjects.find(
    (h) =>
      h.getAttribute('data-legacy-thread-id') === threadId || h.getAttribute('data-thread-perm-id')?.endsWith(threadId),
  );
  const subject = byId ?? subjects.find(isShown);
  return subject?.closest('[role="main"]') ?? subject?.parentElement ?? null;
}

export const gmail: SiteAdapter = {
  id: 'gmail',
  matches: (url) => onBuiltInSite('gmail', url) && url.pathname.startsWith('/mail/'),
  extract(url, doc): PageContext | null {
    const threadId = gmailThreadId(url);
    if (!threadId) return null;
    const thread = openThread(doc, threadId);
    if (!thread) return null;
    const keys = collectEmails(thread);
    // The sender span is the most reliable hook: force its role even when no "from" label is rendered.
    for (const sender of thread.querySelectorAll('span.gD[email], td.gF span[email]')) {
      const email = sender.getAttribute('email')?.toLowerCase();
      const key = keys.find((k) => k.email === email);
      if (key) key.role = 'from';
    }
    keys.sort((a, b) => Number(b.role === 'from') - Number(a.role === 'from'));
    return { site: 'gmail', keys, pageKind: 'mail', anchorHint: 'h2.hP' };
  },
  watch: [SUBJECT, 'span[email]', '[role="main"]'],
};

/* ## Test URLs
https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN
https://mail.google.com/mail/u/1/#label/Kunden/18c2f0a9b7d4e6f1
https://mail.google.com/mail/u/0/#search/acme/FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN
*/
