/**
 * The real applications of the test bed (tests/realpages/apps/<app>/up.sh, started from Debian packages on
 * loopback) and how a rep uses each: log in, open the inbox or list with nothing open, open one item. Shared by the
 * Playwright specs, scripts/capture-real-pages.ts and bench/realpages.bench.ts, so each app's markup knowledge
 * lives here once. Items are named by what the rep sees (a mail's subject, a party's name); expected.json of each
 * app says which account each must show.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REALPAGES_DIR = resolve(import.meta.dirname);
export const APPS_DIR = join(REALPAGES_DIR, 'apps');

/** An app as brought up by its scripts: where it listens and how its state is found. */
export interface RealApp {
  id: 'horde' | 'sogo' | 'sqwebmail' | 'ciderwebmail' | 'tryton';
  base: string;
  /** A URL that answers 2xx/3xx once the app is up. */
  health: string;
  /** A command whose presence says the app's Debian packages are installed. */
  installed: string;
}

export const APPS: readonly RealApp[] = [
  { id: 'horde', base: 'http://127.0.0.1:8101', health: '/login.php', installed: '/usr/share/horde/imp' },
  { id: 'sogo', base: 'http://127.0.0.1:8104', health: '/SOGo/', installed: '/usr/sbin/sogod' },
  {
    id: 'sqwebmail',
    base: 'http://127.0.0.1:8103',
    health: '/cgi-bin/sqwebmail?noframes=1',
    installed: '/usr/lib/cgi-bin/sqwebmail',
  },
  { id: 'ciderwebmail', base: 'http://127.0.0.1:8102', health: '/', installed: '/usr/share/ciderwebmail' },
  { id: 'tryton', base: 'http://127.0.0.1:8000', health: '/', installed: '/usr/bin/trytond' },
];

export function app(id: RealApp['id']): RealApp {
  const found = APPS.find((a) => a.id === id);
  if (!found) throw new Error(`no real app "${id}"`);
  return found;
}

export const USER = 'mara';
export const PASS = 'mara-pass-1';
export const TRYTON_USER = 'admin';
export const TRYTON_PASS = 'admin-pass-1';
export const TRYTON_STATE = process.env.TRYTON_STATE ?? '/tmp/realpages/tryton';

/** The rep of the seeded mailboxes (tests/realpages/apps/mail-seed.sh). */
export const REP = { name: 'Mara Klein', email: 'mara.klein@alpenblick-software.de' };

export interface ExpectedItem {
  /** A mail's subject (webmails) or a party's name (Tryton). */
  subject?: string;
  party?: string;
  /** The one account the card must show, or null: no account card. */
  account: string | null;
  why: string;
  /**
   * Where the page shows too little to be sure (e.g. no Reply-To): `account` or no account card are both right;
   * another account never is.
   */
  orNone?: boolean;
  /** Where one view of the app shows less than the others: that view's expectation. */
  byView?: Record<string, { account: string | null; orNone?: boolean; why: string }>;
}

/** The app's items with their expected account, for one of its views (`byView` applied). */
export function expectedItems(appId: RealApp['id'], viewId?: string): ExpectedItem[] {
  const data = JSON.parse(readFileSync(join(APPS_DIR, appId, 'expected.json'), 'utf8')) as { items: ExpectedItem[] };
  return data.items.map((item) => {
    const override = viewId ? item.byView?.[viewId] : undefined;
    return override ? { ...item, ...override } : item;
  });
}

/** One way of using a webmail: a list/inbox, and items opened from it. */
export interface MailView {
  /** e.g. 'horde-dynamic'; used in test names, fixture and screenshot file names. */
  id: string;
  app: RealApp['id'];
  login(page: Page): Promise<void>;
  /** Opens the inbox with no message open and waits until its rows are on screen. */
  openList(page: Page): Promise<void>;
  /** Opens the message with this subject the way the rep does (from the list); resolves when it is on screen. */
  openItem(page: Page, subject: string): Promise<void>;
  /**
   * Elements that show the open message's header: the item is on screen when one of them is visible and contains
   * its subject. Used to time "content on screen → card" in the bench.
   */
  contentSelector: string;
  /** Whether opening an item navigates the top document (full page) rather than updating it in place. */
  navigates: boolean;
  /** Whether the open message shows its Reply-To header. */
  showsReplyTo: boolean;
  /** What of the host the card must never cover with a message open (where the test bed knows it). */
  keepClear?: KeepClear;
}

