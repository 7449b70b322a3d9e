/**
 * Talking points drawn from insights, seen only by those who may see the insights. The hub scores one shared
 * snapshot from every team's team-visible notes, and a talking point quotes its note's title and author; so before
 * an account leaves the hub, the talking points whose notes the puller could not pull themselves are taken out.
 * The score and the other facts stay shared: they are the team model, not anyone's words.
 *
 * Both pull paths (the database's, pull.ts, and memory's, change-log.ts) go through here, on accounts as JSON
 * text: an account that quotes no note is passed on as it is, never parsed.
 */
import type { ScoredAccount } from '../../lib/engine/snapshot.ts';
import type { Principal } from './users.ts';

/** What decides who sees an insight (visibility.ts's rule). */
export interface InsightOwner {
  ownerUserId: number;
  teamId: number | null;
  visibility: 'private' | 'team';
}

const MARK = '"insightIds"';

/** Whether `p` may see an insight: the rule of visibility.ts's SQL, in JavaScript. Unknown insights: no. */
export function maySee(p: Principal, owner: InsightOwner | undefined): boolean {
  if (!owner) return p.role === 'admin';
  if (owner.ownerUserId === p.userId) return true;
  if (owner.visibility !== 'team') return false;
  return p.role === 'admin' || (p.teamId !== null && owner.teamId === p.teamId);
}

/** Whether an account (as JSON text) has talking points quoting insights; false means nothing to redact. */
export function quotesInsights(accountJson: string): boolean {
  return accountJson.includes(MARK);
}

/** The insight ids `accounts`' talking points quote. */
export function quotedInsights(accounts: readonly ScoredAccount[]): string[] {
  return [...new Set(accounts.flatMap((a) => a.talkingPoints.flatMap((t) => t.insightIds ?? [])))];
}

/** `account` without the talking points that quote an insight `p` may not see (the same object when none do). */
export function visibleToPrincipal(
  account: ScoredAccount,
  p: Principal,
  ownerOf: (insightId: string) => InsightOwner | undefined,
): ScoredAccount {
  const kept = account.talkingPoints.filter((t) => (t.insightIds ?? []).every((id) => maySee(p, ownerOf(id))));
  return kept.length === account.talkingPoints.length ? account : { ...account, talkingPoints: kept };
}

/** One account as JSON text, as `p` may receive it (see visibleToPrincipal); parsed only when it quotes notes. */
export function redactAccount(
  accountJson: string,
  p: Principal,
  ownerOf: (insightId: string) => InsightOwner | undefined,
): string {
  if (p.role === 'admin' || !quotesInsights(accountJson)) return accountJson;
  const account = JSON.parse(accountJson) as ScoredAccount;
  const visible = visibleToPrincipal(account, p, ownerOf);
  return visible === account ? accountJson : JSON.stringify(visible);
}
