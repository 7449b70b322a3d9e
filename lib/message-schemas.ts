/**
 * Messages between content scripts, extension pages and the background: one zod/mini schema per request, one
 * TypeScript type per answer, and one envelope. zod/mini (not the full zod) because content scripts import this
 * module and must stay small.
 *
 * Every answer is `{ ok: true, data }` or `{ ok: false, error }`: an unknown type or a malformed payload is answered
 * with an error, never thrown into the sender or left hanging. The background answers through `sendResponse` and
 * `return true` (a listener that returns a Promise is ignored by some fakes and polyfill paths).
 */
import { browser, type Browser } from 'wxt/browser';
import * as z from 'zod/mini';

const accountKey = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('crm'),
    crm: z.enum(['salesforce', 'hubspot', 'dynamics', 'pipedrive', 'zoho', 'custom']),
    id: z.string().check(z.minLength(1), z.maxLength(200)),
    recordType: z.optional(z.string().check(z.maxLength(100))),
  }),
  z.object({
    kind: z.literal('email'),
    email: z.string().check(z.minLength(3), z.maxLength(320)),
    role: z.optional(z.enum(['from', 'to', 'cc', 'reply-to', 'attendee', 'mention'])),
  }),
  z.object({ kind: z.literal('domain'), domain: z.string().check(z.minLength(3), z.maxLength(253)) }),
  z.object({ kind: z.literal('name'), name: z.string().check(z.minLength(1), z.maxLength(300)) }),
]);

/** What a content script found on a page: untrusted page data, bounded in size. */
export const PageContextSchema = z.object({
  site: z.string().check(z.minLength(1), z.maxLength(100)),
  keys: z.array(accountKey).check(z.maxLength(50)),
  pageKind: z.enum(['record', 'mail', 'calendar', 'other']),
  anchorHint: z.optional(z.string().check(z.maxLength(200))),
});

/** Request schemas, by message type. */
export const requests = {
  ping: z.object({}),
  'page.lookup': z.object({ url: z.string().check(z.maxLength(4000)), context: PageContextSchema }),
  'match.correct': z.object({
    key: z.string().check(z.minLength(1), z.maxLength(400)),
    accountId: z.nullable(z.string().check(z.maxLength(200))),
  }),
  'insight.save': z.object({ input: z.unknown() }),
  'capture.open': z.object({
    accountId: z.optional(z.string().check(z.maxLength(200))),
    selection: z.optional(z.string().check(z.maxLength(20000))),
    url: z.optional(z.string().check(z.maxLength(4000))),
  }),
} as const;

export type MessageType = keyof typeof requests;
export type Request<T extends MessageType> = z.infer<(typeof requests)[T]>;

export const EnvelopeSchema = z.object({ type: z.string(), payload: z.optional(z.unknown()) });
export type Answer<T> = { ok: true; data: T } | { ok: false; error: string };

/** Sends a typed request to the background and unwraps the answer; throws with the background's error text. */
export async function sendMessage<T extends MessageType, R>(type: T, payload: Request<T>): Promise<R> {
  const answer = (await browser.runtime.sendMessage({ type, payload })) as Answer<R> | undefined;
  if (!answer || typeof answer !== 'object' || !('ok' in answer)) throw new Error(`No answer to ${type}`);
  if (!answer.ok) throw new Error(answer.error);
  return answer.data;
}

export type Handlers = {
  [T in MessageType]: (payload: Request<T>, sender: Browser.runtime.MessageSender) => Promise<unknown>;
};

/**
 * Builds the background's `runtime.onMessage` listener. Messages from web pages never reach it (no
 * `externally_connectable`); messages without our envelope are answered with an error.
 */
export function createRouter(handlers: Handlers) {
  return (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (answer: Answer<unknown>) => void) => {
    void route(handlers, message, sender).then(sendResponse);
    return true;
  };
}

export async function route(
  handlers: Handlers,
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Answer<unknown>> {
  const envelope = EnvelopeSchema.safeParse(message);
  if (!envelope.success) return { ok: false, error: 'Invalid message: expected {type, payload}' };
  const { type, payload } = envelope.data;
  if (!Object.hasOwn(requests, type)) return { ok: false, error: `Unknown message type: ${type}` };
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
