/**
 * What an attacker or a clumsy client tries against the hub, on both backends: text and numbers the database
 * cannot store (rejected per mutation, never a 500 for the batch), a write the database refuses anyway (rejected
 * alone behind a savepoint), 500s that log a request id and no data, a spoofed author, private notes (the author's
 * only; their creation never announced to teammates), and the small protocol rules (bearer in any case, the exact
 * JSON media type, unknown tokens rate-limited).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { datasetToCsv, generateDataset } from '../../lib/engine/generate.ts';
import { runPublish } from '../../lib/cli/publish.ts';
import { BACKENDS, hubFor, insight, newId, putBatch, seedTeam, useBackend } from './fixtures.ts';

afterEach(() => vi.restoreAllMocks());

describe.each(BACKENDS)('hardening on %s', (backend) => {
  const { open, skip } = useBackend(backend);
  const test = skip ? it.skip : it;

  async function setUp(options: Parameters<typeof hubFor>[1] = {}) {
    const db = await open();
    const team = await seedTeam(db);
    return { db, team, ...hubFor(db, options) };
  }

  test('what the database cannot store is rejected per mutation; the rest is stored and the id advances', async () => {
    const { db, team, call } = await setUp();
    const good = insight({ title: 'Valid one' });
    const mutations = [
      insight({ title: 'a\u0000b' }),
      insight({ body: 'broken \ud800 surrogate' }),
      insight({ rev: 2 ** 31 }),
      insight({ createdAt: '0000-01-01T00:00:00Z' }),
      insight({ updatedAt: '2026-01-01T00:00:00+16:00' }),
      insight({ tags: ['ok', 'nul\u0000tag'] }),
      good,
    ];
    const body = putBatch('ana-laptop', mutations);
    const res = await call('POST', '/v1/push', { token: team.ana, body });
    expect(res.status).toBe(200);
    expect(res.json.lastMutationId).toBe(7);
    const statuses = res.json.results.map((r: { status: string }) => r.status);
    expect(statuses).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'applied']);
    const reasons = res.json.results.slice(0, 6).map((r: { reason: string }) => r.reason);
    expect(reasons[0]).toMatch(/insight\.title contains a NUL character/);
    expect(reasons[1]).toMatch(/insight\.body contains a lone UTF-16 surrogate/);
    expect(reasons[2]).toMatch(/insight\.rev must be at most 2147483647/);
    expect(reasons[3]).toMatch(/insight\.createdAt year 0000 is outside 0001\.\.9999/);
    expect(reasons[4]).toMatch(/insight\.updatedAt time zone offset \+16:00/);
    expect(reasons[5]).toMatch(/insight\.tags\.1 contains a NUL character/);

    const resolve = await call('POST', '/v1/push', {
      token: team.ana,
      body: {
        protocolVersion: 1,
        clientId: 'ana-laptop',
        mutations: [{ kind: 'conflict.resolve', mutationId: 8, conflictId: 2 ** 31 }],
      },
    });
    expect(resolve.json).toMatchObject({ lastMutationId: 8, results: [{ status: 'rejected' }] });
    const pulled = await call('GET', '/v1/pull?clientId=ana-laptop', { token: team.ana });
    expect(pulled.json.insights.map((i: { title: string }) => i.title)).toEqual(['Valid one']);
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM insights');
    expect(row!.n).toBe(1);
  });

  test('a mutation the database still refuses is rejected alone; the batch around it is stored', async () => {
    const { db, team, call } = await setUp();
    // A rule the schemas know nothing of stands in for any value the database refuses.
    await db.exec(`ALTER TABLE insights ADD CONSTRAINT refuse_boom CHECK (data->>'title' <> 'boom')`);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const first = insight({ title: 'First' });
    const boom = insight({ title: 'boom', body: 'secret words' });
    const third = insight({ title: 'Third' });
    const res = await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [first, boom, third]) });
    expect(res.status).toBe(200);
    expect(res.json.lastMutationId).toBe(3);
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(res.json.results[1].reason).toMatch(/refused to store this \(error 23514\)/);
    expect(errors.mock.calls.flat().join(' ')).not.toContain('secret words');

    const pulled = await call('GET', '/v1/pull?clientId=ana-laptop', { token: team.ana });
    expect(pulled.json.insights.map((i: { title: string }) => i.title)).toEqual(['First', 'Third']);
    const again = await call('POST', '/v1/push', {
      token: team.ana,
      body: putBatch('ana-laptop', [first, boom, third]),
    });
    expect(again.json.results.map((r: { status: string }) => r.status)).toEqual(['skipped', 'skipped', 'skipped']);
    const ben = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
    expect(ben.json.insights.map((i: { title: string }) => i.title)).toEqual(['First', 'Third']);
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM insights');
    expect(row!.n).toBe(2);
  });

  test('a 500 logs its request id and the error, never the data; the answer names the request', async () => {
    const { db, team, call } = await setUp();
    const note = insight({ title: 'To review' });
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [note]) });
    await db.exec(`ALTER TABLE review_log ADD CONSTRAINT refuse_comment CHECK (comment NOT LIKE '%confidential%')`);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await call('POST', `/v1/review/insights/${note.id}/review`, {
      token: team.lead,
      body: { action: 'reviewed', comment: 'confidential margin 31 %' },
    });
    expect(res.status).toBe(500);
    const id = res.headers.get('X-Request-Id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json).toEqual({ error: `internal error (request ${id})` });
    const logged = errors.mock.calls
      .map((args) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '))
      .join('\n');
    expect(logged).toContain(`request ${id}`);
    expect(logged).toContain('23514');
    expect(logged).not.toContain('confidential');
  });

  test('query dates, query texts and review comments the database cannot take are 400s that name them', async () => {
    const { team, call } = await setUp();
    const note = insight();
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [note]) });
    for (const path of [
      '/v1/review/insights?from=0000-01-01',
      '/v1/review/insights?to=0000-12-31',
      '/v1/review/insights.csv?from=0000-01-01',
      '/v1/review/insights?account=K%00-1',
      '/v1/review/charts?until=0000-01-01',
    ]) {
      const res = await call('GET', path, { token: team.lead });
      expect(res.status, path).toBe(400);
      expect(res.json.error).toBe('invalid query');
      expect(res.json.issues.length).toBeGreaterThan(0);
    }
    const comment = await call('POST', `/v1/review/insights/${note.id}/review`, {
      token: team.lead,
      body: { action: 'reviewed', comment: 'ok\u0000' },
    });
    expect(comment.status).toBe(400);
    expect(comment.json.issues).toEqual([{ path: 'comment', message: 'contains a NUL character or broken Unicode' }]);
    expect((await call('GET', '/v1/review/insights?from=2026-01-01', { token: team.lead })).status).toBe(200);
  });

  test('a dataset with a NUL in a name is a 422 naming file, row and column, which lens publish prints', async () => {
    const { team, call, app } = await setUp();
    const csv = datasetToCsv(generateDataset({ accounts: 6, seed: 2 }), 'en');
    const lines = csv.accounts.split('\n');
    const header = lines[0]!.split(',');
    const nameColumn = header.findIndex((h) => /name/i.test(h));
    const cells = lines[3]!.split(',');
    cells[nameColumn] = `${cells[nameColumn]}\u0000`;
    lines[3] = cells.join(',');
    const accounts = lines.join('\n');
    const res = await call('POST', '/v1/admin/dataset', { token: team.admin, body: { accounts, orders: csv.orders } });
    expect(res.status).toBe(422);
    expect(res.json.issues[0]).toEqual({
      path: 'accounts',
      message: `accounts.csv row 4, column "${header[nameColumn]}": contains a NUL character (U+0000); remove it and publish again`,
    });

    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'publish-'));
    writeFileSync(join(dir, 'accounts.csv'), accounts);
    writeFileSync(join(dir, 'orders.csv'), csv.orders);
    const fetchApp = ((input: string, init?: RequestInit) =>
      app.request(input.replace('http://127.0.0.1:9', ''), init)) as unknown as typeof fetch;
    const failure = await runPublish(
      { hub: 'http://127.0.0.1:9', accounts: join(dir, 'accounts.csv'), orders: join(dir, 'orders.csv') },
      { ACCOUNTLENS_HUB_TOKEN: team.admin },
      fetchApp,
    ).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(
      `accounts.csv row 4, column "${header[nameColumn]}": contains a NUL character`,
    );
  });

  test('the author is the token’s user, whatever the client sends; an edit by the leader keeps it', async () => {
    const { team, call } = await setUp();
    const spoof = insight({ author: 'Lena (Sales Leader)', title: 'Spoofed' });
    const res = await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [spoof]) });
    expect(res.json.results[0].status).toBe('applied');
    const ben = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
    expect(ben.json.insights[0]).toMatchObject({ id: spoof.id, author: 'ana@example.com' });
    const edited = { ...spoof, title: 'Edited by the leader', author: 'lead@example.com', rev: 2 };
    await call('POST', '/v1/push', {
      token: team.lead,
      body: {
        protocolVersion: 1,
        clientId: 'lead-laptop',
        mutations: [{ kind: 'insight.put', mutationId: 1, insight: edited, baseRev: 1 }],
      },
    });
    const after = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${ben.json.cursor}`, { token: team.ben });
    expect(after.json.insights[0]).toMatchObject({ title: 'Edited by the leader', author: 'ana@example.com' });
  });

  test('a new private note is announced to nobody; one that was shared is revoked from those who could pull it', async () => {
    const { team, call } = await setUp();
    const ben0 = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
    const lead0 = await call('GET', '/v1/pull?clientId=lead-laptop', { token: team.lead });
    const secret = insight({ title: 'Born private', visibility: 'private' });
    const shared = insight({ title: 'Shared first' });
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [secret, shared]) });
    const ben1 = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${ben0.json.cursor}`, { token: team.ben });
    expect(ben1.json.insights.map((i: { title: string }) => i.title)).toEqual(['Shared first']);
    expect(ben1.json.revokedInsightIds).toEqual([]);
    const lead1 = await call('GET', `/v1/pull?clientId=lead-laptop&cursor=${lead0.json.cursor}`, { token: team.lead });
    expect(lead1.json.revokedInsightIds).toEqual([]);

    // Ana edits the private note and makes the shared one private: only the shared one leaves Ben's view.
    await call('POST', '/v1/push', {
      token: team.ana,
      body: {
        protocolVersion: 1,
        clientId: 'ana-laptop',
        mutations: [
          { kind: 'insight.put', mutationId: 3, insight: { ...secret, title: 'Still private', rev: 2 }, baseRev: 1 },
          { kind: 'insight.put', mutationId: 4, insight: { ...shared, visibility: 'private', rev: 2 }, baseRev: 1 },
        ],
      },
    });
    const ben2 = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${ben1.json.cursor}`, { token: team.ben });
    expect(ben2.json.revokedInsightIds).toEqual([shared.id]);
    expect(ben2.json.insights).toEqual([]);
    // A device whose cursor predates the sharing never held the note: it is not told either.
    const old = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${ben0.json.cursor}`, { token: team.ben });
    expect(old.json.revokedInsightIds).toEqual([]);
    const cleo = await call('GET', `/v1/pull?clientId=cleo-laptop&cursor=${ben1.json.cursor}`, { token: team.cleo });
    expect(cleo.json.revokedInsightIds).toEqual([]);
    const admin = await call('GET', `/v1/pull?clientId=admin-laptop&cursor=${ben1.json.cursor}`, { token: team.admin });
    expect(admin.json.revokedInsightIds).toEqual([shared.id]);
  });

  test('private is the author’s only: a leader sees that it exists, not its words, and cannot share it', async () => {
    const { db, team, call } = await setUp();
    const secret = insight({
      title: 'Customer is in trouble',
      body: 'Heard from the CFO',
      visibility: 'private',
      tags: ['cfo'],
    });
    const shared = insight({ title: 'Team note' });
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [secret, shared]) });

    const pulled = await call('GET', '/v1/pull?clientId=lead-laptop', { token: team.lead });
    expect(pulled.json.insights.map((i: { id: string }) => i.id)).toEqual([shared.id]);
    expect(pulled.text).not.toContain('Customer is in trouble');

    const review = await call('GET', '/v1/review/insights', { token: team.lead });
    expect(review.json.total).toBe(2);
    const row = review.json.items.find((i: { insight: { id: string } }) => i.insight.id === secret.id);
    expect(row.insight).toMatchObject({
      visibility: 'private',
      type: 'need',
      accountId: 'K-1001',
      title: 'Private note',
      body: '',
      tags: [],
    });
    expect(review.text).not.toContain('Customer is in trouble');
    expect(review.text).not.toContain('Heard from the CFO');
    const csv = await call('GET', '/v1/review/insights.csv', { token: team.lead });
    expect(csv.text).not.toContain('CFO');
    const adminReview = await call('GET', '/v1/review/insights', { token: team.admin });
    expect(adminReview.text).not.toContain('Customer is in trouble');

    for (const [token, clientId] of [
      [team.lead, 'lead-laptop'],
      [team.admin, 'admin-laptop'],
    ] as const) {
      const share = await call('POST', '/v1/push', {
        token,
        body: {
          protocolVersion: 1,
          clientId,
          mutations: [
            { kind: 'insight.put', mutationId: 1, insight: { ...secret, visibility: 'team', rev: 2 }, baseRev: 1 },
          ],
        },
      });
      expect(share.json.results[0]).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(/may not change it/),
      });
    }
    const [stored] = await db.query<{ visibility: string; rev: number }>(
      'SELECT visibility, rev FROM insights WHERE id = $1',
      [secret.id],
    );
    expect(stored).toEqual({ visibility: 'private', rev: 1 });
    const own = await call('POST', '/v1/push', {
      token: team.ana,
      body: {
        protocolVersion: 1,
        clientId: 'ana-laptop',
        mutations: [
          { kind: 'insight.put', mutationId: 3, insight: { ...secret, title: 'Mine to edit', rev: 2 }, baseRev: 1 },
        ],
      },
    });
    expect(own.json.results[0].status).toBe('applied');
  });

  test('an early 401 or 413 on an unread body says Connection: close, and a keep-alive client carries on', async () => {
    const { team, app } = await setUp({ maxBodyBytes: 10_000 });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
      new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      const big = JSON.stringify(putBatch('ana-laptop', [insight({ body: 'x'.repeat(15_000) })]));
      const json = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(big)) };
      const tooLarge = await send('POST', '/v1/push', { ...json, Authorization: `Bearer ${team.ana}` }, big);
      expect(tooLarge).toMatchObject({ status: 413, connection: 'close' });
      expect((await send('GET', '/health', {})).status).toBe(200);
      const small = JSON.stringify(putBatch('ana-laptop', [insight({ body: 'x'.repeat(5_000) })]));
      const unknown = await send(
        'POST',
        '/v1/push',
        {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(small)),
          Authorization: `Bearer al_${'D'.repeat(43)}`,
        },
        small,
      );
      expect(unknown).toMatchObject({ status: 401, connection: 'close' });
      expect((await send('GET', '/v1/me', { Authorization: `Bearer ${team.ana}` })).status).toBe(200);
      // Without a body the connection stays open.
      const me = await send('GET', '/v1/me', {});
      expect(me.status).toBe(401);
      expect(me.connection).not.toBe('close');
    } finally {
      agent.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('bearer in any case; JSON only as application/json (parameters allowed); unknown tokens are rate-limited', async () => {
    const { team, call } = await setUp({ rateLimitPerMinute: 12 });
    const lower = await call('GET', '/v1/me', { headers: { Authorization: `bearer ${team.ana}` } });
    expect(lower).toMatchObject({ status: 200, json: { email: 'ana@example.com' } });
    const upper = await call('GET', '/v1/me', { headers: { Authorization: `BEARER ${team.ben}` } });
    expect(upper.status).toBe(200);

    const body = putBatch('cleo-laptop', [insight({ id: newId() })]);
    const evil = await call('POST', '/v1/push', {
      token: team.cleo,
      body,
      headers: { 'Content-Type': 'application/json-evil' },
    });
    expect(evil).toMatchObject({ status: 415, json: { error: 'send the body as application/json' } });
    const charset = await call('POST', '/v1/push', {
      token: team.cleo,
      body,
      headers: { 'Content-Type': 'Application/JSON; charset=utf-8' },
    });
    expect(charset.status).toBe(200);

    const statuses: number[] = [];
    for (let k = 0; k < 3; k++) statuses.push((await call('GET', '/v1/me', { token: `al_${'B'.repeat(43)}` })).status);
    expect(statuses).toEqual([401, 401, 429]);
    const limited = await call('GET', '/v1/me', { token: `al_${'C'.repeat(43)}` });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('5');
  });
});
