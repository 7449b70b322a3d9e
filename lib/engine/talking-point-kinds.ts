/**
 * The kinds of talking point, in ranking order for ties. A leaf module: snapshot.ts re-exports it, and the modules
 * the compact snapshot (snapshot-v2.ts) needs at load time import it from here, so that no import cycle reads a
 * binding before it is set.
 */
export const TALKING_POINT_KINDS = [
  'cross-sell',
  'reorder-due',
  'win-back',
  'decline',
  'expansion',
  'referral-ask',
  'follow-up',
  'competitor',
  'open-need',
] as const;
