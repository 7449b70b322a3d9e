import { describe, expect, it } from 'vitest';
import { outlook } from './outlook.ts';
import { outlookItemId } from './outlook-hosts.ts';
import { loadFixture } from '../../tests/fixtures/sites/load-fixture.ts';
import { SITE_FIXTURES } from '../../tests/fixtures/sites/fixtures.ts';

const URL_ = SITE_FIXTURES.find((f) => f.file === 'outlook-mail.html')?.url ?? '';

describe('outlook URL predicate', () => {
  it.each([
    [URL_, true],
    ['https://outlook.office365.com/mail/0/inbox/id/AAQkADAwATM3ZmYAZS1hZDk0', true],
    ['https://outlook.live.com/mail/0/deeplink/read/AQMkADAwATEwMzAwAS1hYjQx', true],
    ['https://outlook.office.com/calendar/item/AAMkAGI2THVSAAA%3D', false],
    ['https://outlook.com/mail/inbox', false],
    ['https://www.office.com/mail/inbox/id/AAQk', false],
  ])('%s → %s', (url, expected) => {
    expect(outlook.matches(new URL(url))).toBe(expected);
  });

  it('decodes the item id', () => {
    expect(outlookItemId(new URL(URL_))).toBe('AAQkADAwATM3ZmYAZS1hZDk0LTFhNjQtMDACLTAwCgAQAGxH5kq+vQhFq0n9bE3e/x0=');
    expect(outlookItemId(new URL('https://outlook.office.com/mail/inbox'))).toBeNull();
  });
});

describe('outlook extraction', () => {
  it('reads sender, to and cc from persona labels in the reading pane', () => {
    const doc = loadFixture('outlook-mail.html', URL_);
    expect(outlook.extract(new URL(URL_), doc)).toEqual({
      site: 'outlook',
      pageKind: 'mail',
      anchorHint: '#ReadingPaneContainerId',
      keys: [
        { kind: 'email', email: 'tom@kraft-logistik.com', role: 'from' },
        { kind: 'email', email: 'vertrieb@hansen-industriebedarf.de', role: 'to' },
        { kind: 'email', email: 'jana.berg@mueller-maschinenbau.de', role: 'cc' },
      ],
    });
  });

  it('gives no context without an item in the URL', () => {
    const doc = loadFixture('outlook-mail.html', 'https://outlook.office.com/mail/inbox');
    expect(outlook.extract(new URL('https://outlook.office.com/mail/inbox'), doc)).toBeNull();
  });
});
