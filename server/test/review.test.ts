/**
 * Review for sales leaders: filtered lists scoped by role, review actions with an audit log, CSV export, chart
 * aggregates (per week and type, score distribution, movers from score history, open signals, rep activity) and
 * the review page itself.
 */
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { engine } from '../src/engine.ts';
import { replaceAccounts, storeSnapshot } from '../src/snapshots.ts';
import { BACKENDS, handSnapshot, hubFor, insight, putBatch, scoredAccount, seedTeam, useBackend } from './fixtures.ts';

describe.each(BACKENDS)('review on %s', (backend) => {
  const { open, skip } = useBackend(backend);
  const test = skip ? it.skip : it;

  /** North: Ana 3 insights (one private), Ben 1; South: Cleo 1. Accounts K-1 … K-3 in a snapshot. */
  async function setUp() {
    const db = await open();
    const team = await seedTeam(db);
    // Scores stay as stored here: these tests are about review, not scoring (see sync-scoring.test.ts for that).
    const hub = hubFor(db, {
      engine: { ...engine, rescoreAccount: (snapshot, id) => snapshot.accounts.find((a) => a.id === id)! },
    });
    await storeSnapshot(
      db,
      handSnapshot([
        scoredAccount('K-1', 'Müller GmbH', 82),
        scoredAccount('K-2', 'Schmidt AG', 55),
        scoredAccount('K-3', 'Weber KG', 21),
      ]),
      null,
    );
    const ana = [
      insight({ accountId: 'K-1', type: 'need', title: 'Needs a second line', createdAt: '2026-02-23T09:00:00.000Z' }),
      insight({
        accountId: 'K-1',
        type: 'competitor',
        title: 'Competitor offered 8 % off',
        createdAt: '2026-03-02T09:00:00.000Z',
      }),
      insight({
        accountId: 'K-2',
        type: 'budget',
        title: 'Private budget hint',
        visibility: 'private',
        createdAt: '2026-03-03T09:00:00.000Z',
      }),
    ];
    const ben = [
      insight({
        accountId: 'K-2',
        type: 'need',
        title: '=cmd|calc',
        author: 'ben@example.com',
        createdAt: '2026-03-04T09:00:00.000Z',
      }),
    ];
    const cleo = [
      insight({
        accountId: 'K-3',
        type: 'risk',
        title: 'South risk',
        author: 'cleo@example.com',
        createdAt: '2026-03-04T10:00:00.000Z',
      }),
    ];
    await hub.call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', ana) });
    await hub.call('POST', '/v1/push', { token: team.ben, body: putBatch('ben-laptop', ben) });
    await hub.call('POST', '/v1/push', { token: team.cleo, body: putBatch('cleo-laptop', cleo) });
    await hub.rescorer.caughtUp(); // no re-scoring run may land after a test rewrites scores
    return { db, team, ...hub, ana, ben, cleo };
  }

  test('a leader lists their team’s insights with filters; an admin sees all', async () => {
    const { team, call, ana } = await setUp();
    const list = await call('GET', '/v1/review/insights', { token: team.lead });
    expect(list.json.total).toBe(4);
    expect(list.json.items.map((i: { insight: { title: string } }) => i.insight.title)).toEqual([
      '=cmd|calc',
      'Private budget hint',
      'Competitor offered 8 % off',
      'Needs a second line',
    ]);
    expect(list.json.items[2]).toMatchObject({
      rep: { email: 'ana@example.com', name: 'Ana Rep' },
      team: 'north',
      accountName: 'Müller GmbH',
      reviewStatus: 'new',
    });
    expect(list.json.items[2].insight).toEqual(ana[1]);

    const titles = async (query: string, token = team.lead) =>
      (await call('GET', `/v1/review/insights?${query}`, { token })).json.items.map(
        (i: { insight: { title: string } }) => i.insight.title,
      );
    expect(await titles('rep=ben@example.com')).toEqual(['=cmd|calc']);
    expect(await titles('account=K-1&type=need')).toEqual(['Needs a second line']);
    expect(await titles('from=2026-03-02&to=2026-03-03')).toEqual([
      'Private budget hint',
      'Competitor offered 8 % off',
    ]);
    expect(await titles('limit=1&offset=1')).toEqual(['Private budget hint']);
    expect(await titles('rep=cleo@example.com')).toEqual([]);
    expect((await call('GET', '/v1/review/insights', { token: team.admin })).json.total).toBe(5);
    expect((await call('GET', '/v1/review/insights?type=gossip', { token: team.lead })).status).toBe(400);
    expect(
      (await call('GET', '/v1/review/reps', { token: team.lead })).json.map((r: { email: string }) => r.email),
    ).toEqual(['ana@example.com', 'ben@example.com', 'lead@example.com']);
  });

  test('review actions change the status and are kept in the audit log', async () => {
    const { team, call, ana, cleo } = await setUp();
    const id = ana[1]!.id;
    const first = await call('POST', `/v1/review/insights/${id}/review`, {
      token: team.lead,
      body: { action: 'reviewed', comment: 'Call them this week' },
    });
    expect(first).toMatchObject({ status: 200, json: { reviewStatus: 'reviewed' } });
    await call('POST', `/v1/review/insights/${id}/review`, {
      token: team.admin,
      body: { action: 'actioned', comment: '  Price matched  ' },
    });
    const log = await call('GET', `/v1/review/insights/${id}/log`, { token: team.lead });
    expect(
      log.json.map((e: { action: string; comment: string; by: { email: string } }) => [
        e.action,
        e.comment,
        e.by.email,
      ]),
    ).toEqual([
      ['reviewed', 'Call them this week', 'lead@example.com'],
      ['actioned', 'Price matched', 'admin@example.com'],
    ]);
    expect(await titlesByReview(call, team.lead, 'actioned')).toEqual(['Competitor offered 8 % off']);

    const foreign = await call('POST', `/v1/review/insights/${cleo[0]!.id}/review`, {
      token: team.lead,
      body: { action: 'reviewed' },
    });
    expect(foreign).toMatchObject({ status: 404, json: { error: `no insight ${cleo[0]!.id} for you to review` } });
    expect(
      (await call('POST', `/v1/review/insights/${id}/review`, { token: team.lead, body: { action: 'ignored' } }))
        .status,
    ).toBe(400);
    expect(
      (await call('POST', '/v1/review/insights/not-a-ulid/review', { token: team.lead, body: { action: 'reviewed' } }))
        .status,
    ).toBe(400);
  });

  test('the CSV export has the filtered rows, quoted and defused', async () => {
    const { team, call, ben } = await setUp();
    const res = await call('GET', '/v1/review/insights.csv?rep=ben@example.com', { token: team.lead });
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="accountlens-insights-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe(
      'id,createdAt,repEmail,repName,team,accountId,accountName,type,title,body,sentiment,status,reviewStatus,visibility,products,tags,followUpAt',
    );
    expect(lines[1]).toBe(
      `${ben[0]!.id},2026-03-04T09:00:00.000Z,ben@example.com,Ben Rep,north,K-2,Schmidt AG,need,"'=cmd|calc",Asked for a quote before Q3.,0,open,new,team,,,`,
    );
    expect(lines).toHaveLength(3);
  });

  test('chart aggregates: per week and type, distribution, movers, open signals, rep activity', async () => {
    const { db, team, call } = await setUp();
    await moveScores(db);
    const res = await call('GET', '/v1/review/charts?weeks=3&until=2026-03-08&since=2026-02-06', { token: team.lead });
    const c = res.json;
    // 2026-03-08 is a Sunday: three weeks back from its Monday (2026-03-02) start on 2026-02-16. Cleo is in south.
    expect(c.range).toEqual({ from: '2026-02-16', until: '2026-03-08', since: '2026-02-06' });
    expect(c.insightsPerWeek.map((w: { week: string; total: number }) => [w.week, w.total])).toEqual([
      ['2026-02-16', 0],
      ['2026-02-23', 1],
      ['2026-03-02', 3],
    ]);
    expect(c.insightsPerWeek[2].counts).toMatchObject({ competitor: 1, budget: 1, need: 1, risk: 0 });
    // K-3 21 (C), K-2 63 (B), K-1 79.5 (A) in buckets 20–30, 60–70 and 70–80.
    expect(c.scoreDistribution.filter((b: { A: number; B: number; C: number }) => b.A + b.B + b.C > 0)).toEqual([
      { from: 20, to: 30, A: 0, B: 0, C: 1 },
      { from: 60, to: 70, A: 0, B: 1, C: 0 },
      { from: 70, to: 80, A: 1, B: 0, C: 0 },
    ]);
    expect(c.movers).toEqual([
      { accountId: 'K-2', name: 'Schmidt AG', before: 48, after: 63, delta: 15, segment: 'B', baseline: 'since' },
      { accountId: 'K-1', name: 'Müller GmbH', before: 82, after: 79.5, delta: -2.5, segment: 'A', baseline: 'since' },
    ]);
    expect(c.openSignals).toEqual([
      { accountId: 'K-1', name: 'Müller GmbH', needs: 1, competitors: 1, risks: 0, latest: '2026-03-02T09:00:00.000Z' },
      { accountId: 'K-2', name: 'Schmidt AG', needs: 1, competitors: 0, risks: 0, latest: '2026-03-04T09:00:00.000Z' },
    ]);
    expect(c.repActivity).toEqual([
      { email: 'ana@example.com', name: 'Ana Rep', recent: 3, total: 3, lastCaptureAt: '2026-03-03T09:00:00.000Z' },
      { email: 'ben@example.com', name: 'Ben Rep', recent: 1, total: 1, lastCaptureAt: '2026-03-04T09:00:00.000Z' },
      { email: 'lead@example.com', name: 'Lena Lead', recent: 0, total: 0, lastCaptureAt: null },
    ]);
    for (const key of ['perWeek', 'distribution', 'movers', 'signals', 'activity'])
      expect(c.svg[key]).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(c.svg.movers).toContain('Schmidt AG');
    expect(c.svg.movers).toContain('+15.0');
  });

  test('the review page is a self-contained shell with a nonce CSP', async () => {
    const { call } = await setUp();
    const page = await call('GET', '/review');
    expect(page.status).toBe(200);
    const csp = page.headers.get('Content-Security-Policy')!;
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)![1];
    expect(page.text).toContain(`<script nonce="${nonce}">`);
    expect(csp).toContain("connect-src 'self'");
    expect(page.text).toContain('<title>AccountLens · Team review</title>');
    expect(page.text).not.toContain('Needs a second line');
  });
});

