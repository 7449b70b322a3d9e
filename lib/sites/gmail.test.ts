import { describe, expect, it } from 'vitest';
import { gmail, gmailThreadId } from './gmail.ts';
import { loadFixture } from '../../tests/fixtures/sites/load-fixture.ts';

const LEGACY = 'https://mail.google.com/mail/u/0/#inbox/18c2f0a9b7d4e6f1';
const MODERN = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN';

describe('gmail URL predicate', () => {
  it.each([
    ['https://mail.google.com/mail/u/0/#inbox', true],
    [LEGACY, true],
    ['https://mail.google.com/mail/u/1/#label/Kunden/18c2f0a9b7d4e6f1', true],
    ['https://mail.google.com/chat/u/0/#chat/home', false],
    ['https://calendar.google.com/calendar/u/0/r', false],
    ['https://mail.google.com.evil.example/mail/u/0/#inbox', false],
  ])('%s → %s', (url, expected) => {
    expect(gmail.matches(new URL(url))).toBe(expected);
  });
});

describe('gmailThreadId', () => {
  it.each([
    [LEGACY, '18c2f0a9b7d4e6f1'],
    [MODERN, 'FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN'],
    [
      'https://mail.google.com/mail/u/0/#search/acme/FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN',
      'FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN',
    ],
    [
      'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN?compose=new',
      'FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN',
    ],
    ['https://mail.google.com/mail/u/0/#inbox', null],
    // A label name made of letters with vowels is not a thread id.
    ['https://mail.google.com/mail/u/0/#label/Kundenkorrespondenz', null],
    ['https://mail.google.com/mail/u/0/#inbox/p2', null],
  ])('%s → %s', (url, expected) => {
    expect(gmailThreadId(new URL(url))).toBe(expected);
  });
});

describe('gmail extraction on the two-thread fixture', () => {
  it('reads the thread the legacy id names: sender first, reply-to, to and cc from the details labels', () => {
    const doc = loadFixture('gmail-threads.html', LEGACY, { runScripts: true });
    expect(gmail.extract(new URL(LEGACY), doc)).toEqual({
      site: 'gmail',
      pageKind: 'mail',
      anchorHint: 'h2.hP',
      keys: [
        { kind: 'email', email: 'jana.berg@mueller-maschinenbau.de', role: 'from' },
        { kind: 'email', email: 'einkauf@mueller-maschinenbau.de', role: 'reply-to' },
        { kind: 'email', email: 'vertrieb@hansen-industriebedarf.de', role: 'to' },
        { kind: 'email', email: 'tom@kraft-logistik.com', role: 'cc' },
      ],
    });
  });

  it('reads the shown thread for a modern id even though the other thread comes first in the DOM', () => {
    const doc = loadFixture('gmail-threads.html', MODERN, { runScripts: true });
    const context = gmail.extract(new URL(MODERN), doc);
    expect(context?.keys).toEqual([
      { kind: 'email', email: 'tom@kraft-logistik.com', role: 'from' },
      { kind: 'email', email: 'disposition@kraft-logistik.com', role: 'mention' },
    ]);
  });

  it('gives no context for the inbox list', () => {
    const url = 'https://mail.google.com/mail/u/0/#inbox';
    const doc = loadFixture('gmail-threads.html', url, { runScripts: true });
    expect(gmail.extract(new URL(url), doc)).toBeNull();
  });
});
