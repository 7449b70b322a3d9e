/**
 * Shapes the components take that are not engine types: what the overlay knows about one matched account, and the
 * callbacks through which the rep acts on it. The entrypoints fill them from the background's answers.
 */
import type { Insight } from '../lib/engine/insight.ts';
import type { ScoredAccount } from '../lib/engine/snapshot.ts';

/** The rep's feedback on a talking point (lib/store FEEDBACK_MARKS). */
export const TALKING_POINT_MARKS = ['used', 'not-relevant', 'done'] as const;
export type TalkingPointMark = (typeof TALKING_POINT_MARKS)[number];

/** An account to pick from: a match candidate or a search result. */
export interface AccountOption {
  id: string;
  name: string;
  /** 0…1 for match candidates. */
  confidence?: number;
}

/** One account the page matched, with what the overlay shows about it. */
export interface AccountView {
  account: ScoredAccount;
  /** 0…1: how sure the match is. */
  confidence: number;
  /** What on the page matched, e.g. "acme.de" or "HubSpot company 123"; shown next to the confidence. */
  matchedBy?: string;
  /** The account's insights (any order; the card shows the newest). */
  insights: readonly Insight[];
  /** Feedback already given, by talking point id. */
  marks?: Readonly<Record<string, TalkingPointMark>>;
}

/** What the rep can do from an account card; every callback gets the account it concerns. */
export interface AccountCardActions {
  onMark: (accountId: string, talkingPointId: string, mark: TalkingPointMark | null) => void;
  onLogInsight: (accountId: string) => void;
  /** The rep says the page is about another account (its id), or about none (null). */
  onCorrect: (accountId: string | null) => void;
  onSearch: (query: string) => Promise<AccountOption[]>;
  /** Opens the meeting brief; the card shows the button only when given. */
  onOpenBrief?: (accountId: string) => void;
}
