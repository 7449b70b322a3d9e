/**
 * Who sees which insights, as SQL conditions used by pull and review alike.
 *
 * Private means the author's only: nobody else — leader or admin — receives a private note's text, and nobody
 * else may change it (push.ts). Team-visible notes reach the author's team (a rep's teammates and leader) and
 * admins. For review, leaders and admins see that their team's private notes exist (type, account, dates, review
 * state), never their title or body (`reviewableInsights` plus review.ts's redaction).
 */
import type { Principal } from './users.ts';

/**
 * The insights whose text `p` may read: a WHERE fragment over table alias `i` plus its parameters, numbered from
 * `firstParam`.
 * @example visibleInsights({role: 'rep', userId: 7, teamId: 2, …}, 3).sql // => "(i.owner_user_id = $3 OR (i.team_id = $4 AND i.visibility = 'team'))"
 */
export function visibleInsights(p: Principal, firstParam: number): { sql: string; params: unknown[] } {
  const a = `$${firstParam}`;
  const b = `$${firstParam + 1}`;
  if (p.role === 'admin') return { sql: `(i.owner_user_id = ${a} OR i.visibility = 'team')`, params: [p.userId] };
  return {
    sql: `(i.owner_user_id = ${a} OR (i.team_id = ${b} AND i.visibility = 'team'))`,
    params: [p.userId, p.teamId],
  };
}

/**
 * The insights `p` may review (see their existence and metadata): a leader their team's and their own, an admin
 * all, a rep the ones they may read. Text of a private note not `p`'s own is redacted by review.ts.
 */
export function reviewableInsights(p: Principal, firstParam: number): { sql: string; params: unknown[] } {
  if (p.role === 'admin') return { sql: 'TRUE', params: [] };
  if (p.role === 'leader')
    return {
      sql: `(i.owner_user_id = $${firstParam} OR i.team_id = $${firstParam + 1})`,
      params: [p.userId, p.teamId],
    };
  return visibleInsights(p, firstParam);
}
