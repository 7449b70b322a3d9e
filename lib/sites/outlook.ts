/**
 * Outlook on the web, mail: a message open in the reading pane. The URL names the item (`/mail/…/id/<ItemId>`);
 * Outlook renders no stable email attribute, so addresses come from the reading pane's sender/recipient text and
 * the `title`/`aria-label` of persona hover targets, with roles from the header labels (`From:`, `To:`, `Cc:`).
 *
 * Hook sources (public code, not verified on a live site):
 * - `#ReadingPaneContainerId` (and `main[aria-label="Reading Pane"]`) as the reading pane: several Outlook
 *   extensions and Playwright tests on GitHub.
 * - `div[role="document"]` as the message body and `.OZZZK` (an obfuscated class, expect it to change) as the
 *   sender line: the same extension code. We don't depend on the class; it only ranks the sender first.
 * - Persona buttons carry "Name <address>" or the address in `title`/`aria-label`: observed in the same code.
 */
import type { PageContext, SiteAdapter } from './types.ts';
import { collectEmails, emailsIn } from './emails.ts';
import { isOutlookHost, outlookItemId } from './outlook-hosts.ts';

const READING_PANE = ['#ReadingPaneContainerId', 'main[aria-label="Reading Pane"]', '[role="main"]'];
const SENDER = '.OZZZK, [data-testid="SenderPersona"]'; // Obfuscated class (2025), test id (newer builds)

export const outlook: SiteAdapter = {
  id: 'outlook',
  matches: (url) => isOutlookHost(url) && url.pathname.startsWith('/mail'),
  extract(url, doc): PageContext | null {
    const itemId = outlookItemId(url);
    if (!itemId) return null;
    const pane = READING_PANE.map((s) => doc.querySelector(s)).find((el) => el !== null);
    if (!pane) return null;
    const keys = collectEmails(pane);
    const senders = [...pane.querySelectorAll(SENDER)].flatMap((el) =>
      emailsIn(`${el.textContent ?? ''} ${el.getAttribute('title') ?? ''} ${el.getAttribute('aria-label') ?? ''}`),
    );
    for (const key of keys) if (senders.includes(key.email)) key.role = 'from';
    keys.sort((a, b) => Number(b.role === 'from') - Number(a.role === 'from'));
    return { site: 'outlook', keys, pageKind: 'mail', anchorHint: READING_PANE[0] };
  },
  watch: [...READING_PANE, 'div[role="document"]'],
};

/* ## Test URLs
https://outlook.office.com/mail/inbox/id/AAQkADAwATM3ZmYAZS1hZDk0LTFhNjQtMDACLTAwCgAQAGxH5kq%2BvQhFq0n9bE3e%2Fx0%3D
https://outlook.office365.com/mail/0/inbox/id/AAQkADAwATM3ZmYAZS1hZDk0LTFhNjQtMDACLTAwCgAQAGxH5kq%2BvQhFq0n9bE3e%2Fx0%3D
https://outlook.live.com/mail/0/deeplink/read/AQMkADAwATEwMzAwAS1hYjQxLWUzZWYtMDACLTAwCgBGAAAD
*/
