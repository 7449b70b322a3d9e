/**
 * Keeps a page's context current without polling. Extraction runs once at start and again `debounceMs` after the
 * first of a burst of these (later ones in the burst ride along):
 * - the URL changes: `popstate`, `hashchange`, the Navigation API's `currententrychange` where the browser has it,
 *   and, for `history.pushState` (which fires nothing and which we don't patch), the next DOM mutation batch
 *   compares the URL: single-page apps always change the DOM when they navigate;
 * - a mutation touches one of the adapter's `watch` selectors (added/removed, changed inside, or shown/hidden), or,
 *   for an adapter that sets `watchAddresses`, adds, removes or changes anything that holds an email address (text,
 *   `mailto:` links, address attributes): a webmail's preview pane is refilled in place when the rep opens the next
 *   message;
 * - for an adapter that sets `readsValues`, an `input` or `change` event on a watched form field (a form field's
 *   value is invisible to a MutationObserver), and a value the app sets from script (which fires no event): for
 *   `settleMs` after each of the triggers above, the watched fields' values are compared once per animation frame —
 *   a single-page CRM fills the record's form when its data arrives, some time after the URL changed.
 * The adapter is chosen again on every URL change (`watchPage` takes a chooser), so a single-page app that moves
 * from a list to a record gets the adapter made for records without a reload.
 * One MutationObserver covers the document, the open shadow roots (LWC) and same-origin iframes found after each
 * extraction. Identical contexts are reported once. Every error (adapter or callback) goes to `onError` and never
 * reaches the page.
 */
import type { PageContext, SiteAdapter } from './types.ts';
import { allShadowRoots, sameOriginFrameDocs } from './dom.ts';

export interface WatchOptions {
  doc: Document;
  onContext: (context: PageContext | null) => void;
  onError?: (error: unknown, adapter: SiteAdapter) => void;
  signal?: AbortSignal;
  /** Quiet period before re-extracting (default 50 ms). */
  debounceMs?: number;
  /** How long after a trigger the watched fields' values are compared each frame (`readsValues`; default 3000 ms). */
  settleMs?: number;
}

const FIELDS = 'input, textarea, select';

/** The values of the form fields at or below `selector`'s elements, as one string to compare. */
function fieldValues(doc: Document, selector: string): string {
  const values: string[] = [];
  for (const el of doc.querySelectorAll(selector)) {
    const fields = el.matches(FIELDS) ? [el] : el.querySelectorAll(FIELDS);
    for (const f of fields) values.push((f as HTMLInputElement).value);
  }
  return values.join('\u0000');
}

const VISIBILITY = new Set(['hidden', 'style', 'class', 'aria-hidden']);
const OBSERVE: MutationObserverInit = {
  subtree: true,
  childList: true,
  characterData: true,
  attributes: true,
  attributeFilter: [...VISIBILITY, 'href', 'value', 'title', 'email', 'data-eventid'],
};

/** Whether `node` sits inside (or is) an element matching `selector`. */
function inside(node: Node, selector: string): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el?.closest(selector) != null;
}

/** Whether `node` is an element matching `selector` or holding one. */
function holds(node: Node, selector: string): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  return el.matches(selector) || el.querySelector(selector) !== null;
}

const ADDRESS_HOLDERS = '[href^="mailto:" i], [title*="@"], [email], [data-email], [aria-label*="@"]';

/** Whether `node` shows or carries an email address (its text, or an address attribute at or below it). */
function holdsAddress(node: Node): boolean {
  if (node.nodeType === 3) return (node.textContent ?? '').includes('@');
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  return (
    (el.textContent ?? '').includes('@') || el.matches(ADDRESS_HOLDERS) || el.querySelector(ADDRESS_HOLDERS) !== null
  );
}

function isRelevant(records: readonly MutationRecord[], selector: string, addresses: boolean): boolean {
  return records.some((record) => {
    if (selector && inside(record.target, selector)) return true;
    if (record.type === 'childList') {
      const nodes = [...record.addedNodes, ...record.removedNodes];
      return nodes.some((n) => (selector && holds(n, selector)) || (addresses && holdsAddress(n)));
    }
    if (addresses && record.type === 'characterData') return holdsAddress(record.target);
    if (record.type !== 'attributes') return false;
    if (addresses && record.attributeName !== 'class' && holdsAddress(record.target)) return true;
    // A container shown or hidden (Gmail swapping thread views) changes what is on screen below it.
    return (
      VISIBILITY.has(record.attributeName ?? '') &&
      ((selector !== '' && holds(record.target, selector)) || (addresses && holdsAddress(record.target)))
    );
  });
}

/** The adapter for a URL: a fixed one, or a chooser asked again on every URL change (null: no adapter here). */
export type AdapterChoice = SiteAdapter | ((url: URL) => SiteAdapter | null);

/** Stands in while no adapter claims the URL: reports "nothing here". */
const NONE: SiteAdapter = { id: 'none', matches: () => false, extract: () => null };

/**
 * Watches `options.doc` with the chosen adapter and calls `onContext` with the first context and with every
 * different one after it (null when the page no longer shows a record). Stops when `signal` aborts.
 */
