/**
 * Saving a capture through the background, safe to retry. A new insight gets its id here, before it is sent,
 * and goes out as "rev 0" (the edit of nothing): if the service worker stops after the store committed but before
 * the answer arrived, the retry finds the insight by that id instead of creating a second one, and a retry that
 * races the first attempt is refused by the store's own transaction as stale. Only a lost answer is retried; an
 * answer that refuses the insight (too long, unknown account…) is the rep's to fix and is thrown as it came.
 */
import { ulid } from 'ulid';
import { browser } from 'wxt/browser';
import type { CaptureInput } from './form.ts';
import type { Insight } from '../engine/insight.ts';
import type { ScoredAccount } from '../engine/snapshot.ts';
import type { Answer } from '../messaging.ts';
import { getInsight, type Db } from '../store/index.ts';
import { rescoreLocally } from '../store/rescore.ts';

/** What `insight.save` answers: the stored insight and its account, re-scored (null without a snapshot). */
export interface SaveAnswer {
  insight: Insight;
  account: ScoredAccount | null;
}

export interface SaveResult extends SaveAnswer {
  /** Sends it took (1 when the first answer arrived). */
  attempts: number;
  /** True when an answer was lost and the insight was found in the store instead. */
  recovered: boolean;
}

/** The background answered and refused the insight: the message says why, naming the field. */
export class SaveRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SaveRefusedError';
  }
}

export interface SaveTransport {
  /** Sends `insight.save`; rejects (or resolves undefined) when no answer came back. */
  send(input: CaptureInput): Promise<Answer<SaveAnswer> | undefined>;
  /** The stored insight with this id, read from IndexedDB. */
  stored(id: string): Promise<Insight | undefined>;
  /** Re-scores an account whose insight was stored while the answer (and the background's re-score) got lost. */
  rescore(accountId: string): Promise<ScoredAccount | null>;
  /** Pause before a retry, so a stopping service worker can finish stopping. */
  wait(ms: number): Promise<void>;
}

/** The transport of extension pages: runtime messaging, and the store opened by the page itself. */
export function extensionTransport(db: () => Promise<Db>): SaveTransport {
  return {
    send: async (input) =>
      (await browser.runtime.sendMessage({ type: 'insight.save', payload: { input } })) as
        Answer<SaveAnswer> | undefined,
    stored: async (id) => (await getInsight(await db(), id)).value,
    rescore: async (accountId) => rescoreLocally(await db(), accountId),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

/** Whether `stored` is the result of saving `sent` (same content, a later rev than the edit started from). */
function isResultOf(stored: Insight, sent: CaptureInput): boolean {
  return (
    stored.deletedAt === null &&
    stored.rev > (sent.rev ?? 0) &&
    stored.title === sent.title &&
    stored.body === (sent.body ?? '') &&
    stored.type === sent.type &&
    stored.accountId === (sent.accountId ?? null)
  );
}

/**
 * Saves a capture, retrying lost answers up to `attempts` times.
 * @throws {SaveRefusedError} when the background refused the insight (its message names the field)
 * @throws {Error} naming the attempts when no answer came back and the insight is not in the store
 * @example
 * const { insight, account } = await saveCapture({ type: 'need', title: 'Second press' }, extensionTransport(db));
 */
export async function saveCapture(
  input: CaptureInput,
  transport: SaveTransport,
  options: { attempts?: number; newId?: () => string } = {},
): Promise<SaveResult> {
  const { attempts = 3, newId = ulid } = options;
  const sent: CaptureInput = input.id === undefined ? { ...input, id: newId(), rev: 0 } : input;
  const id = sent.id as string;
  let lastError = new Error('no attempt made');
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let answer: Answer<SaveAnswer> | undefined;
    try {
      answer = await transport.send(sent);
      if (answer === undefined) lastError = new Error('the message channel closed without an answer');
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
    }
    if (answer?.ok) return { ...answer.data, attempts: attempt, recovered: false };
    if (answer && !answer.ok) {
      // A refusal on a retry may be the store saying "already there" (stale): look before passing it on.
      if (attempt === 1) throw new SaveRefusedError(answer.error);
      lastError = new SaveRefusedError(answer.error);
    }
    const stored = await transport.stored(id);
    if (stored && isResultOf(stored, sent)) {
      const account = stored.accountId === null ? null : await transport.rescore(stored.accountId);
      return { insight: stored, account, attempts: attempt, recovered: true };
    }
    if (lastError instanceof SaveRefusedError) throw lastError;
    if (attempt < attempts) await transport.wait(150 * attempt);
  }
  throw new Error(`saveCapture: no answer from the background after ${attempts} attempts: ${lastError.message}`);
}
