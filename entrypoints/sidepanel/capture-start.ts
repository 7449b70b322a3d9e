/**
 * Turning a pending capture (context menu, keyboard shortcut, the overlay's "Log insight") into the capture form's
 * prefill: the selection becomes the body, the page URL the insight's source, and the account is the one the
 * overlay named or, failing that, the best match for the page's URL and the selected text.
 */
import type { CaptureInput, InsightFormInitial } from '../../lib/capture/form.ts';
import type { PendingCapture } from '../../lib/pending-capture.ts';
import type { PageContext } from '../../lib/sites/types.ts';
import type { LookupAnswer } from '../background/lookup.ts';
import { captureContext } from '../../lib/capture/detect.ts';
import type { AccountSummary } from '../../lib/store/page-db.ts';

/** Matches below this confidence are not prefilled (a mere mention of an address is 0.6, lib/match). */
export const DETECT_MIN_CONFIDENCE = 0.5;

export type CaptureSource = NonNullable<CaptureInput['source']>;

export interface CaptureStart {
  initial: InsightFormInitial;
  source: CaptureSource;
  /** The page it came from (title, else URL), for "Captured from …". */
  from?: string;
  /** How the account was chosen: named by the overlay, detected, named but unknown, or not found. */
  account:
    | { kind: 'given'; id: string }
    | { kind: 'detected'; id: string; name: string }
    | { kind: 'unknown'; id: string }
    | { kind: 'none' };
}

const SOURCE_KINDS: Record<PendingCapture['source'], CaptureSource['kind']> = {
  'context-menu': 'context-menu',
  overlay: 'overlay',
  popup: 'popup',
  shortcut: 'sidepanel',
};

/**
 * The form's start for a capture. `known` says whether an account id is in the imported data; `lookup` asks the
 * background which accounts the page's keys point at (it is not called when the capture names its account).
 * A failed lookup counts as "no account found": the rep can still pick one.
 */
export async function startFromCapture(
  capture: PendingCapture,
  known: (id: string) => AccountSummary | undefined,
  lookup: (context: PageContext, url: string) => Promise<LookupAnswer>,
): Promise<CaptureStart> {
  const url = capture.url && /^https?:/i.test(capture.url) ? capture.url.slice(0, 2000) : undefined;
  const source: CaptureSource = { kind: SOURCE_KINDS[capture.source], ...(url ? { url } : {}) };
  const body = (capture.selection ?? '').trim();
  const from = capture.title?.trim() || url;
  const start = (accountId: string | null, account: CaptureStart['account']): CaptureStart => ({
    initial: { accountId, fields: body === '' ? {} : { body } },
    source,
    ...(from ? { from } : {}),
    account,
  });

  if (capture.accountId !== undefined) {
    return known(capture.accountId)
      ? start(capture.accountId, { kind: 'given', id: capture.accountId })
      : start(null, { kind: 'unknown', id: capture.accountId });
  }
  const context = captureContext(capture);
  if (!context) return start(null, { kind: 'none' });
  const answer = await lookup(context, url ?? '').catch(() => null);
  const best = answer?.matches.find((m) => m.confidence >= DETECT_MIN_CONFIDENCE);
  return best
    ? start(best.accountId, { kind: 'detected', id: best.accountId, name: best.account.name })
    : start(null, { kind: 'none' });
}
