/**
 * Hold-outs: with an experiment on (model.experiment.holdoutShare > 0), a deterministic share of (account,
 * talking-point kind) pairs is held out. Their points are computed and ranked as usual (so a held-out point is one
 * the rep would have seen), then moved from the account's `talkingPoints` to `heldOutTalkingPoints`: the
 * extension shows only the first list, and an older extension, which does not know the second, shows none of them
 * either. lib/engine/effects.ts compares what the two groups bought afterwards.
 *
 * Method: u = hash(salt, account id, kind) / 2³², held out when u < holdoutShare. The hash is 32-bit FNV-1a over
 * the UTF-16 code units, finished with MurmurHash3's fmix32 avalanche, so every device, the CLI and the hub draw the
 * same split from the same model, the split survives re-scores, and the same account is not held out of every kind
 * at once. Only the kinds in experiment.kinds (by default those that orders can judge) are held out.
 */
import type { Experiment, ModelConfig } from './model-config.ts';
import type { ScoredAccount, TalkingPoint } from './snapshot.ts';

/**
 * 32-bit FNV-1a of a string's UTF-16 code units with the fmix32 finaliser; O(length).
 * @example holdoutHash('') // => 0
 */
export function holdoutHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Whether the experiment holds out `kind` for the account. O(length of the ids).
 * @example isHeldOut({ holdoutShare: 0.1, salt: '', kinds: ['cross-sell'] }, 'K-1', 'follow-up') // => false
 */
export function isHeldOut(experiment: Experiment | undefined, accountId: string, kind: TalkingPoint['kind']): boolean {
  if (experiment === undefined || !(experiment.holdoutShare > 0)) return false;
  if (!(experiment.kinds as readonly string[]).includes(kind)) return false;
  return holdoutHash(`${experiment.salt}\u0000${accountId}\u0000${kind}`) / 4294967296 < experiment.holdoutShare;
}

/**
 * Splits an account's ranked talking points into those shown and those held out (both keep their order). O(points).
 * @example splitHeldOut(points, 'K-1', { talkingPoints: { max: 8 } }).heldOut // => [] without an experiment
 */
export function splitHeldOut(
  points: readonly TalkingPoint[],
  accountId: string,
  model: Pick<ModelConfig, 'experiment'>,
): { shown: TalkingPoint[]; heldOut: TalkingPoint[] } {
  const shown: TalkingPoint[] = [];
  const heldOut: TalkingPoint[] = [];
  for (const p of points) (isHeldOut(model.experiment, accountId, p.kind) ? heldOut : shown).push(p);
  return { shown, heldOut };
}

/**
 * The account fields for its points: `talkingPoints`, and `heldOutTalkingPoints` only when there are any, so a
 * snapshot without an experiment is byte for byte what it was before hold-outs existed.
 */
export function talkingPointFields(
  points: readonly TalkingPoint[],
  accountId: string,
  model: Pick<ModelConfig, 'experiment'>,
): Pick<ScoredAccount, 'talkingPoints' | 'heldOutTalkingPoints'> {
  const { shown, heldOut } = splitHeldOut(points, accountId, model);
  return heldOut.length > 0 ? { talkingPoints: shown, heldOutTalkingPoints: heldOut } : { talkingPoints: shown };
}

/** Every talking point of an account, shown first, each with whether it was held out. */
export function allTalkingPoints(account: ScoredAccount): { point: TalkingPoint; heldOut: boolean }[] {
  return [
    ...account.talkingPoints.map((point) => ({ point, heldOut: false })),
    ...(account.heldOutTalkingPoints ?? []).map((point) => ({ point, heldOut: true })),
  ];
}
