/**
 * Review for sales leaders: filtered lists scoped by role, review actions with an audit log, CSV export, chart
 * aggregates (per week and type, score distribution, movers from score history, open signals, rep activity) and
 * the review page itself.
 */
import { describe, expect, it } from 'vitest';
import type { InsightInput } from '../../lib/engine/insight.ts';
import type { TalkingPointRate } from '../../lib/engine/snapshot.ts';
import type { Database } from '../src/db/database.ts';
import { engine } from '../src/engine.ts';
import { replaceAccounts, storeSnapshot } from '../src/snapshots.ts';
import { addUser } from '../src/users.ts';
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
      'Private note', // a private note is listed (it exists), without its words
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
    expect(await titles('from=2026-03-02&to=2026-03-03')).toEqual(['Private note', 'Competitor offered 8 % off']);
    expect(await titles('limit=1&offset=1')).toEqual(['Private note']);
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

  test('talking-point rates: learned from the team’s visible outcomes, Beta(5, 5) updates, per segment', async () => {
    const { db, team, call } = await setUp();
    const south = (await addUser(db, { email: 'sol@example.com', name: 'Sol Lead', role: 'leader', team: 'south' }))
      .token;
    const outcome = (over: Partial<InsightInput>) =>
      insight({ type: 'outcome', title: 'Meeting outcome', createdAt: '2026-03-05T09:00:00.000Z', ...over });
    // K-1 is segment A, K-2 B, K-3 C in setUp's snapshot.
    const anaOutcomes = [
      outcome({ accountId: 'K-1', outcome: 'order', talkingPoints: ['reorder-due:SKU-1', 'decline:K-1'] }),
      outcome({ accountId: 'K-1', outcome: 'next-step', talkingPoints: ['reorder-due:SKU-1'] }),
      // Listed twice, counted once; an id of no known kind is skipped.
      outcome({ accountId: 'K-2', outcome: 'order', talkingPoints: ['reorder-due:SKU-2', 'reorder-due:SKU-2'] }),
      outcome({ accountId: 'K-2', outcome: 'no-interest', talkingPoints: ['decline:K-2', 'gossip:x'] }),
      // Not counted: private, deleted, and on an account the snapshot doesn't have.
      outcome({
        accountId: 'K-1',
        outcome: 'no-interest',
        talkingPoints: ['reorder-due:SKU-1'],
        visibility: 'private',
      }),
      outcome({
        accountId: 'K-1',
        outcome: 'no-interest',
        talkingPoints: ['reorder-due:SKU-1'],
        deletedAt: '2026-03-06T09:00:00.000Z',
      }),
      outcome({ accountId: 'K-9', outcome: 'no-interest', talkingPoints: ['reorder-due:SKU-9'] }),
    ];
    const cleoOutcome = outcome({
      accountId: 'K-3',
      author: 'cleo@example.com',
      outcome: 'no-interest',
      talkingPoints: ['reorder-due:SKU-3'],
    });
    expect(
      (await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', anaOutcomes, 4) })).status,
    ).toBe(200);
    expect(
      (await call('POST', '/v1/push', { token: team.cleo, body: putBatch('cleo-laptop', [cleoOutcome], 2) })).status,
    ).toBe(200);

    const rows = (json: { rates: TalkingPointRate[] }) =>
      json.rates.map((r) => [r.kind, r.segment, r.successes, r.trials, r.mean]);
    const lead = await call('GET', '/v1/review/talking-point-rates', { token: team.lead });
    expect(lead.status).toBe(200);
    // Posterior means of Beta(5 + s, 5 + n − s): (5 + s) / (10 + n), rounded to 4 places.
    expect(rows(lead.json)).toEqual([
      ['reorder-due', null, 3, 3, 0.6154], // 8/13
      ['reorder-due', 'A', 2, 2, 0.5833], // 7/12
      ['reorder-due', 'B', 1, 1, 0.5455], // 6/11
      ['decline', null, 1, 2, 0.5], // 6/12
      ['decline', 'A', 1, 1, 0.5455], // 6/11
      ['decline', 'B', 0, 1, 0.4545], // 5/11
    ]);
    expect(lead.json).toMatchObject({ prior: { alpha: 5, beta: 5 }, mass: 0.9, snapshotId: 1, outcomes: 4 });
    // 90 % equal-tailed interval of Beta(8, 5): scipy.stats.beta.ppf([0.05, 0.95], 8, 5) = [0.39086, 0.81898].
    expect(lead.json.rates[0]).toMatchObject({ low: 0.3909, high: 0.819 });
    expect(lead.json.svg).toHaveLength(6);
    // The bar on a 160-wide track: the interval from 0.3909 · 160 = 62.5, the mean tick at 0.6154 · 160 − 1 = 97.5.
    expect(lead.json.svg[0]).toContain('<rect x="62.5" y="3" width="68.5"');
    expect(lead.json.svg[0]).toContain('<rect x="97.5" y="0" width="2"');
    expect(lead.json.svg[0]).toContain('<title>Credible interval 39%–82%, rate 62%</title>');

    // The admin sees both teams: Cleo's no-interest on K-3 (C) makes reorder-due 3 of 4, Beta(8, 6).
    const admin = await call('GET', '/v1/review/talking-point-rates', { token: team.admin });
    expect(rows(admin.json).slice(0, 4)).toEqual([
      ['reorder-due', null, 3, 4, 0.5714], // 8/14
      ['reorder-due', 'A', 2, 2, 0.5833],
      ['reorder-due', 'B', 1, 1, 0.5455],
      ['reorder-due', 'C', 0, 1, 0.4545], // 5/11
    ]);
    expect(admin.json.outcomes).toBe(5);
    // South's leader sees only Cleo's outcome; reps are turned away.
    expect(rows((await call('GET', '/v1/review/talking-point-rates', { token: south })).json)).toEqual([
      ['reorder-due', null, 0, 1, 0.4545],
      ['reorder-due', 'C', 0, 1, 0.4545],
    ]);
    const rep = await call('GET', '/v1/review/talking-point-rates', { token: team.ana });
    expect(rep).toMatchObject({ status: 403, json: { error: 'review is for leaders and admins' } });
  });

  test('talking-point rates before any outcome are empty, and before any snapshot too', async () => {
    const { db, team, call } = await setUp();
    expect((await call('GET', '/v1/review/talking-point-rates', { token: team.lead })).json).toEqual({
      prior: { alpha: 5, beta: 5 },
      mass: 0.9,
      rates: [],
      snapshotId: 1,
      outcomes: 0,
      svg: [],
    });
    await db.query('DELETE FROM snapshot_accounts');
    await db.query('DELETE FROM score_history');
    await db.query('DELETE FROM snapshots');
    const none = await call('GET', '/v1/review/talking-point-rates', { token: team.admin });
    expect(none.json).toMatchObject({ snapshotId: null, outcomes: 0, rates: [] });
  });

  test('the review page has the What works card with its prior explained', async () => {
    const { call } = await setUp();
    const page = await call('GET', '/review');
    expect(page.text).toContain('<h2 id="what-works-title">What works</h2>');
    expect(page.text).toContain(
      'Rates start at 50% and move with evidence: each kind begins as if 10 outcomes were in, 5 of them successes (a Beta(5, 5) prior)',
    );
    expect(page.text).toContain('<th scope="col">90% credible interval</th>');
    expect(page.text).toContain("json('/v1/review/talking-point-rates')");
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
