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

/**
 * The role of an address at `node`: a label in `ownText` (the text before the address in its own text node or
 * attribute), else a label earlier on the same line; `fallback` when there is none. So "<b>Von:</b> Jana
 * <jana@x.de>" is a sender and "<p>please write to a@b.de</p>" a mention.
 */
function roleAt(node: Node, ownText: string, fallback: EmailRole | undefined): EmailRole | undefined {
  const prefix = node.nodeType === 3 /* TEXT_NODE */ ? ownText : '';
  return roleFromLabel(ownText) ?? roleFromLabel(lineTextBefore(node) + prefix) ?? fallback;
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
