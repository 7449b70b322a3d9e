/**
 * Google Calendar: an event being edited (`/calendar/…/r/eventedit/<id>`) or the event detail dialog over any
 * view. The attendees' addresses (their domains) say which accounts the meeting is with.
 *
 * Hook sources (public code, not verified on a live site):
 * - `/r/eventedit/<id>`: Google Calendar's own links ("Edit event").
 * - The detail dialog as `[role="dialog"]` with `data-eventid` (`#xDetDlg`), attendees as elements with the address
 *   in `data-email` or `data-hovercard-id`: Calendar/Gmail helper scripts and tests on GitHub read both attributes.
 */
import type { PageContext, SiteAdapter } from './types.ts';
import { onBuiltInSite } from '../site-hosts.ts';
import { isShown } from './dom.ts';
import { collectEmails } from './emails.ts';

const DIALOG = '[role="dialog"][data-eventid], #xDetDlg';

/** The event id in an eventedit URL, or null. */
export function googleEventId(url: URL): string | null {
  return /^\/calendar\/(?:u\/\d+\/)?r\/eventedit\/([^/?#]+)/.exec(url.pathname)?.[1] ?? null;
}

export const googleCalendar: SiteAdapter = {
  id: 'google-calendar',
  matches: (url) => onBuiltInSite('google-calendar', url) && url.pathname.startsWith('/calendar'),
  extract(url, doc): PageContext | null {
    const dialog = [...doc.querySelectorAll(DIALOG)].find(isShown);
    const scope = googleEventId(url) ? (doc.querySelector('[role="main"]') ?? doc.body) : dialog;
    if (!scope) return null;
    return {
      site: 'google-calendar',
      keys: collectEmails(scope, { role: 'attendee' }),
      pageKind: 'calendar',
      anchorHint: DIALOG,
    };
  },
  watch: [DIALOG, '[data-email]', '[data-hovercard-id]'],
};

/* ## Test URLs
https://calendar.google.com/calendar/u/0/r/eventedit/NWp0ZmNhOGxkZ2VlMnM2dGVzdDEgamFuZUBhY21lLmRl
https://calendar.google.com/calendar/r/week/2026/3/16
*/
