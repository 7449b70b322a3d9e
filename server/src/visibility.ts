/**
 * Who sees which insights, as one SQL condition used by pull and review alike: a rep their own and their team's
 * team-visible ones, a leader everything of their team, an admin everything.
 */
import type { Principal } from './users.ts';

/**
 * A WHERE fragment over table alias `i` plus its parameters, numbered from `firstParam`.
 * @example visibleInsights({role: 'rep', userId: 7, teamId: 2, …}, 3).sql // => "(i.owner_user_id = $3 OR (i.team_id = $4 AND i.visibility = 'team'))"
 */
export function visibleInsights(p: Principal, firstParam: number): { sql: string; params: unknown[] } {
  const a = `$${firstParam}`;
  const b = `$${firstParam + 1}`;
  if (p.role === 'admin') return { sql: 'TRUE', params: [] };
  if (p.role === 'leader') return { sql: `(i.owner_user_id = ${a} OR i.team_id = ${b})`, params: [p.userId, p.teamId] };
  return {
    sql: `(i.owner_user_id = ${a} OR (i.team_id = ${b} AND i.visibility = 'team'))`,
    params: [p.userId, p.teamId],
  };
}
