/**
 * Messages between content scripts, extension pages and the background: one zod schema per request, one
 * TypeScript type per answer, and one envelope. The background validates every request here, at the boundary;
 * senders import only lib/messaging.ts (types and `sendMessage`), so no validator is bundled into content scripts.
 *
 * Every answer is `{ ok: true, data }` or `{ ok: false, error }`: an unknown type or a malformed payload is answered
 * with an error, never thrown into the sender or left hanging. The background answers through `sendResponse` and
 * `return true` (a listener that returns a Promise is ignored by some fakes and polyfill paths).
 */
import type { Browser } from 'wxt/browser';
import * as z from 'zod/mini';

/** Where on the page a key was read (AccountKey.source), for the card's "why this account?". */
const source = z.optional(z.string().check(z.maxLength(200)));

const accountKey = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('crm'),
    crm: z.enum(['salesforce', 'hubspot', 'dynamics', 'pipedrive', 'zoho', 'custom', 'erp']),
    id: z.string().check(z.minLength(1), z.maxLength(200)),
    recordType: z.optional(z.string().check(z.maxLength(100))),
    source,
  }),
  z.object({
    kind: z.literal('email'),
    email: z.string().check(z.minLength(3), z.maxLength(320)),
    role: z.optional(z.enum(['from', 'to', 'cc', 'reply-to', 'attendee', 'mention'])),
    source,
  }),
  z.object({ kind: z.literal('domain'), domain: z.string().check(z.minLength(3), z.maxLength(253)), source }),
  z.object({ kind: z.literal('name'), name: z.string().check(z.minLength(1), z.maxLength(300)), source }),
]);

/** What a content script found on a page: untrusted page data, bounded in size. */
export const PageContextSchema = z.object({
  site: z.string().check(z.minLength(1), z.maxLength(100)),
  keys: z.array(accountKey).check(z.maxLength(50)),
  pageKind: z.enum(['record', 'mail', 'calendar', 'other']),
  anchorHint: z.optional(z.string().check(z.maxLength(200))),
});

/** Where the card sits on a site: docked to an edge at a height, or where the rep dropped it. */
export const PlacementSchema = z.object({
  side: z.enum(['left', 'right', 'free']),
  top: z.number().check(z.int(), z.minimum(0), z.maximum(20000)),
  left: z.number().check(z.int(), z.minimum(0), z.maximum(20000)),
});
export type Placement = z.infer<typeof PlacementSchema>;

/**
 * A random key the content script gives its frame (in the frame URL's fragment, inside the closed shadow root) and
 * the background: only that frame is answered for the tab, not a copy of the page the host page frames itself.
 */
const frameKey = z.string().check(z.regex(/^[a-z0-9]{16,64}$/));

/** Request schemas, by message type. */
export const requests = {
  ping: z.object({}),
  'page.lookup': z.object({ url: z.string().check(z.maxLength(4000)), context: PageContextSchema }),
  'match.correct': z.object({
    key: accountKey,
    accountId: z.nullable(z.string().check(z.maxLength(200))),
  }),
  'account.search': z.object({
    query: z.string().check(z.maxLength(200)),
    limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
  }),
  'insight.save': z.object({ input: z.unknown() }),
  'overlay.settings': z.object({ hostname: z.string().check(z.maxLength(253)) }),
  /** The content script: what the page is about now (null: nothing), and whether the card has no room to open. */
  'overlay.context': z.object({ context: z.nullable(PageContextSchema), noRoom: z.boolean(), frameKey }),
  /** The content script: where the rep left the card on this site (the site is the sender's, never the payload's). */
  'overlay.placement': z.object({}),
  'overlay.placement.save': z.object({ placement: PlacementSchema }),
  /** The overlay frame: the account(s) for the page of the tab it is shown in. */
  'overlay.lookup': z.object({ frameKey }),
  /** A layout message of the card's frame, relayed to its tab's top frame (Firefox frames have no tabs API). */
  'overlay.relay': z.object({
    message: z.looseObject({ type: z.literal('overlay.frame'), frameKey, kind: z.string().check(z.maxLength(20)) }),
  }),
  'feedback.mark': z.object({
    accountId: z.string().check(z.minLength(1), z.maxLength(200)),
    talkingPointId: z.string().check(z.minLength(1), z.maxLength(500)),
    mark: z.nullable(z.enum(['used', 'not-relevant', 'done'])),
  }),
  'capture.open': z.object({
    accountId: z.optional(z.string().check(z.maxLength(200))),
    selection: z.optional(z.string().check(z.maxLength(20000))),
    url: z.optional(z.string().check(z.maxLength(4000))),
  }),
  'brief.open': z.object({
    accountIds: z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.minLength(1), z.maxLength(10)),
    from: z.enum(['overlay', 'calendar', 'popup', 'sidepanel']),
  }),
  'sync.status': z.object({}),
  'sync.now': z.object({}),
  'sync.connect': z.object({
    url: z.string().check(z.minLength(1), z.maxLength(2000)),
    token: z.string().check(z.minLength(1), z.maxLength(200)),
  }),
  'sync.disconnect': z.object({}),
  'sync.rejection.dismiss': z.object({ mutationId: z.number().check(z.int(), z.positive()) }),
  /** The rep has read the notice that sync started over with a new client group. */
  'sync.recovery.dismiss': z.object({}),
  /** The options page's selector tester: what a site definition reads on an open tab, and what it would match. */
  'adapter.test': z.object({
    tabId: z.number().check(z.int(), z.nonnegative()),
    /** Validated by the handler with CustomAdapterDefinitionSchema, which reports every problem by field. */
    definition: z.unknown(),
  }),
  'sync.conflict.resolve': z.object({
    id: z.number().check(z.int(), z.positive()),
    /** `keep-theirs` drops the losing version; `restore-mine` saves it again as a new edit over the winner. */
    action: z.enum(['keep-theirs', 'restore-mine']),
  }),
} as const;

