/**
 * Outlook on the web, calendar: an event (`/calendar/…/item/<ItemId>`) or a new event from a deeplink
 * (`/calendar/…/deeplink/compose?to=a@x.de,b@y.com`). Attendee addresses come from the `to` parameter (reliable)
 * and from the event's people list (best effort: `title`/`aria-label`/text, as in the mail adapter).
 *
 * Hook sources (public code, not verified on a live site):
 * - The deeplink compose parameters (`subject`, `body`, `startdt`, `enddt`, `to`): Microsoft's "Outlook on the web
 *   deep links" documentation and integrations that build them.
 * - `[role="dialog"]` / `[role="main"]` as the event form: ARIA landmarks, no site-specific class.
 */
import type { AccountKey, PageContext, SiteAdapter } from './types.ts';
import { collectEmails, emailsIn } from './emails.ts';
import { isOutlookHost, outlookItemId } from './outlook-hosts.ts';

const COMPOSE = /^\/calendar\/(?:\d+\/)?(?:deeplink|action)\/compose/;

export const outlookCalendar: SiteAdapter = {
  id: 'outlook-calendar',
  matches: (url) => isOutlookHost(url) && url.pathname.startsWith('/calendar'),
  extract(url, doc): PageContext | null {
    const isCompose = COMPOSE.test(url.pathname);
    if (!isCompose && !outlookItemId(url)) return null;
    const fromUrl: AccountKey[] = isCompose
      ? emailsIn(`${url.searchParams.get('to') ?? ''} ${url.searchParams.get('cc') ?? ''}`).map((email) => ({
          kind: 'email',
          email,
          role: 'attendee',
        }))
      : [];
    const scope = doc.querySelector('[role="dialog"]') ?? doc.querySelector('[role="main"]');
    const fromPage = scope ? collectEmails(scope, { role: 'attendee' }) : [];
    const keys = [
      ...fromUrl,
      ...fromPage.filter((k) => !fromUrl.some((u) => u.kind === 'email' && u.email === k.email)),
    ];
    return { site: 'outlook-calendar', keys, pageKind: 'calendar', anchorHint: '[role="dialog"]' };
  },
  watch: ['[role="dialog"]', '[role="main"]'],
};

/* ## Test URLs
https://outlook.office.com/calendar/item/AAMkAGI2THVSAAA%3D
https://outlook.office.com/calendar/0/deeplink/compose?subject=Jahresgespr%C3%A4ch&to=jana.berg%40mueller-maschinenbau.de,tom%40kraft-logistik.com
https://outlook.live.com/calendar/0/item/AQMkADAwATM0MDAAMS0wZjYAZS0wMQ%3D%3D
*/
