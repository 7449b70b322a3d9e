import { describe, expect, it } from 'vitest';
import { generic } from './generic.ts';
import { loadFixture } from '../../tests/fixtures/sites/load-fixture.ts';
import { SITE_FIXTURES } from '../../tests/fixtures/sites/fixtures.ts';

const URL_ = SITE_FIXTURES.find((f) => f.file === 'generic-webmail.html')?.url ?? '';

describe('generic adapter', () => {
  it.each([
    ['https://webmail.example-hoster.de/?_task=mail', true],
    ['http://intranet.local/crm/kunde/4711', true],
    ['file:///home/rep/mail.html', false],
    ['chrome-extension://abcdefghijklmnop/options.html', false],
  ])('matches(%s) → %s', (url, expected) => {
    expect(generic.matches(new URL(url))).toBe(expected);
  });

  it('reads the message inside a same-origin iframe, finding the sender that is only in the Reply-To line', async () => {
    const doc = loadFixture('generic-webmail.html', URL_);
    await new Promise((resolve) => setTimeout(resolve, 20)); // happy-dom builds the srcdoc document asynchronously
    expect(generic.extract(new URL(URL_), doc)).toEqual({
      site: 'generic',
      pageKind: 'mail',
      keys: [
        { kind: 'email', email: 'formular@web-relay-service.net', role: 'from' },
        { kind: 'email', email: 'anna.vogel@alpenglanz-hotels.at', role: 'reply-to' },
        { kind: 'email', email: 'vertrieb@hansen-industriebedarf.de', role: 'to' },
        { kind: 'email', email: 'rechnung@alpenglanz-hotels.at', role: 'mention' },
      ],
    });
  });

  it('works on a page without landmarks, and gives null when there is no address at all', () => {
    const doc = document.implementation.createHTMLDocument('x');
    doc.body.innerHTML =
      '<div><p>Ansprechpartner: <a href="mailto:Jana.Berg@Mueller-Maschinenbau.de?subject=Hallo">Jana</a></p></div>';
    expect(generic.extract(new URL('https://tickets.example.org/t/1'), doc)).toEqual({
      site: 'generic',
      pageKind: 'other',
      keys: [{ kind: 'email', email: 'jana.berg@mueller-maschinenbau.de' }],
    });
    doc.body.innerHTML = '<main><p>Keine Adresse hier.</p></main>';
    expect(generic.extract(new URL('https://tickets.example.org/t/2'), doc)).toBeNull();
  });

  it('skips hidden message views', () => {
    const doc = document.implementation.createHTMLDocument('x');
    doc.body.innerHTML =
      '<main hidden><p>Von: old@previous-customer.de</p></main><main><p>Von: new@current-customer.de</p></main>';
    expect(generic.extract(new URL('https://mail.example.org/'), doc)?.keys).toEqual([
      { kind: 'email', email: 'new@current-customer.de', role: 'from' },
    ]);
  });
});
