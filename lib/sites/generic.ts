/**
 * Any site the rep enables (a webmail we never tuned for, a ticket system, an ERP web client). It finds the item
 * the rep is looking at, not the lists around it:
 *
 * 1. Every address on the page and in its same-origin frames is collected with its role
 *    (emails.ts `collectAddressOccurrences`: header labels in any of our languages with or without a colon, in
 *    text, table cells, definition lists, `aria-label`s; class or id names such as `from`/`sender`).
 * 2. Addresses in lists and of the signed-in user (markup names such as `activeUser.email`) are dropped: navigation and ARIA widgets for collections (`nav`, `grid`, `listbox`, `tree`,
 *    `row`, `option`, `menu`, `toolbar`), rows of a data table (a table whose first row is column headers), and
 *    repeated rows: the same markup holding an address on two or more separate lines with no label of their own
 *    (a message list's sender column), which a message header never is (its lines carry From, To, Cc).
 * 3. If what is left has header roles (from, reply-to, to, cc), the page shows an open message: those addresses
 *    are its keys, sender first, each with its strongest role; body mentions (signatures, quoted mails) are not.
 *    Otherwise the addresses left are mentions of a record page (a ticket's contact), or there is nothing: an inbox
 *    with no message open gives null.
 *
 * Hooks: WAI-ARIA roles and HTML table/definition-list structure; nothing site-specific.
 */
import type { AccountKey, EmailRole, PageContext, SiteAdapter } from './types.ts';
import { pathTo, sameOriginFrameDocs } from './dom.ts';
import { collectAddressOccurrences, nameTokens, roleRank, type AddressOccurrence } from './emails.ts';

const HEADER_ROLES: ReadonlySet<EmailRole> = new Set(['from', 'reply-to', 'to', 'cc']);

/** Containers of collections and page chrome: an address inside one is a list entry, not the open item. */
const COLLECTIONS =
  'nav, [role="navigation"], [role="grid"], [role="treegrid"], [role="listbox"], [role="tree"], [role="row"], ' +
  '[role="option"], [role="menu"], [role="menubar"], [role="toolbar"], [role="tablist"]';

/** Elements that start a line of their own (a list row, a header line). */
const LINES = 'tr, li, dd, dt, p, div, section, article, md-list-item, [role="listitem"]';

/** Whether `cell` sits in a data table: one whose first row holds two or more column headers and nothing else. */
function inDataTable(element: Element): boolean {
  const cell = element.closest('td');
  const table = cell?.closest('table');
  if (!cell || !table) return false;
  const firstRow = table.querySelector('tr');
  if (!firstRow || firstRow === cell.parentElement) return false;
  const cells = [...firstRow.children];
  return cells.length >= 2 && cells.every((c) => c.tagName === 'TH');
}

/** Word pairs in markup names that mean "the signed-in user" (an app's account menu shows the rep's own address). */
const OWN_USER: ReadonlyArray<readonly [string, string]> = [
  ['active', 'user'],
  ['current', 'user'],
  ['logged', 'in'],
  ['signed', 'in'],
  ['my', 'account'],
  ['user', 'identity'],
];

/** Whether the markup names an element (or one of its three nearest ancestors) as the signed-in user's own. */
function isOwnUser(element: Element): boolean {
  let node: Element | null = element;
  for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
    const tokens = nameTokens(node);
    if (OWN_USER.some(([a, b]) => tokens.some((t, i) => t === a && tokens[i + 1] === b))) return true;
  }
  return false;
}

/** The markup path of an element up to its document's body: tag names, and the element's own classes. */
function signature(element: Element): string {
  const tags: string[] = [];
  for (let node: Element | null = element; node && node.tagName !== 'BODY'; node = node.parentElement)
    tags.push(node.tagName);
  return `${tags.join('<')}.${element.getAttribute('class') ?? ''}`;
}

/** The occurrences that are list entries (see the module comment, step 2). */
function listEntries(occurrences: readonly AddressOccurrence[]): Set<AddressOccurrence> {
  const entries = new Set<AddressOccurrence>();
  const groups = new Map<string, AddressOccurrence[]>();
  for (const occurrence of occurrences) {
    const { element } = occurrence;
    if (element.closest(COLLECTIONS) || inDataTable(element) || isOwnUser(element)) {
      entries.add(occurrence);
      continue;
    }
    if (occurrence.evidence === 'label') continue; // a labelled header line is never a list row
    const key = signature(element);
    const group = groups.get(key);
    if (group) group.push(occurrence);
    else groups.set(key, [occurrence]);
  }
  for (const group of groups.values()) {
    const lines = new Set(group.map((o) => o.element.closest(LINES) ?? o.element));
    if (lines.size >= 2) for (const occurrence of group) entries.add(occurrence);
  }
  return entries;
}

/** One key per address, its strongest role, strongest first (page order within a role). */
function keysOf(occurrences: readonly AddressOccurrence[]): AccountKey[] {
  const best = new Map<string, AddressOccurrence>();
  for (const occurrence of occurrences) {
    const previous = best.get(occurrence.email);
    if (!previous || roleRank(occurrence.role) > roleRank(previous.role)) best.set(occurrence.email, occurrence);
  }
  return [...best.values()]
    .sort((a, b) => roleRank(b.role) - roleRank(a.role))
    .map(({ email, role, source }) =>
      role ? { kind: 'email', email, role, source } : { kind: 'email', email, source },
    );
}

export const generic: SiteAdapter = {
  id: 'generic',
  matches: (url) => url.protocol === 'https:' || url.protocol === 'http:',
  extract(_url, doc): PageContext | null {
    const docs = [doc, ...sameOriginFrameDocs(doc)];
    const all = docs.flatMap((d) => (d.body ? collectAddressOccurrences(d.body) : []));
    const listed = listEntries(all);
    const items = all.filter((o) => !listed.has(o));
    const headers = items.filter((o) => o.role && HEADER_ROLES.has(o.role));
    if (headers.length > 0) {
      // The overlay keeps clear of the sender's line when it is in this document (a frame's offset is unknown there).
      const sender = headers.reduce((a, b) => (roleRank(b.role) > roleRank(a.role) ? b : a));
      const anchorHint = sender.element.ownerDocument === doc ? pathTo(sender.element) : undefined;
      return { site: 'generic', keys: keysOf(headers), pageKind: 'mail', ...(anchorHint ? { anchorHint } : {}) };
    }
    const keys = keysOf(items);
    return keys.length > 0 ? { site: 'generic', keys, pageKind: 'other' } : null;
  },
  watch: ['iframe'],
  watchAddresses: true,
};

/* ## Test URLs
https://webmail.example-hoster.de/?_task=mail&_action=show&_uid=4711&_mbox=INBOX
https://mail.example.org/SOGo/so/jane/Mail/view#!/Mail/0/INBOX/4711
*/
