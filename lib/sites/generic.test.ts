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

  it('reads the message inside a same-origin iframe, finding the sender that is only in the Reply-To line (body mentions are not keys of an open message)', async () => {
    const doc = loadFixture('generic-webmail.html', URL_);
    await new Promise((resolve) => setTimeout(resolve, 20)); // happy-dom builds the srcdoc document asynchronously
    expect(generic.extract(new URL(URL_), doc)).toEqual({
      site: 'generic',
      pageKind: 'mail',
      keys: [
        { kind: 'email', email: 'formular@web-relay-service.net', role: 'from', source: 'text' },
        { kind: 'email', email: 'anna.vogel@alpenglanz-hotels.at', role: 'reply-to', source: 'text' },
        { kind: 'email', email: 'vertrieb@hansen-industriebedarf.de', role: 'to', source: 'text' },
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
      keys: [{ kind: 'email', email: 'jana.berg@mueller-maschinenbau.de', source: 'mailto' }],
    });
    doc.body.innerHTML = '<main><p>Keine Adresse hier.</p></main>';
    expect(generic.extract(new URL('https://tickets.example.org/t/2'), doc)).toBeNull();
  });

  it('skips hidden message views', () => {
    const doc = document.implementation.createHTMLDocument('x');
    doc.body.innerHTML =
      '<main hidden><p>Von: old@previous-customer.de</p></main><main><p>Von: new@current-customer.de</p></main>';
    expect(generic.extract(new URL('https://mail.example.org/'), doc)?.keys).toEqual([
      { kind: 'email', email: 'new@current-customer.de', role: 'from', source: 'text' },
    ]);
  });
});

/** A page built from `html` at a webmail URL. */
function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('x');
  doc.body.innerHTML = html;
  return doc;
}
const WEBMAIL = new URL('https://webmail.example.org/mailbox/INBOX/');
const emails = (doc: Document) =>
  generic.extract(WEBMAIL, doc)?.keys.map((k) => (k.kind === 'email' ? `${k.role ?? ''} ${k.email}` : k.kind));

/** A message list as a data table (column headers in the first row), as CiderWebmail and many others write it. */
const TABLE_LIST = `<table id="message_list"><tbody><tr><th class="from">From</th><th>Subject</th><th>Date</th></tr></tbody>
  <tbody><tr><td class="sender"><span title="k.vogel@brenner-armaturen.de">Katrin Vogel</span></td><td>Re: Angebot</td><td>05:40</td></tr></tbody>
  <tbody><tr><td class="sender"><span title="j.moeller@schaefer-kunststoff.de">Jürgen Möller</span></td><td>Angebot</td><td>07:40</td></tr></tbody></table>`;

/** A message list of repeated rows in divs with the sender in a class named "from" (Horde's dynamic view). */
const DIV_LIST = `<div id="msglist">
  <div class="vpRow"><div class="msgFrom" title="k.vogel@brenner-armaturen.de">Katrin Vogel</div><div class="msgSubject">Re: Angebot</div></div>
  <div class="vpRow vpRowSelected"><div class="msgFrom" title="j.moeller@schaefer-kunststoff.de">Jürgen Möller</div><div class="msgSubject">Angebot</div></div>
  <div class="vpRow"><div class="msgFrom" title="info@gysin-sensorik.ch">Gysin</div><div class="msgSubject">Anfrage</div></div></div>`;

describe('generic adapter on three-pane webmail layouts', () => {
  it.each([
    ['a data table', TABLE_LIST],
    ['repeated rows', DIV_LIST],
  ])('an inbox with no message open (list as %s) gives no context', (_name, list) => {
    expect(generic.extract(WEBMAIL, page(list))).toBeNull();
  });

  it('reads the open message below the list, not the list, with labels in table cells without a colon', () => {
    const doc = page(`${TABLE_LIST}<div id="message_view"><h1>Angebot</h1><table><tbody>
      <tr><th>From</th><td><a class="from_address" title="j.moeller@schaefer-kunststoff.de" href="/compose?to=j.moeller@schaefer-kunststoff.de">Jürgen Möller</a>
        <a title="Add to addressbook" href="?email=j.moeller@schaefer-kunststoff.de">+</a></td></tr>
      <tr><th>Reply-To</th><td>einkauf@schaefer-kunststoff.de</td></tr>
      <tr><th>To</th><td><span>mara.klein@alpenblick-software.de</span></td></tr></tbody></table>
      <p>Grüße, Jürgen Möller · j.moeller@schaefer-kunststoff.de · Kopie an k.vogel@brenner-armaturen.de</p></div>`);
    expect(emails(doc)).toEqual([
      'from j.moeller@schaefer-kunststoff.de',
      'reply-to einkauf@schaefer-kunststoff.de',
      'to mara.klein@alpenblick-software.de',
    ]);
  });

  it('takes the sender of a preview pane from a class name when there is no label, and ignores the list rows', () => {
    const doc = page(`${DIV_LIST}<div id="previewPane"><div id="msgHeadersColl">
      <span class="from"><a class="address" title="j.moeller@schaefer-kunststoff.de">Jürgen Möller</a></span>
      <span class="date">28.11.2026</span></div><div class="body">Hallo Frau Klein</div></div>`);
    expect(emails(doc)).toEqual(['from j.moeller@schaefer-kunststoff.de']);
  });

  it('reads header roles from definition lists, aria-labels and labels in other languages', () => {
    expect(emails(page('<dl><dt>Von</dt><dd>jana@mueller.de</dd><dt>An</dt><dd>me@hansen.de</dd></dl>'))).toEqual([
      'from jana@mueller.de',
      'to me@hansen.de',
    ]);
    expect(emails(page('<div aria-label="De"><span>Sophie</span> <span>s.martin@schaller.fr</span></div>'))).toEqual([
      'from s.martin@schaller.fr',
    ]);
    expect(emails(page('<table><tr><td>Da</td><td>l.bianchi@bianchi.it</td></tr></table>'))).toEqual([
      'from l.bianchi@bianchi.it',
    ]);
  });

  it('keeps the strongest role of every copy of an address, and quoted headers stay mentions', () => {
    const doc = page(`<div><p>To: jana@mueller.de</p><p>Cc: jana@mueller.de, tom@kraft.de</p></div>
      <blockquote><p>From: old@earlier-thread.de</p></blockquote>`);
    expect(emails(doc)).toEqual(['to jana@mueller.de', 'cc tom@kraft.de']);
  });

  it('keeps several recipients on one header line (they are not a list)', () => {
    const doc = page(`<table><tr><th>From:</th><td><a class="address" title="a@one.de">A</a></td></tr>
      <tr><th>To:</th><td><a class="address" title="b@two.de">B</a>, <a class="address" title="c@three.de">C</a></td></tr></table>`);
    expect(emails(doc)).toEqual(['from a@one.de', 'to b@two.de', 'to c@three.de']);
  });

  it('reads a sender named by a data-binding expression, and skips the signed-in user of the account menu', () => {
    const doc = page(`<md-sidenav><p ng-bind="::activeUser.email" class="md-caption">mara@alpenblick.de</p></md-sidenav>
      <md-card><span ng-bind="::viewer.message.from[0].name">Thomas Wendler</span>
      <a class="md-caption" ng-bind="::viewer.message.from[0].email">t.wendler@wendler.de</a></md-card>`);
    expect(emails(doc)).toEqual(['from t.wendler@wendler.de']);
    expect(generic.extract(WEBMAIL, page('<p ng-bind="::activeUser.email">mara@alpenblick.de</p>'))).toBeNull();
  });
});
