/**
 * Small DOM helpers shared by the adapters. Everything takes the root to search explicitly so that adapters stay
 * testable on a parsed fixture, and nothing here throws on a missing element.
 */

/** Collapsed, trimmed text of a node ('' for null). */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

type Root = Document | DocumentFragment | Element;

/** Open shadow roots directly hosted by elements under `root` (not nested ones). */
function shadowRootsUnder(root: Root): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  return roots;
}

/**
 * Every element matching `selector` in `root` and, recursively, in the open shadow roots below it (LWC pages keep
 * their content there). A selector only matches within one tree, as in the browser. O(elements).
 */
export function queryAllDeep(root: Root, selector: string): Element[] {
  const found = [...root.querySelectorAll(selector)];
  const own = 'shadowRoot' in root ? root.shadowRoot : null;
  for (const shadow of own ? [own, ...shadowRootsUnder(root)] : shadowRootsUnder(root)) {
    found.push(...queryAllDeep(shadow, selector));
  }
  return found;
}

/** The first of `selectors` (tried in order, through open shadow roots) that matches an element with text. */
export function firstTextDeep(root: Root, selectors: readonly string[]): string {
  for (const selector of selectors) {
    for (const el of queryAllDeep(root, selector)) {
      const text = textOf(el);
      if (text) return text;
    }
  }
  return '';
}

/** Every open shadow root in the document (for observers that must see inside them). */
export function allShadowRoots(root: Root): ShadowRoot[] {
  const roots = shadowRootsUnder(root);
  for (const shadow of [...roots]) roots.push(...allShadowRoots(shadow));
  return roots;
}

/**
 * Whether an element is rendered: no ancestor is `hidden`, `display: none` (inline style) or `aria-hidden="true"`.
 * Reads attributes rather than layout so that it gives the same answer in happy-dom and in the browser.
 */
export function isShown(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement ?? hostOf(node)) {
    if (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true') return false;
    const style = node.getAttribute('style');
    if (style && /display\s*:\s*none/i.test(style)) return false;
  }
  return true;
}

/** The shadow host of the tree `node` is in, or null in the document tree. */
function hostOf(node: Element): Element | null {
  const root = node.getRootNode();
  return 'host' in root ? (root as ShadowRoot).host : null;
}

/** Documents of same-origin iframes under `root` (cross-origin ones throw or give null and are skipped). */
export function sameOriginFrameDocs(root: Root): Document[] {
  const docs: Document[] = [];
  for (const frame of root.querySelectorAll('iframe, frame')) {
    try {
      const inner = (frame as HTMLIFrameElement).contentDocument;
      if (inner?.body) docs.push(inner, ...sameOriginFrameDocs(inner));
    } catch {
      // Cross-origin frame: not ours to read.
    }
  }
  return docs;
}

/**
 * The host of an http(s) link or a bare website value ("www.acme.de", "acme.de/kontakt") without `www.`, or null.
 */
export function hostOfLink(href: string | null | undefined, base?: string): string | null {
  const value = href?.trim();
  if (!value) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(value) || base ? value : `https://${value}`, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/**
 * A selector for exactly `el` in its document as it is now (`:nth-child` steps up to the nearest ancestor with a
 * unique id or a tag and class no other element has, or the body): how an adapter that found the item's header by
 * reading, not by a known selector, names it as the overlay's anchor. Undefined when that takes more than `max`
 * characters.
 */
export function pathTo(el: Element, max = 200): string | undefined {
  const doc = el.ownerDocument;
  const steps: string[] = [];
  let node: Element | null = el;
  for (; node && node.parentElement && node.localName !== 'body'; node = node.parentElement) {
    if (/^[A-Za-z][\w-]*$/.test(node.id) && doc.querySelectorAll(`#${node.id}`).length === 1) break;
    const unique = uniqueClass(node);
    if (unique) {
      steps.unshift(unique);
      return pathOf(`body ${steps.join(' > ')}`, max);
    }
    const index = Array.prototype.indexOf.call(node.parentElement.children, node) + 1;
    steps.unshift(`${node.localName}:nth-child(${index})`);
  }
  const start = node && node.localName !== 'body' && node.id ? `#${node.id}` : 'body';
  return pathOf([start, ...steps].join(' > '), max);
}

function pathOf(path: string, max: number): string | undefined {
  return path.length <= max ? path : undefined;
}

/** `tag.class` for an element whose tag and one of its classes name it alone in its document (deep table layouts). */
function uniqueClass(el: Element): string | undefined {
  for (const name of el.classList) {
    if (!/^[A-Za-z_][\w-]*$/.test(name)) continue;
    const selector = `${el.localName}.${name}`;
    if (el.ownerDocument.querySelectorAll(selector).length === 1) return selector;
  }
  return undefined;
}