async function titlesByReview(
  call: ReturnType<typeof hubFor>['call'],
  token: string,
  review: string,
): Promise<string[]> {
  return (await call('GET', `/v1/review/insights?review=${review}`, { token })).json.items.map(
    (i: { insight: { title: string } }) => i.insight.title,
  );
}

/**
 * Score history: the snapshot of 2026-02-01 recorded K-1 82, K-2 48 (dated before `since`), then a re-score moved
 * them to 79.5 and 63; K-3 did not move. The movers compare the current scores with the last entry before `since`.
 */
async function moveScores(db: Database) {
  await db.query(
    `UPDATE score_history SET recorded_at = '2026-02-01T06:00:00Z', value_score = CASE account_id WHEN 'K-2' THEN 48 ELSE value_score END`,
  );
  await db.query(
    `UPDATE snapshot_accounts SET value_score = 48, data = jsonb_set(data::jsonb, '{valueScore}', '48')::json WHERE account_id = 'K-2'`,
  );
  const before = [scoredAccount('K-1', 'Müller GmbH', 82), scoredAccount('K-2', 'Schmidt AG', 48)];
  const after = [scoredAccount('K-1', 'Müller GmbH', 79.5), scoredAccount('K-2', 'Schmidt AG', 63)];
  await db.transaction((tx) =>
    replaceAccounts(
      tx,
      1,
      100,
      before.map((b, k) => ({ before: b, after: after[k]! })),
    ),
  );
}
