import { describe, expect, it } from 'vitest';
import { collectEmails, emailsIn, roleFromLabel } from './emails.ts';

describe('emailsIn', () => {
  it('finds addresses, lower-cased and once each, and skips retina file names', () => {
    expect(
      emailsIn(
        "Jana <Jana.Berg@Mueller-Maschinenbau.de>, jana.berg@mueller-maschinenbau.de; logo@2x.png, o'neil@x.co.uk.",
      ),
    ).toEqual(['jana.berg@mueller-maschinenbau.de', "o'neil@x.co.uk"]);
  });
});

describe('roleFromLabel', () => {
  it.each([
    ['From: Jana Berg <', 'from'],
    ['Von: ', 'from'],
    ['De : ', 'from'],
    ['Reply-To: ', 'reply-to'],
    ['Antwort an: Einkauf <', 'reply-to'],
    ['An: a@x.de, ', 'to'],
    ['To: ', 'to'],
    ['Cc: ', 'cc'],
    ['Bcc: ', 'cc'],
    ['Teilnehmer: ', 'attendee'],
    ['From: a@x.de To: ', 'to'],
    ['please write to ', undefined],
    ['Sent from my phone; contact ', undefined],
    // A label followed by a long sentence is not a header line.
    ['From: Jana Berg, who wrote on Monday that the order for the spare parts will follow next week, and ', undefined],
  ])('%j → %s', (before, expected) => {
    expect(roleFromLabel(before)).toBe(expected);
  });
});

describe('collectEmails', () => {
  const root = (html: string): Element => {
    const doc = document.implementation.createHTMLDocument('t');
    doc.body.innerHTML = html;
    return doc.body;
  };

  it('takes roles from labels in sibling cells, bold labels and attributes, strongest role per address', () => {
    const body = root(`
      <table><tr><td>Reply-To:</td><td><span email="einkauf@acme.de">Einkauf</span></td></tr></table>
      <div><b>Von:</b> Jana &lt;jana@acme.de&gt;</div>
      <div>Cc: <button title="tom@kraft.de">Tom</button></div>
      <p>Bitte auch jana@acme.de und buchhaltung@acme.de informieren.</p>
      <p style="display: none">Von: hidden@elsewhere.de</p>
      <a href="mailto:Info@Acme.de?subject=x">Info</a>`);
    expect(collectEmails(body)).toEqual([
      { kind: 'email', email: 'jana@acme.de', role: 'from' },
      { kind: 'email', email: 'einkauf@acme.de', role: 'reply-to' },
      { kind: 'email', email: 'tom@kraft.de', role: 'cc' },
      { kind: 'email', email: 'info@acme.de' },
      { kind: 'email', email: 'buchhaltung@acme.de', role: 'mention' },
    ]);
  });

  it('can force one role for every address (calendar attendees)', () => {
    expect(collectEmails(root('<p>From: a@x.de</p><span data-email="b@y.de"></span>'), { role: 'attendee' })).toEqual([
      { kind: 'email', email: 'b@y.de', role: 'attendee' },
      { kind: 'email', email: 'a@x.de', role: 'attendee' },
    ]);
  });

  it('starts a new line at <br>', () => {
    expect(collectEmails(root('<p>From: a@x.de<br>Fragen gern an b@y.de</p>'))).toEqual([
      { kind: 'email', email: 'a@x.de', role: 'from' },
      { kind: 'email', email: 'b@y.de', role: 'mention' },
    ]);
  });
});
