/**
 * One account the engine fails on does not drop a re-scoring run: the others are stored, the failure is recorded
 * with its reason (rescore_failures, and the log), and the account is tried again later until it succeeds.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { datasetToCsv, generateDataset } from '../../lib/engine/generate.ts';
import { rescoreAccount } from '../../lib/engine/rescore.ts';
import type { Snapshot } from '../../lib/engine/snapshot.ts';
import { engine } from '../src/engine.ts';
import type { ScoringEngine } from '../src/scoring.ts';
import { BACKENDS, hubFor, insight, putBatch, seedTeam, useBackend } from './fixtures.ts';

let csv: ReturnType<typeof datasetToCsv>;
beforeAll(() => {
  csv = datasetToCsv(generateDataset({ accounts: 12, seed: 3 }), 'de');
});
afterEach(() => vi.restoreAllMocks());

/** Polls `check` until it holds (a positive sign that the retry ran), for at most 20 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (const until = Date.now() + 20_000; Date.now() < until;) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('eventually: the condition did not hold within 20 s');
}

describe.each(BACKENDS)('re-scoring failures on %s', (backend) => {
  const { open, skip } = useBackend(backend);
  const test = skip ? it.skip : it;

  test('a bad account is skipped, recorded with its reason and retried; the rest of the run is kept', async () => {
    const db = await open();
    const team = await seedTeam(db);
    let broken: string | null = null;
    const flaky: ScoringEngine = {
      ...engine,
      rescoreAccount(snapshot, accountId, insights) {
        if (accountId === broken) throw new Error(`engine broke on ${accountId}`);
        return engine.rescoreAccount(snapshot, accountId, insights);
      },
    };
    const { call } = hubFor(db, { engine: flaky, rescoreRetry: { firstMs: 50, maxMs: 200 } });
    expect((await call('POST', '/v1/admin/dataset', { token: team.admin, body: csv })).status).toBe(201);
    const before = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
    const snapshot: Snapshot = before.json.snapshot.snapshot;
    const [a, b, c] = snapshot.accounts.map((x) => x.id);
    const notes = [a!, b!, c!].map((accountId) =>
      insight({ accountId, type: 'competitor', title: `Rival at ${accountId}`, createdAt: '2025-12-20T10:00:00.000Z' }),
    );
    broken = b!;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const push = await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', notes) });
    expect(push.json.lastMutationId).toBe(3);

    const after = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${before.json.cursor}`, { token: team.ben });
    expect(after.json.insights).toHaveLength(3);
    const ids = after.json.snapshot.accounts.map((x: { id: string }) => x.id).sort();
    expect(ids).toEqual([a, c].sort());
    const [failure] = await db.query<{ account_id: string; reason: string; attempts: number }>(
      'SELECT account_id, reason, attempts FROM rescore_failures',
    );
    expect(failure).toMatchObject({ account_id: b, reason: `Error: engine broke on ${b}` });
    expect(errors.mock.calls.flat().join(' ')).toContain(`re-scoring account ${b} failed`);

    // Still broken: the retries back off and keep the record; once the engine works again, B is scored.
    await eventually(async () => {
      const [row] = await db.query<{ attempts: number }>('SELECT attempts FROM rescore_failures');
      return Number(row?.attempts ?? 0) >= 2;
    });
    broken = null;
    await eventually(async () => {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rescore_failures');
      return row!.n === 0;
    });
    const later = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${after.json.cursor}`, { token: team.ben });
    expect(later.json.snapshot.accounts).toEqual([
      rescoreAccount(snapshot, b!, [{ ...notes[1]!, author: 'ana@example.com' }]),
    ]);
  });
});