/**
 * The host's toolbar and the open item's header, named from the app's own markup (not from what the overlay
 * detects): `controls` are measured by their boxes, `text` by the ink of their text (a header block is often as
 * wide as the page while its words take a third of it).
 */
export interface KeepClear {
  controls: string;
  text: string;
}

/** Words of `text` with any white space (SqWebMail writes &nbsp;) as one space. */
export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Waits until an element matching `selector` is visible and contains `text` (white space normalised). */
export async function visibleWithText(page: Page, selector: string, text: string, timeout = 15_000) {
  await page.waitForFunction(
    ({ selector, text }) =>
      [...document.querySelectorAll<HTMLElement>(selector)].some(
        (el) => el.getClientRects().length > 0 && el.innerText.replace(/\s+/g, ' ').includes(text),
      ),
    { selector, text: normalise(text) },
    { timeout },
  );
}

/**
 * Clicks the link among `selector` whose text is `subject`, or its start where the app shortens it
 * ("Bestellung 4500218873 / Purchase orde...").
 */
async function subjectLinkIndex(page: Page, selector: string, subject: string): Promise<number> {
  const texts = (await page.locator(selector).allInnerTexts()).map((t) => normalise(t).replace(/(\.\.\.|…)$/, ''));
  const wanted = normalise(subject);
  return texts.findIndex((t) => t.length > 0 && (t === wanted || (t.length >= 12 && wanted.startsWith(t))));
}

async function hasSubjectLink(page: Page, selector: string, subject: string): Promise<boolean> {
  return (await subjectLinkIndex(page, selector, subject)) >= 0;
}

async function clickSubjectLink(page: Page, selector: string, subject: string) {
  const links = page.locator(selector);
  const index = await subjectLinkIndex(page, selector, subject);
  if (index < 0) throw new Error(`no link for "${subject}" (${selector}) at ${page.url()}`);
  await links.nth(index).click();
}

function hordeLogin(view: 'dynamic' | 'basic') {
  return async (page: Page) => {
    const base = app('horde').base;
    // Horde keeps the view of the running session: start a new one (only Horde's cookies; the other apps share
    // the host 127.0.0.1 and keep theirs).
    const cookies = await page.context().cookies(base);
    for (const c of cookies.filter((c) => /^horde|^imp/i.test(c.name) || c.name === 'PHPSESSID')) {
      await page.context().clearCookies({ name: c.name });
    }
    await page.goto(`${base}/login.php`);
    await page.fill('#horde_user', USER);
    await page.fill('#horde_pass', PASS);
    await page.selectOption('#horde_select_view', view);
    await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login.php')), page.click('#login-button')]);
  };
}

const hordeDynamic: MailView = {
  id: 'horde-dynamic',
  app: 'horde',
  login: hordeLogin('dynamic'),
  async openList(page) {
    await page.goto(`${app('horde').base}/imp/dynamic.php?page=mailbox`);
    await page.locator('div.vpRow').nth(3).waitFor({ timeout: 20_000 });
    await page.locator('#previewInfo').waitFor({ state: 'visible' });
  },
  async openItem(page, subject) {
    await page.locator('div.vpRow').filter({ hasText: subject }).first().click();
    await visibleWithText(page, hordeDynamic.contentSelector, subject);
  },
  contentSelector: '#previewPane #msgHeadersColl span.subject',
  keepClear: {
    controls: '#horde-head a, #horde-head input, .horde-buttonbar a',
    text: '#previewPane .msgHeaders',
  },
  navigates: false,
  showsReplyTo: false,
};

