/**
 * The visibility rule lives twice: as SQL for pull and review (visibility.ts) and in JavaScript for the in-memory
 * change log and the redaction of quoted notes (redact.ts's maySee). This runs the SQL on every combination of
 * owner, team and visibility and checks both give the same answer for every role.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maySee, type InsightOwner } from '../src/redact.ts';
import type { Principal } from '../src/users.ts';
import { visibleInsights } from '../src/visibility.ts';

const who = (role: Principal['role'], userId: number, teamId: number | null): Principal => ({
  role,
  userId,
  teamId,
  email: `${userId}@example.com`,
  name: String(userId),
  tokenId: userId,
});
const PRINCIPALS = [
  who('rep', 1, 10),
  who('rep', 2, 10),
  who('leader', 3, 10),
  who('rep', 4, 20),
  who('admin', 5, null),
];
const ROWS: (InsightOwner & { id: number })[] = [];
for (const ownerUserId of [1, 2, 3, 4, 5])
  for (const teamId of [10, 20, null])
    for (const visibility of ['private', 'team'] as const)
      ROWS.push({ id: ROWS.length + 1, ownerUserId, teamId, visibility });

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.exec(
    'CREATE TABLE insights (id int PRIMARY KEY, owner_user_id int NOT NULL, team_id int, visibility text NOT NULL)',
  );
  for (const r of ROWS)
    await db.query('INSERT INTO insights VALUES ($1, $2, $3, $4)', [r.id, r.ownerUserId, r.teamId, r.visibility]);
}, 120_000);
afterAll(async () => {
  await db.close();
});

describe('visibility: SQL and JavaScript agree', () => {
  it.each(PRINCIPALS.map((p) => [`${p.role} ${p.userId} (team ${p.teamId})`, p] as const))('%s', async (_, p) => {
    const { sql, params } = visibleInsights(p, 1);
    const result = await db.query<{ id: number }>(`SELECT id FROM insights i WHERE ${sql} ORDER BY id`, params);
    const bySql = result.rows.map((r) => r.id);
    const byJs = ROWS.filter((r) => maySee(p, r)).map((r) => r.id);
    expect(bySql.length).toBeGreaterThan(0);
    expect(bySql).toEqual(byJs);
  });
});
