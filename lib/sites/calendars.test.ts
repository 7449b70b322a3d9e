import { describe, expect, it } from 'vitest';
import { googleCalendar, googleEventId } from './google-calendar.ts';
import { outlookCalendar } from './outlook-calendar.ts';
import { loadFixture } from '../../tests/fixtures/sites/load-fixture.ts';
import { SITE_FIXTURES } from '../../tests/fixtures/sites/fixtures.ts';

const urlOf = (file: string): string => SITE_FIXTURES.find((f) => f.file === file)?.url ?? '';
const attendee = (email: string) => ({ kind: 'email', email, role: 'attendee' });

describe('google calendar', () => {
  it.each([
    [urlOf('google-calendar-event.html'), 'NWp0ZmNhOGxkZ2VlMnM2dGVzdDEgdmVydHJpZWJAaGFuc2Vu'],
    ['https://calendar.google.com/calendar/r/eventedit/abc123', 'abc123'],
    ['https://calendar.google.com/calendar/u/0/r/week/2026/3/16', null],
  ])('event id of %s → %s', (url, expected) => {
    expect(googleEventId(new URL(url))).toBe(expected);
  });

  it.each([
    ['https://calendar.google.com/calendar/u/0/r', true],
    ['https://mail.google.com/mail/u/0/#inbox', false],
  ])('matches(%s) → %s', (url, expected) => {
    expect(googleCalendar.matches(new URL(url))).toBe(expected);
  });

  it('reads every guest of the edited event as an attendee', () => {
    const url = urlOf('google-calendar-event.html');
    expect(googleCalendar.extract(new URL(url), loadFixture('google-calendar-event.html', url))).toEqual({
      site: 'google-calendar',
      pageKind: 'calendar',
      anchorHint: '[role="dialog"][data-eventid], #xDetDlg',
      keys: [
        attendee('vertrieb@hansen-industriebedarf.de'),
        attendee('jana.berg@mueller-maschinenbau.de'),
        attendee('tom@kraft-logistik.com'),
      ],
    });
  });

  it('reads the event detail dialog over the week view, and nothing when no dialog is open', () => {
    const url = 'https://calendar.google.com/calendar/u/0/r/week/2026/3/16';
    const doc = loadFixture('google-calendar-event.html', url);
    expect(googleCalendar.extract(new URL(url), doc)).toBeNull();
    doc.body.insertAdjacentHTML(
      'beforeend',
      '<div role="dialog" id="xDetDlg" data-eventid="5jtfca8ldgee"><span data-hovercard-id="anna.vogel@alpenglanz-hotels.at">Anna Vogel</span></div>',
    );
    expect(googleCalendar.extract(new URL(url), doc)?.keys).toEqual([attendee('anna.vogel@alpenglanz-hotels.at')]);
  });
});

describe('outlook calendar', () => {
  it.each([
    [urlOf('outlook-calendar-event.html'), true],
    ['https://outlook.office.com/calendar/view/week', true],
    ['https://outlook.office.com/mail/inbox', false],
  ])('matches(%s) → %s', (url, expected) => {
    expect(outlookCalendar.matches(new URL(url))).toBe(expected);
  });

  it('reads the attendees of an event page from persona labels', () => {
    const url = urlOf('outlook-calendar-event.html');
    expect(outlookCalendar.extract(new URL(url), loadFixture('outlook-calendar-event.html', url))?.keys).toEqual([
      attendee('anna.vogel@alpenglanz-hotels.at'),
      attendee('tom@kraft-logistik.com'),
      attendee('vertrieb@hansen-industriebedarf.de'),
    ]);
  });

  it('reads the attendees of a deeplink compose from the URL', () => {
    const url =
      'https://outlook.office.com/calendar/0/deeplink/compose?subject=Jahresgespr%C3%A4ch&to=jana.berg%40mueller-maschinenbau.de,tom%40kraft-logistik.com';
    const doc = loadFixture('outlook-calendar-event.html', url);
    doc.querySelector('[role="main"]')?.remove();
    expect(outlookCalendar.extract(new URL(url), doc)?.keys).toEqual([
      attendee('jana.berg@mueller-maschinenbau.de'),
      attendee('tom@kraft-logistik.com'),
    ]);
  });

  it('gives no context for the week view', () => {
    const url = 'https://outlook.office.com/calendar/view/week';
    expect(outlookCalendar.extract(new URL(url), loadFixture('outlook-calendar-event.html', url))).toBeNull();
  });
});
