/**
 * The outcome insight a meeting leaves behind: what happened (order, next step, no interest) and which talking
 * points were used, which is what lib/engine/outcomes.ts learns from.
 */
import type { Outcome } from '../../lib/engine/insight.ts';
import type { SaveInsightInput } from '../../lib/store/insights.ts';
import type { BriefOrigin } from './brief-data.ts';

export type { Outcome };

export interface OutcomeDraft {
  outcome: Outcome | null;
  title: string;
  body: string;
  /** Talking point ids, in the order shown. */
  used: string[];
}

const SOURCE: Record<BriefOrigin, 'overlay' | 'popup' | 'sidepanel'> = {
  overlay: 'overlay',
  calendar: 'overlay',
  popup: 'popup',
  sidepanel: 'sidepanel',
};

/**
 * The insight to save for a draft; an empty title becomes `fallbackTitle` (the outcome's name). The insight is
 * `done` at once: an outcome records what happened, it asks for nothing.
 * @throws {Error} when no outcome was chosen
 */
export function outcomeInput(
  accountId: string,
  draft: OutcomeDraft,
  from: BriefOrigin,
  fallbackTitle: string,
): SaveInsightInput {
  if (draft.outcome === null) throw new Error('outcomeInput: choose an outcome (order, next-step or no-interest)');
  return {
    type: 'outcome',
    accountId,
    title: draft.title.trim() || fallbackTitle,
    body: draft.body.trim(),
    outcome: draft.outcome,
    talkingPoints: [...new Set(draft.used)],
    status: 'done',
    source: { kind: SOURCE[from] },
  };
}
