/**
 * Picks the site adapter for this page (user-defined adapters first, then the built-in ones, generic last) on
 * every URL change, and keeps the page context current with lib/sites' watchPage (no polling): a single-page app
 * that moves from its list to a record gets the user-defined adapter made for records without a reload. The
 * background says whether the page is on the never-show list and hands over the rep's custom adapters, already
 * validated.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { OverlaySettings } from '../background/overlay-settings.ts';
import { sendMessage } from '../../lib/messaging.ts';
import { createCustomAdapter, readSelectors, type CustomAdapterDefinition } from '../../lib/sites/custom.ts';
import { adapterFor } from '../../lib/sites/index.ts';
import { watchPage } from '../../lib/sites/observe.ts';
import type { PageContext, SiteAdapter } from '../../lib/sites/types.ts';

function logOnce(error: unknown, adapter: SiteAdapter) {
  if (String(error).includes('Extension context invalidated')) return;
  console.debug(`AccountLens: adapter "${adapter.id}" failed`, error);
}

/** What the site adapter found on this page last, for the background's `overlay.context` question. */
let latest: PageContext | null = null;
/**
 * How far this page got: `starting` until the background answered `overlay.settings`, then `never-shown` (the
 * domain is on the rep's never-show list: nothing is read, no card) or `watching`. Part of the `overlay.context`
 * answer, so a test can wait for the decision before it asserts that no card came.
 */
let status: 'starting' | 'never-shown' | 'watching' = 'starting';

/**
 * Answers the background (never the page: runtime messages only come from the extension) with the page's account
 * keys, so a capture started from the context menu or the shortcut knows the account the overlay shows.
 */
export function answerContextQuestions(ctx: ContentScriptContext) {
  const listener = (message: unknown) => {
    const asked = message as { type?: unknown; definition?: CustomAdapterDefinition } | null;
    if (asked?.type === 'overlay.context') return Promise.resolve({ context: latest, status });
    // The options page's selector tester (through the background, which validated the definition).
    if (asked?.type === 'overlay.testAdapter' && asked.definition)
      return Promise.resolve(testAdapter(asked.definition));
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}

/** What a site definition reads on this page right now: whether its URL pattern matches, each selector's value, the keys. */
function testAdapter(definition: CustomAdapterDefinition) {
  const url = new URL(location.href);
  const adapter = createCustomAdapter(definition);
  return {
    url: `${url.origin}${url.pathname}${url.hash}`.slice(0, 2000),
    matchesUrl: adapter.matches(url),
    values: readSelectors(definition, document),
    keys: adapter.extract(url, document)?.keys ?? [],
  };
}

/** Starts watching; returns a function that stops. `onContext` is not called at all on never-show pages. */
export function startWatching(ctx: ContentScriptContext, onContext: (context: PageContext | null) => void): () => void {
  const controller = new AbortController();
  ctx.onInvalidated(() => controller.abort());
  void sendMessage<'overlay.settings', OverlaySettings>('overlay.settings', { hostname: location.hostname })
    .then((settings) => {
      if (controller.signal.aborted) return;
      status = settings.neverShown ? 'never-shown' : 'watching';
      if (settings.neverShown) return;
      const custom = settings.customAdapters.map(createCustomAdapter);
      const remember = (context: PageContext | null) => {
        latest = context;
        onContext(context);
      };
      watchPage((url) => adapterFor(url, custom, logOnce), {
        doc: document,
        onContext: remember,
        onError: logOnce,
        signal: controller.signal,
      });
    })
    .catch((error: unknown) => logOnce(error, { id: 'settings', matches: () => false, extract: () => null }));
  return () => controller.abort();
}
