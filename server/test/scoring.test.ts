/**
 * Order data from sales ops to every rep: a dataset upload (JSON or multipart) is imported and scored with
 * lib/engine and served as a full snapshot; insights pushed afterwards re-score their accounts on the hub, and
 * the new scores reach other reps as a delta at their next pull. Reference values come from calling the engine
 * directly on the snapshot the hub served.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetToCsv, generateDataset } from '../../lib/engine/generate.ts';
import { DEFAULT_MODEL_CONFIG } from '../../lib/engine/model-config.ts';
import { rescoreAccount } from '../../lib/engine/rescore.ts';
import type { ScoredAccount, Snapshot, TalkingPoint } from '../../lib/engine/snapshot.ts';
import { BACKENDS, hubFor, insight, putBatch, seedTeam, useBackend } from './fixtures.ts';

let csv: ReturnType<typeof datasetToCsv>;
let orderLines: number;
beforeAll(() => {
  const dataset = generateDataset({ accounts: 40, seed: 1 });
  orderLines = dataset.orders.length;
  csv = datasetToCsv(dataset, 'de');
});

describe.each(BACKENDS)('scoring on %s', (backend) => {
  const { open, skip } = useBackend(backend);
  const test = skip ? it.skip : it;

  async function published() {
    const db = await open();
    const team = await seedTeam(db);
    const hub = hubFor(db);
    const upload = await hub.call('POST', '/v1/admin/dataset', {
      token: team.admin,
      body: { accounts: csv.accounts, orders: csv.orders },
    });
    return { db, team, ...hub, upload };
  }

  test('a JSON dataset upload becomes the snapshot every rep pulls', async () => {
    const { team, call, upload } = await published();
    expect(upload.status).toBe(201);
    expect(upload.json).toMatchObject({ snapshotId: 1, asOf: '2025-12-31', accounts: 40, orders: orderLines });
    const pull = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
    expect(pull.json.snapshot.kind).toBe('full');
    expect(pull.json.snapshot.snapshotId).toBe(1);
    expect(pull.json.snapshot.snapshot.accounts).toHaveLength(40);
    expect(pull.json.model).toEqual(DEFAULT_MODEL_CONFIG);
    const again = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${pull.json.cursor}`, { token: team.ben });
    expect(again.json.snapshot).toBeNull();
  });

  test('pushed insights re-score their account and the change reaches other reps as a delta', async () => {
    const { team, call } = await published();
    const before = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
    const snapshot: Snapshot = before.json.snapshot.snapshot;
    const account = snapshot.accounts[0]!;
    const threat = insight({
      accountId: account.id,
      type: 'competitor',
      title: 'Rival quoted 12 % below us',
      sentiment: -2,
      createdAt: '2025-12-20T10:00:00.000Z',
      updatedAt: '2025-12-20T10:00:00.000Z',
    });
    const secret = insight({
      accountId: snapshot.accounts[1]!.id,
      type: 'competitor',
      title: 'Private hunch',
      visibility: 'private',
      createdAt: '2025-12-20T10:00:00.000Z',
    });

    const push = await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [threat, secret]) });
    expect(push.json.rescoringAccountIds).toEqual([account.id, snapshot.accounts[1]!.id].sort());

    const after = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${before.json.cursor}`, { token: team.ben });
    expect(after.json.snapshot.kind).toBe('delta');
    expect(after.json.snapshot.snapshotId).toBe(1);
    const expected = rescoreAccount(snapshot, account.id, [threat]);
    expect(after.json.snapshot.accounts).toEqual([expected]);
    expect(expected.talkingPoints.some((p) => p.kind === 'competitor' && p.insightIds?.includes(threat.id))).toBe(true);
    expect(after.json.insights.map((i: { id: string }) => i.id)).toEqual([threat.id]);

    // Cleo (another team) gets the new score, but not the talking point that quotes Ana's note: she may not
    // pull the note, so she doesn't read its title and author in a talking point either. The admin does.
    const cleo = await call('GET', `/v1/pull?clientId=cleo-laptop&cursor=${before.json.cursor}`, { token: team.cleo });
    const quotes = (p: TalkingPoint) => p.insightIds?.includes(threat.id) ?? false;
    expect(cleo.json.snapshot.accounts).toEqual([
      { ...expected, talkingPoints: expected.talkingPoints.filter((p) => !quotes(p)) },
    ]);
    expect(cleo.json.insights).toEqual([]);
    const cleoFull = await call('GET', '/v1/pull?clientId=cleo-laptop', { token: team.cleo });
    const cleoAccount = cleoFull.json.snapshot.snapshot.accounts.find((a: ScoredAccount) => a.id === account.id);
    expect(cleoAccount.valueScore).toBe(expected.valueScore);
    expect(cleoAccount.talkingPoints.some(quotes)).toBe(false);
    const admin = await call('GET', `/v1/pull?clientId=admin-laptop&cursor=${before.json.cursor}`, {
      token: team.admin,
    });
    expect(admin.json.snapshot.accounts).toEqual([expected]);
    const adminFull = await call('GET', '/v1/pull?clientId=admin-laptop', { token: team.admin });
    expect(adminFull.json.snapshot.snapshot.accounts.find((a: ScoredAccount) => a.id === account.id)).toEqual(expected);

    // Deleting the note restores the account as the dataset scored it.
    await call('POST', '/v1/push', {
      token: team.ana,
      body: {
        protocolVersion: 1,
        clientId: 'ana-laptop',
        mutations: [
          {
            kind: 'insight.delete',
            mutationId: 3,
            insightId: threat.id,
            baseRev: 1,
            deletedAt: '2025-12-21T08:00:00.000Z',
          },
        ],
      },
    });
    const restored = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${after.json.cursor}`, { token: team.ben });
    expect(restored.json.snapshot.accounts).toEqual([rescoreAccount(snapshot, account.id, [])]);
  });

  test('multipart uploads, a model change and bad exports', async () => {
    const { db, team, app, call } = await published();
    const first = await call('GET', '/v1/pull?clientId=ana-laptop', { token: team.ana });

    const form = new FormData();
    form.set('accounts', new Blob([csv.accounts], { type: 'text/csv' }), 'kunden.csv');
    form.set('orders', new Blob([csv.orders], { type: 'text/csv' }), 'umsatz.csv');
    form.set('asOf', '2025-12-01');
    const res = await app.request('/v1/admin/dataset', {
      method: 'POST',
      headers: { Authorization: `Bearer ${team.admin}` },
      body: form,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ snapshotId: 2, asOf: '2025-12-01', accounts: 40 });
    const second = await call('GET', `/v1/pull?clientId=ana-laptop&cursor=${first.json.cursor}`, { token: team.ana });
    expect(second.json.snapshot).toMatchObject({ kind: 'full', snapshotId: 2, snapshot: { asOf: '2025-12-01' } });

    const model = { ...DEFAULT_MODEL_CONFIG, segments: { a: 80, b: 50 } };
    const changed = await call('PUT', '/v1/admin/model', { token: team.admin, body: model });
    expect(changed.json).toEqual({ snapshotId: 3 });
    const third = await call('GET', `/v1/pull?clientId=ana-laptop&cursor=${second.json.cursor}`, { token: team.ana });
    expect(third.json.model).toEqual(model);
    expect(third.json.snapshot.snapshot.asOf).toBe('2025-12-01');
    expect(
      third.json.snapshot.snapshot.accounts.every(
        (a: { valueScore: number; segment: string }) => a.valueScore >= 80 === (a.segment === 'A'),
      ),
    ).toBe(true);

    const bad = await call('POST', '/v1/admin/dataset', {
      token: team.admin,
      body: { accounts: 'Kundennummer;Firma\n1;A\n', orders: 'Belegnummer;Kundennummer\nRE-1;99\n' },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatch(/^importDataset: the exports cannot be imported \(\d+ errors\)$/);
    expect(bad.json.issues.length).toBeGreaterThan(0);
    // Valid files, but no account ever ordered twice: the CLV model cannot be fitted. A 422, and nothing stored.
    const oneOrderEach = await call('POST', '/v1/admin/dataset', {
      token: team.admin,
      body: {
        accounts: 'Kundennummer;Firma\nK1;Eins GmbH\nK2;Zwei AG\n',
        orders:
          'Belegnummer;Kundennummer;Belegdatum;Artikelnummer;Menge;Nettobetrag\nR1;K1;01.03.2025;A-1;1;10,00\nR2;K2;02.03.2025;A-1;2;20,00\n',
      },
    });
    expect(oneOrderEach.status).toBe(422);
    expect(oneOrderEach.json.error).toMatch(/cannot fit the CLV model/);
    const after = await call('GET', `/v1/pull?clientId=ana-laptop&cursor=${third.json.cursor}`, { token: team.ana });
    expect(after.json.snapshot).toBeNull();
    const missing = new FormData();
    missing.set('accounts', csv.accounts);
    const noOrders = await app.request('/v1/admin/dataset', {
      method: 'POST',
      headers: { Authorization: `Bearer ${team.admin}` },
      body: missing,
    });
    expect(noOrders.status).toBe(400);
    expect(await noOrders.json()).toEqual({
      error: 'invalid dataset upload',
      issues: [{ path: 'orders', message: 'required' }],
    });
    const [row] = await db.query<{ s: number; d: number }>(
      'SELECT (SELECT count(*) FROM snapshots)::int AS s, (SELECT count(*) FROM datasets)::int AS d',
    );
    expect(row).toEqual({ s: 3, d: 2 });
  });
});
