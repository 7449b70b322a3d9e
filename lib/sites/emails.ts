/**
 * Finds email addresses in a part of a page and guesses each one's role from the header label before it
 * ("From:", "Reply-To:", "An:", "Cc:" …, in English, German, French, Spanish and Dutch). Used by every adapter that
 * has no stable email attribute: Outlook, calendars and the generic webmail adapter.
 */
import type { AccountKey, EmailRole } from './types.ts';
import { isShown } from './dom.ts';

/** Addresses in free text; the TLD is letters only so "logo@2x.png" style file names are excluded below. */
const EMAIL_RE = /[a-z0-9][a-z0-9._%+'-]{0,63}@(?:[a-z0-9-]+\.)+[a-z]{2,24}/gi;
const NOT_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'css', 'js']);

/** Lower-cased addresses found in `text`, in order of appearance, without duplicates. */
export function emailsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(EMAIL_RE)) {
    const email = match[0].toLowerCase();
    const tld = email.slice(email.lastIndexOf('.') + 1);
    if (!NOT_TLDS.has(tld) && !found.includes(email)) found.push(email);
  }
  return found;
}

const LABELS: ReadonlyArray<[RegExp, EmailRole]> = [
  [/^(?:reply-to|antwort an|antworten an|répondre à|responder a|antwoord aan)$/i, 'reply-to'],
  [/^(?:from|von|absender|sender|de|da|van)$/i, 'from'],
  [/^(?:b?cc|kopie|blindkopie)$/i, 'cc'],
  [/^(?:to|an|für|à|a|para|aan|empfänger|recipients?)$/i, 'to'],
  [/^(?:attendees?|teilnehmer|guests?|gäste|participants?|invités|required|optional|erforderlich)$/i, 'attendee'],
];
const LABEL_RE =
  /(?:^|[\s>|;,(])(reply-to|antworten an|antwort an|répondre à|responder a|antwoord aan|from|von|absender|sender|de|da|van|b?cc|kopie|blindkopie|to|an|für|à|a|para|aan|empfänger|recipients?|attendees?|teilnehmer|guests?|gäste|participants?|invités|required|optional|erforderlich)\s*:/gi;

/** The role named by the last header label in `before` (the text preceding an address on its line), if any. */
export function roleFromLabel(before: string): EmailRole | undefined {
  const tail = before.slice(-160);
  let last: RegExpExecArray | undefined;
  for (const match of tail.matchAll(LABEL_RE)) last = match;
  if (!last?.[1]) return undefined;
  // "From: a@x.de wrote on Monday … b@y.de" is not a header line: only names, addresses and separators may follow.
  const rest = tail.slice((last.index ?? 0) + last[0].length).replace(EMAIL_RE, '');
  if (rest.replace(/["'<>(),;]/g, '').trim().length > 80) return undefined;
  return LABELS.find(([re]) => re.test(last[1] ?? ''))?.[1];
}

/** Elements that start a new line of text; table cells don't, so "<td>Cc:</td><td>a@x.de</td>" is one line. */
const BLOCKS =
  'p, div, li, tr, dd, dt, h1, h2, h3, h4, h5, h6, blockquote, pre, section, article, header, footer, main, aside, nav, form, table, ul, ol, body';

function lineOf(node: Node): Element | null {
  return (node.nodeType === 1 ? (node as Element) : node.parentElement)?.closest(BLOCKS) ?? null;
}

/** The text of `node`'s line (its nearest block) before it; a `<br>` starts the line afresh. */
function lineTextBefore(node: Node): string {
  const start = node.nodeType === 1 ? (node as Element).parentElement : node.parentElement;
  const line = start ? lineOf(start) : null;
  if (!line) return '';
  const walker = line.ownerDocument.createTreeWalker(line, 5 /* NodeFilter.SHOW_ELEMENT | SHOW_TEXT */);
  let text = '';
  for (let current = walker.nextNode(); current && !node.contains(current); current = walker.nextNode()) {
    if (current.nodeName === 'BR') text = '';
    else if (current.nodeType === 3 && lineOf(current) === line) text += current.textContent;
  }
  return text;
}

/** Label words without a colon, matched against a whole label element ("From" in `<th>From</th>`). */
function roleOfLabelText(text: string): EmailRole | undefined {
  const word = text.replace(/\s+/g, ' ').trim().replace(/\s*:$/, '');
  if (!word || word.length > 24) return undefined;
  return LABELS.find(([re]) => re.test(word))?.[1];
}

/** Whether an element may hold a header label: short text, no address, no form field. */
function labelTextOf(el: Element | null): string {
  if (!el || el.querySelector('input, select, textarea')) return '';
  const text = el.textContent ?? '';
  return text.includes('@') || text.length > 40 ? '' : text;
}

/**
 * The words an element's markup names it by: class, id, `name`, `itemprop` and data-binding expressions
 * (`ng-bind="viewer.message.from[0].email"`, `data-bind`, `v-text`…): "msgFrom from_address" → msg, from, from,
 * address.
 */
export function nameTokens(el: Element): string[] {
  let names = `${el.getAttribute('class') ?? ''} ${el.id} ${el.getAttribute('name') ?? ''} ${el.getAttribute('itemprop') ?? ''}`;
  for (const attribute of el.attributes)
    if (/bind|model|v-text/i.test(attribute.name) && attribute.value.length < 200) names += ` ${attribute.value}`;
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

const TOKEN_ROLES: ReadonlyArray<[ReadonlySet<string>, EmailRole]> = [
  [new Set(['from', 'sender', 'absender', 'originator', 'von']), 'from'],
  [new Set(['replyto']), 'reply-to'],
  [new Set(['cc', 'bcc']), 'cc'],
  [new Set(['recipient', 'recipients', 'empfaenger']), 'to'],
];

/** A role named by class/id words of `el` or its three nearest ancestors ("reply" then "to" counts as reply-to). */
function roleOfNames(el: Element): EmailRole | undefined {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
    const tokens = nameTokens(node);
    const joined = tokens.map((t, i) => (t === 'reply' && tokens[i + 1] === 'to' ? 'replyto' : t));
    for (const [words, role] of TOKEN_ROLES) if (joined.some((t) => words.has(t))) return role;
  }
  return undefined;
}

/**
 * A header label in the page's structure rather than its text: the cell before the address's cell
 * (`<th>From</th><td>…</td>`, `<dt>Von</dt><dd>…</dd>`), a short label element just before the address or one of
 * its three nearest ancestors, or an `aria-label`/`title` that is a label word. No colon needed, any of the
 * languages in LABELS.
 */
function roleOfStructure(el: Element): EmailRole | undefined {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
    const named = node.getAttribute('aria-label') ?? (depth > 0 ? node.getAttribute('title') : null);
    const fromName = named && !named.includes('@') ? roleOfLabelText(named) : undefined;
    if (fromName) return fromName;
    let sibling = node.previousElementSibling;
    for (let step = 0; sibling && step < 2; step++, sibling = sibling.previousElementSibling) {
      const role = roleOfLabelText(labelTextOf(sibling));
      if (role) return role;
      if ((sibling.textContent ?? '').trim()) break; // only the nearest element with text can be the label
    }
    if (/^(?:TD|DD|TH|LI|TR)$/.test(node.tagName)) break; // a cell or row is as far as a label reaches
  }
  return undefined;
}

/**
 * The role of an address at `node`: a label in `ownText` (the text before the address in its own text node or
 * attribute), else a label earlier on the same line; `fallback` when there is none. So "<b>Von:</b> Jana
 * <jana@x.de>" is a sender and "<p>please write to a@b.de</p>" a mention.
 */
function roleAt(node: Node, ownText: string, fallback: EmailRole | undefined): EmailRole | undefined {
  const prefix = node.nodeType === 3 /* TEXT_NODE */ ? ownText : '';
  return roleFromLabel(ownText) ?? roleFromLabel(lineTextBefore(node) + prefix) ?? fallback;
}

/** How an occurrence's role was found: a label (text or structure), class/id names, or nothing. */
export type RoleEvidence = 'label' | 'names' | 'none';

/** One place on the page where an address appears. */
export interface AddressOccurrence {
  email: string;
  role: EmailRole | undefined;
  evidence: RoleEvidence;
  /** Where the address was read: `mailto`, `attribute:<name>` or `text`, plus the label when one named the role. */
  source: string;
  /** The element that holds the address (a text occurrence's parent). */
  element: Element;
}

/**
 * Every occurrence of an address under `root` with its role, read like `collectEmails` and, in addition, from the
 * page's structure (labels without a colon in cells, definition lists, label elements, `aria-label`) and from class
 * or id names (`msgFrom`, `from_address`, `sender`). Inside a `blockquote` every role is a mention: quoted headers
 * belong to earlier mails. O(address holders × depth).
 */
export function collectAddressOccurrences(root: Element): AddressOccurrence[] {
  const found: AddressOccurrence[] = [];
  const add = (email: string, element: Element, node: Node, ownText: string, where: string): void => {
    let role = roleAt(node, ownText, undefined);
    let evidence: RoleEvidence = role ? 'label' : 'none';
    if (!role) {
      role = roleOfStructure(element);
      if (role) evidence = 'label';
    }
    if (!role) {
      role = roleOfNames(element);
      if (role) evidence = 'names';
    }
    if (role && element.closest('blockquote')) {
      role = 'mention';
      evidence = 'none';
    }
    found.push({ email, role, evidence, source: where, element });
  };
  for (const link of root.querySelectorAll('a[href^="mailto:" i]')) {
    if (!isShown(link)) continue;
    const address = decodeURIComponent((link.getAttribute('href') ?? '').slice(7).split('?')[0] ?? '');
    for (const email of emailsIn(address)) add(email, link, link, '', 'mailto');
  }
  for (const el of root.querySelectorAll(ATTRIBUTE_SELECTOR)) {
    if (!isShown(el)) continue;
    for (const attribute of ATTRIBUTES) {
      const value = el.getAttribute(attribute);
      if (!value?.includes('@')) continue;
      const labelled = attribute === 'aria-label' || attribute === 'title' ? (value.split('@')[0] ?? '') : '';
      for (const email of emailsIn(value)) add(email, el, el, labelled, `attribute:${attribute}`);
    }
  }
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const parent = node.parentElement;
    if (!text.includes('@') || !parent || SKIP_TEXT_IN.has(parent.tagName) || !isShown(parent)) continue;
    for (const email of emailsIn(text)) {
      const own = text.slice(0, text.toLowerCase().indexOf(email));
      add(email, parent, node, own, 'text');
    }
  }
  for (const occurrence of found) if (!occurrence.role && occurrence.source === 'text') occurrence.role = 'mention';
  return found;
}

/** The rank of a role: from > reply-to > to > cc > attendee > unlabelled > mention. */
export function roleRank(role: EmailRole | undefined): number {
  return RANK[role ?? 'none'];
}

const RANK: Record<EmailRole | 'none', number> = {
  from: 6,
  'reply-to': 5,
  to: 4,
  cc: 3,
  attendee: 2,
  none: 1,
  mention: 0,
};

const ATTRIBUTES = ['email', 'data-email', 'data-hovercard-id', 'title', 'aria-label'] as const;
const ATTRIBUTE_SELECTOR = ATTRIBUTES.map((a) => `[${a}*="@"]`).join(', ');
const SKIP_TEXT_IN = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA']);

export interface CollectOptions {
  /** Give every address this role (calendar attendees). */
  role?: EmailRole;
  /** Role of an address in visible text with no header label before it (default 'mention'). */
  textRole?: EmailRole;
}

/**
 * Email keys under `root`: `mailto:` links, the `email`/`data-email`/`data-hovercard-id`/`title`/`aria-label`
 * attributes, and the visible text. Hidden elements are skipped. The strongest role seen wins per address
 * (from > reply-to > to > cc > attendee > unlabelled > mention); keys come out strongest first, and within a role
 * links and attributes before text. O(text nodes × line length).
 */
export function collectEmails(
  root: Element,
  options: CollectOptions = {},
): Array<Extract<AccountKey, { kind: 'email' }>> {
  const roles = new Map<string, EmailRole | undefined>();
  const add = (email: string, role: EmailRole | undefined): void => {
    const chosen = options.role ?? role;
    const previous = roles.get(email);
    if (!roles.has(email) || RANK[chosen ?? 'none'] > RANK[previous ?? 'none']) roles.set(email, chosen);
  };

  for (const link of root.querySelectorAll('a[href^="mailto:" i]')) {
    if (!isShown(link)) continue;
    const address = decodeURIComponent((link.getAttribute('href') ?? '').slice(7).split('?')[0] ?? '');
    for (const email of emailsIn(address)) add(email, roleAt(link, '', undefined));
  }
  for (const el of root.querySelectorAll(ATTRIBUTE_SELECTOR)) {
    if (!isShown(el)) continue;
    for (const attribute of ATTRIBUTES) {
      const value = el.getAttribute(attribute);
      if (!value?.includes('@')) continue;
      const labelled = attribute === 'aria-label' || attribute === 'title' ? (value.split('@')[0] ?? '') : '';
      for (const email of emailsIn(value)) add(email, roleAt(el, labelled, undefined));
    }
  }
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const parent = node.parentElement;
    if (!text.includes('@') || !parent || SKIP_TEXT_IN.has(parent.tagName) || !isShown(parent)) continue;
    for (const email of emailsIn(text)) {
      const own = text.slice(0, text.toLowerCase().indexOf(email));
      add(email, roleAt(node, own, options.textRole ?? 'mention'));
    }
  }
  return [...roles]
    .sort(([, a], [, b]) => RANK[b ?? 'none'] - RANK[a ?? 'none'])
    .map(([email, role]) => (role ? { kind: 'email', email, role } : { kind: 'email', email }));
}