export type MessageType = keyof typeof requests;
/** A request after validation (defaults applied), as handlers receive it. */
export type Request<T extends MessageType> = z.infer<(typeof requests)[T]>;

export const EnvelopeSchema = z.object({ type: z.string(), payload: z.optional(z.unknown()) });
import type { Answer } from './messaging.ts';

export type Handlers = {
  [T in MessageType]: (payload: Request<T>, sender: Browser.runtime.MessageSender) => Promise<unknown>;
};

/**
 * The messages a content script may send: what the overlay's page side needs (the page's keys out, layout in).
 * Everything else (lookups, account data, export, erase, import, hub connection, settings) answers extension pages
 * only: the overlay's card asks from its own extension frame.
 */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageType> = new Set<MessageType>([
  'ping',
  'overlay.settings',
  'overlay.context',
  'overlay.placement',
  'overlay.placement.save',
]);

/** Who sent a message: one of the extension's own pages (or its background), or a content script in a web page. */
export type SenderKind = 'extension-page' | 'content-script';

/**
 * Tells extension pages from content scripts by the sender's URL: an extension page's is on the extension's
 * origin (`chrome-extension://<id>/…`, `moz-extension://<uuid>/…`), a content script's is the web page's. The
 * overlay frame is an extension page inside a tab (`sender.tab` is set), so the tab alone decides nothing.
 * Null for anything else (another extension, no URL): such a sender is answered nothing but an error.
 */
export function senderKind(
  sender: Pick<Browser.runtime.MessageSender, 'id' | 'url'>,
  extensionBase: string,
  extensionId: string,
): SenderKind | null {
  if (sender.id !== extensionId || !sender.url) return null;
  // A prefix test, not URL.origin: non-web schemes have an opaque ("null") origin in some URL parsers.
  const base = extensionBase.endsWith('/') ? extensionBase : `${extensionBase}/`;
  if (sender.url.startsWith(base)) return 'extension-page';
  return URL.canParse(sender.url) ? 'content-script' : null;
}

export interface RouterOptions {
  /** `browser.runtime.getURL('/')` and `browser.runtime.id`: read when a message arrives if not given. */
  extensionOrigin?: string;
  extensionId?: string;
}

/**
 * Builds the background's `runtime.onMessage` listener. Messages from web pages never reach it (no
 * `externally_connectable`); messages without our envelope are answered with an error.
 */
export function createRouter(handlers: Handlers, options: RouterOptions = {}) {
  return (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (answer: Answer<unknown>) => void) => {
    void route(handlers, message, sender, options).then(sendResponse);
    return true;
  };
}

function runtimeIdentity(options: RouterOptions): { origin: string; id: string } {
  if (options.extensionOrigin !== undefined && options.extensionId !== undefined)
    return { origin: options.extensionOrigin, id: options.extensionId };
  const runtime = (globalThis as { chrome?: { runtime?: { getURL(path: string): string; id: string } } }).chrome
    ?.runtime;
  if (!runtime) throw new Error('No extension runtime: pass extensionOrigin and extensionId');
  return {
    origin: options.extensionOrigin ?? runtime.getURL('/'),
    id: options.extensionId ?? runtime.id,
  };
}

export async function route(
  handlers: Handlers,
  message: unknown,
  sender: Browser.runtime.MessageSender,
  options: RouterOptions = {},
): Promise<Answer<unknown>> {
  const envelope = EnvelopeSchema.safeParse(message);
  if (!envelope.success) return { ok: false, error: 'Invalid message: expected {type, payload}' };
  const { type, payload } = envelope.data;
  if (!Object.hasOwn(requests, type)) return { ok: false, error: `Unknown message type: ${type}` };
  const identity = runtimeIdentity(options);
  const kind = senderKind(sender, identity.origin, identity.id);
  if (kind === null) return { ok: false, error: `Refused ${type}: the sender is not this extension` };
  if (kind === 'content-script' && !CONTENT_SCRIPT_MESSAGES.has(type as MessageType))
    return { ok: false, error: `Refused ${type}: answered to the extension's own pages only, not to content scripts` };
  const schema = requests[type as MessageType];
  const parsed = schema.safeParse(payload ?? {});
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    return { ok: false, error: `Invalid ${type} message: ${where}` };
  }
  try {
    const handler = handlers[type as MessageType] as (p: unknown, s: typeof sender) => Promise<unknown>;
    return { ok: true, data: await handler(parsed.data, sender) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