export function watchPage(choice: AdapterChoice, options: WatchOptions): void {
  const { doc, onContext, onError, signal } = options;
  if (signal?.aborted) return;
  const win = doc.defaultView;
  const debounceMs = options.debounceMs ?? 50;
  const settleMs = options.settleMs ?? 3000;
  const choose = typeof choice === 'function' ? choice : () => choice;
  let adapter: SiteAdapter = NONE;
  let selector = '';
  const report = (error: unknown): void => {
    try {
      onError?.(error, adapter);
    } catch {
      // The reporter itself failed: nothing left to tell.
    }
  };
  const currentUrl = (): string => doc.location?.href ?? doc.URL;

  let lastUrl = '';
  let lastContext: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let urgent: ReturnType<typeof setTimeout> | undefined;
  /** Until when the watched fields' values are compared each frame, and what they were at the last extraction. */
  let settleUntil = 0;
  let settling = false;
  let lastValues = '';
  const observed = new WeakSet<Node>();

  const observer = new MutationObserver((records) => {
    try {
      if (
        timer === undefined &&
        (currentUrl() !== lastUrl || isRelevant(records, selector, adapter.watchAddresses === true))
      )
        schedule();
    } catch (error) {
      report(error);
      schedule();
    }
  });
  const observe = (target: Node): void => {
    if (observed.has(target)) return;
    observed.add(target);
    observer.observe(target, OBSERVE);
  };

  function run(settled = true): void {
    if (settled) timer = undefined;
    const url = currentUrl();
    let context: PageContext | null;
    try {
      if (url !== lastUrl || adapter === NONE) {
        lastUrl = url;
        adapter = pick(new URL(url));
        selector = adapter.watch?.join(', ') ?? '';
      }
      context = adapter.extract(new URL(url), doc);
      if (adapter.readsValues && selector) lastValues = fieldValues(doc, selector);
    } catch (error) {
      report(error);
      return;
    }
    const serialised = JSON.stringify(context);
    if (serialised !== lastContext) {
      lastContext = serialised;
      try {
        onContext(context);
      } catch (error) {
        report(error);
      }
    }
    compareValues();
    try {
      for (const root of allShadowRoots(doc)) observe(root);
      for (const frame of sameOriginFrameDocs(doc)) observe(frame);
    } catch (error) {
      report(error);
    }
  }

  /** The chooser's adapter for `url`, NONE when it has none or throws (reported). */
  function pick(url: URL): SiteAdapter {
    try {
      return choose(url) ?? NONE;
    } catch (error) {
      report(error);
      return NONE;
    }
  }

  /** A form field's value changed: read again when the adapter reads values and watches that field. */
  function onValue(event: Event): void {
    try {
      const target = event.target as Element | null;
      if (adapter.readsValues && selector && target?.nodeType === 1 && target.closest(selector)) schedule();
    } catch (error) {
      report(error);
    }
  }

  /** Compares the watched fields' values once per frame until `settleUntil`; a change is read at once. */
  function compareValues(): void {
    const frame = win?.requestAnimationFrame?.bind(win);
    if (settling || !frame || !adapter.readsValues || !selector || Date.now() > settleUntil) return;
    settling = true;
    const check = () => {
      if (signal?.aborted || !adapter.readsValues || !selector || Date.now() > settleUntil) {
        settling = false;
        return;
      }
      try {
        if (timer === undefined && fieldValues(doc, selector) !== lastValues) run(false);
      } catch (error) {
        report(error);
      }
      frame(check);
    };
    frame(check);
  }

  /** A trigger: the values are compared for the next `settleMs` (from the next extraction on, if the URL changed). */
  function settle(): void {
    settleUntil = Date.now() + settleMs;
    compareValues();
  }

  function schedule(): void {
    if (signal?.aborted) return;
    settle();
    if (timer !== undefined) clearTimeout(timer);
    // A new URL is the most reliable signal: read it at once (after the page's own handlers of this task), and
    // again once the DOM has settled; identical contexts are reported only once.
    if (currentUrl() !== lastUrl && urgent === undefined) {
      urgent = setTimeout(() => {
        urgent = undefined;
        if (!signal?.aborted && currentUrl() !== lastUrl) run(false);
      }, 0);
    }
    timer = setTimeout(run, debounceMs);
  }

  observe(doc);
  const listen = { signal, capture: true } as AddEventListenerOptions;
  win?.addEventListener('popstate', schedule, listen);
  win?.addEventListener('hashchange', schedule, listen);
  doc.addEventListener('load', schedule, listen); // iframe loads (capture sees the non-bubbling event)
  doc.addEventListener('input', onValue, listen);
  doc.addEventListener('change', onValue, listen);
  const navigation = (win as (Window & { navigation?: EventTarget }) | null)?.navigation;
  navigation?.addEventListener('currententrychange', schedule, listen);
  signal?.addEventListener('abort', () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
    if (urgent !== undefined) clearTimeout(urgent);
  });
  run();
  settle();
}