const hordeBasic: MailView = {
  id: 'horde-basic',
  app: 'horde',
  login: hordeLogin('basic'),
  async openList(page) {
    await page.goto(`${app('horde').base}/imp/basic.php?page=mailbox&mailbox=SU5CT1g`);
    await page.locator('a.mboxSubject').nth(3).waitFor({ timeout: 20_000 });
  },
  async openItem(page, subject) {
    await Promise.all([page.waitForURL(/page=message/), clickSubjectLink(page, 'a.mboxSubject', subject)]);
    await visibleWithText(page, hordeBasic.contentSelector, subject);
  },
  contentSelector: '#msgheaders > p',
  keepClear: { controls: '#horde-head a, .horde-buttonbar a, .horde-buttonbar select', text: '#msgheaders' },
  navigates: true,
  showsReplyTo: true,
};

const sogo: MailView = {
  id: 'sogo',
  app: 'sogo',
  async login(page) {
    await page.goto(`${app('sogo').base}/SOGo/`);
    const user = page.locator('input[ng-model="app.creds.username"]');
    // Still logged in from an earlier test: SOGo goes straight to the mailbox.
    await Promise.race([user.waitFor({ timeout: 30_000 }), page.waitForURL(/\/Mail\//, { timeout: 30_000 })]);
    if (page.url().includes('/Mail/')) return;
    await user.fill(USER);
    await page.fill('input[ng-model="app.creds.password"]', PASS);
    await Promise.all([
      page.waitForURL(/\/Mail\//, { timeout: 30_000 }),
      page.press('input[ng-model="app.creds.password"]', 'Enter'),
    ]);
  },
  async openList(page) {
    await page.goto(`${app('sogo').base}/SOGo/so/${USER}/Mail/view#!/Mail/0/INBOX`);
    await page.locator('md-list-item').nth(3).waitFor({ timeout: 30_000 });
  },
  async openItem(page, subject) {
    await page.locator('md-list-item').filter({ hasText: subject }).first().click();
    await visibleWithText(page, sogo.contentSelector, subject);
  },
  contentSelector: 'md-card h5.sg-md-headline',
  keepClear: {
    controls: 'md-card-actions button, md-toolbar button',
    text: 'md-card-content > .sg-padded, md-card-content > .layout-row',
  },
  navigates: false,
  showsReplyTo: false,
};

/** SqWebMail's session lives in the URL; remembered per page after login. */
const sqwSession = new WeakMap<Page, string>();

const sqwebmail: MailView = {
  id: 'sqwebmail',
  app: 'sqwebmail',
  async login(page) {
    await page.goto(`${app('sqwebmail').base}/cgi-bin/sqwebmail?noframes=1`);
    await page.fill('input[name=username]', USER);
    await page.fill('input[name=password]', PASS);
    await Promise.all([page.waitForURL(/\/login\//), page.click('input[name="do.login"]')]);
    sqwSession.set(page, page.url().split('?')[0]!);
  },
  async openList(page) {
    const session = sqwSession.get(page);
    if (!session) throw new Error('sqwebmail: log in first');
    // Top-level, without the frameset the app would wrap it in.
    await page.goto(`${session}?form=folder&folder=INBOX`);
    await page.locator('td.message-from a').nth(3).waitFor();
  },
  async openItem(page, subject) {
    const links = 'td.message-subject a[href*="form=readmsg"]';
    // Ten mails a page: older ones are on the next page, as the rep would find them.
    while (!(await hasSubjectLink(page, links, subject))) {
      const next = page.locator('a:has(img[alt="Next Page"])').first();
      if ((await next.count()) === 0) break;
      await Promise.all([page.waitForURL(/pos=/), next.click()]);
    }
    await Promise.all([page.waitForURL(/form=readmsg/), clickSubjectLink(page, links, subject)]);
    await visibleWithText(page, sqwebmail.contentSelector, subject);
  },
  contentSelector: 'table.message-rfc822-header',
  keepClear: {
    controls: 'table.message-menu-background a, table.box-small-outer select, table.box-small-outer input',
    text: 'table.message-rfc822-header',
  },
  navigates: true,
  showsReplyTo: true,
};

const ciderwebmail: MailView = {
  id: 'ciderwebmail',
  app: 'ciderwebmail',
  async login(page) {
    await page.goto(`${app('ciderwebmail').base}/`);
    if (page.url().includes('/mailbox/')) return;
    await page.fill('#username', USER);
    await page.fill('input[name=password]', PASS);
    await Promise.all([page.waitForURL(/\/mailbox\//), page.click('button[type=submit]')]);
  },
  async openList(page) {
    await page.goto(`${app('ciderwebmail').base}/mailbox/INBOX/`);
    await page.locator('#message_list td.sender').nth(3).waitFor({ timeout: 20_000 });
  },
  async openItem(page, subject) {
    await page.locator('#message_list tr').filter({ hasText: subject }).first().locator('a').first().click();
    await visibleWithText(page, ciderwebmail.contentSelector, subject);
  },
  contentSelector: '#message_view .message_view_head h1',
  keepClear: {
    controls: '#headline a, #subheadline input, #subheadline button, #message_view .message_actions a',
    text: '#message_view .message_view_head h1, #message_view .message_header table',
  },
  navigates: false,
  showsReplyTo: false,
};

export const MAIL_VIEWS: readonly MailView[] = [hordeDynamic, hordeBasic, sogo, sqwebmail, ciderwebmail];

// ------------------------------------------------------------------------------------------------ Tryton (sao)

export interface TrytonSeed {
  own_company: { id: number; name: string };
  accounts: { id: number; name: string }[];
  contacts: { id: number; name: string; account_id: number }[];
}

export function trytonSeed(): TrytonSeed {
  return JSON.parse(readFileSync(join(TRYTON_STATE, 'seed.json'), 'utf8')) as TrytonSeed;
}

/** The party id for a name in the seeded database. */
export function trytonPartyId(name: string, seed = trytonSeed()): number {
  const all = [seed.own_company, ...seed.accounts, ...seed.contacts];
  const found = all.find((p) => p.name === name);
  if (!found) throw new Error(`tryton: no seeded party "${name}" in ${TRYTON_STATE}/seed.json`);
  return found.id;
}

export async function trytonLogin(page: Page) {
  await page.goto(`${app('tryton').base}/`);
  const login = page.locator('input#login');
  await login.fill(TRYTON_USER);
  await login.press('Enter');
  const password = page.locator('input[type=password]:visible');
  await password.fill(TRYTON_PASS);
  await password.press('Enter');
  // Logged in when the user's name shows and the menu is there; navigating earlier races the login.
  await page.locator('#user-preferences').filter({ hasText: 'Lena Vogt' }).waitFor({ timeout: 30_000 });
}

/** The active tab's party form; its name input shows `name` once the record is loaded. */
export const TRYTON_ACTIVE = '#tabcontent > .tab-pane.active';

/** Tryton's tab bar and the open record's toolbar, and its name line. */
export const TRYTON_KEEP_CLEAR: KeepClear = {
  controls: `#tablist a, ${TRYTON_ACTIVE} nav.toolbar button, ${TRYTON_ACTIVE} nav.toolbar a`,
  text: `${TRYTON_ACTIVE} label[for*="name" i], ${TRYTON_ACTIVE} input[name="name"]`,
};

/** Opens a party by in-app navigation (hash change, no reload) and waits for its form. */
export async function trytonOpenParty(page: Page, name: string, id = trytonPartyId(name)) {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#crm/model/party.party/${id}`);
  await page.waitForFunction(
    ({ active, name }) =>
      [...document.querySelectorAll<HTMLInputElement>(`${active} input[name="name"]`)].some((i) => i.value === name),
    { active: TRYTON_ACTIVE, name },
    { timeout: 20_000 },
  );
}

/** The party list (no record open). */
export async function trytonOpenList(page: Page) {
  await page.evaluate(() => {
    location.hash = '#crm/model/party.party';
  });
  await page.locator(`${TRYTON_ACTIVE} table.tree, ${TRYTON_ACTIVE} .treeview`).first().waitFor({ timeout: 20_000 });
}
