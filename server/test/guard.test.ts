/**
 * What the hub refuses: malformed, oversized and wrongly typed payloads (4xx with a reason, nothing stored),
 * missing, wrong and revoked tokens (401), the wrong role or someone else's client id (403), foreign origins
 * (no CORS headers), and too many requests (429). No error body carries other users' data.
 */
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.ts';
import { revokeUser } from '../src/users.ts';
import { BACKENDS, hubFor, insight, putBatch, seedTeam, useBackend } from './fixtures.ts';

async function nothingStored(db: Database) {
  const [row] = await db.query<{ i: number; c: number; k: number }>(
    'SELECT (SELECT count(*) FROM insights)::int AS i, (SELECT count(*) FROM clients)::int AS c, (SELECT count(*) FROM conflicts)::int AS k',
  );
  expect(row).toEqual({ i: 0, c: 0, k: 0 });
}

describe.each(BACKENDS)('guards on %s', (backend) => {
  const { open, skip } = useBackend(backend);
  const test = skip ? it.skip : it;

  test('malformed, wrongly typed and oversized pushes answer 4xx with a reason and store nothing', async () => {
    const db = await open();
    const team = await seedTeam(db);
    const { call } = hubFor(db, { maxBodyBytes: 50_000 });
    const roomy = hubFor(db);
    const good = putBatch('ana-laptop', [insight()]);

    const broken = await call('POST', '/v1/push', {
      token: team.ana,
      raw: '{"protocolVersion":1,',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(broken).toMatchObject({ status: 400, json: { error: 'body is not valid JSON' } });

    const typed = await call('POST', '/v1/push', {
      token: team.ana,
      body: { ...good, mutations: [{ ...good.mutations[0], mutationId: '1' }] },
    });
    expect(typed.status).toBe(400);
    expect(typed.json.error).toBe('invalid request body');
    expect(typed.json.issues).toContainEqual({
      path: 'mutations.0.mutationId',
      message: expect.stringMatching(/number/),
    });

    const badInsight = await call('POST', '/v1/push', {
      token: team.ana,
      body: {
        ...good,
        mutations: [{ ...good.mutations[0], insight: { ...good.mutations[0]!.insight, type: 'gossip', id: 'nope' } }],
      },
    });
    expect(badInsight.status).toBe(400);
    expect(badInsight.json.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'mutations.0.insight.id',
      'mutations.0.insight.type',
    ]);

    const unordered = putBatch('ana-laptop', [insight(), insight()]);
    unordered.mutations[1]!.mutationId = 1;
    expect((await call('POST', '/v1/push', { token: team.ana, body: unordered })).json.issues).toEqual([
      { path: 'mutations', message: 'mutation ids must be strictly increasing' },
    ]);

    const tooMany = putBatch(
      'ana-laptop',
      Array.from({ length: 501 }, () => insight({ body: '' })),
    );
    const many = await roomy.call('POST', '/v1/push', { token: team.ana, body: tooMany });
    expect(many.status).toBe(400);
    expect(many.json.issues).toEqual([{ path: 'mutations', message: 'Too big: expected array to have <=500 items' }]);

    const notes = Array.from({ length: 4 }, () => insight({ body: 'x'.repeat(15_000) }));
    const big = await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', notes) });
    expect(big).toMatchObject({ status: 413, json: { error: 'body larger than 50000 bytes' } });

    const form = await call('POST', '/v1/push', {
      token: team.ana,
      raw: 'clientId=x',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form).toMatchObject({ status: 415, json: { error: 'send the body as application/json' } });

    const query = await call('GET', '/v1/pull?clientId=ana-laptop&cursor=-1', { token: team.ana });
    expect(query).toMatchObject({ status: 400, json: { error: 'invalid query' } });
    await nothingStored(db);
  });

  test('wrong tokens get 401, wrong roles and foreign client ids 403, and nothing leaks', async () => {
    const db = await open();
    const team = await seedTeam(db);
    const { call } = hubFor(db);
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [insight({ title: 'Ana only' })]) });

    const none = await call('GET', '/v1/pull?clientId=ana-laptop');
    expect(none).toMatchObject({ status: 401, json: { error: 'missing bearer token' } });
    expect(none.headers.get('WWW-Authenticate')).toBe('Bearer');
    const wrong = await call('GET', '/v1/pull?clientId=ana-laptop', { token: `al_${'A'.repeat(43)}` });
    expect(wrong).toMatchObject({ status: 401, json: { error: 'unknown or revoked token' } });

    await revokeUser(db, 'ben@example.com');
    expect((await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben })).status).toBe(401);

    const stolen = await call('GET', '/v1/pull?clientId=ana-laptop', { token: team.cleo });
    expect(stolen).toMatchObject({ status: 403, json: { error: 'this clientId belongs to another user' } });
    const hijack = await call('POST', '/v1/push', { token: team.cleo, body: putBatch('ana-laptop', [insight()], 2) });
    expect(hijack.status).toBe(403);

    expect((await call('GET', '/v1/review/insights', { token: team.ana })).status).toBe(403);
    expect((await call('GET', '/v1/review/charts', { token: team.cleo })).status).toBe(403);
    expect(
      (await call('POST', '/v1/admin/dataset', { token: team.lead, body: { accounts: 'a', orders: 'b' } })).status,
    ).toBe(403);
    expect((await call('PUT', '/v1/admin/model', { token: team.ana, body: {} })).status).toBe(403);

    for (const res of [none, wrong, stolen, hijack]) {
      expect(Object.keys(res.json)).toEqual(['error']);
      expect(res.text).not.toContain('Ana only');
    }
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM insights');
    expect(row!.n).toBe(1);
  });

  test('CORS answers the extension origins only; health is open', async () => {
    const db = await open();
    const { call } = hubFor(db, {
      allowedOrigins: 'chrome-extension://*,moz-extension://4b1c0f9e-1111-2222-3333-444455556666',
    });
    const preflight = (origin: string) =>
      call('OPTIONS', '/v1/push', {
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
    const chrome = await preflight('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(chrome.status).toBe(204);
    expect(chrome.headers.get('Access-Control-Allow-Origin')).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
    expect(chrome.headers.get('Access-Control-Allow-Headers')).toBe('Authorization,Content-Type');
    expect(
      (await preflight('moz-extension://4b1c0f9e-1111-2222-3333-444455556666')).headers.get(
        'Access-Control-Allow-Origin',
      ),
    ).toBe('moz-extension://4b1c0f9e-1111-2222-3333-444455556666');
    expect((await preflight('moz-extension://someone-else')).headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect((await preflight('https://evil.example')).headers.get('Access-Control-Allow-Origin')).toBeNull();

    // Actual requests (answered and refused alike) carry the same CORS headers as hono/cors adds.
    const team = await seedTeam(db);
    const me = await call('GET', '/v1/me', {
      token: team.ana,
      headers: { Origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('Access-Control-Allow-Origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(me.headers.get('Access-Control-Expose-Headers')).toBe('Retry-After');
    expect(me.headers.get('Vary')).toBe('Origin');
    const refused = await call('GET', '/v1/me', {
      headers: { Origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBe(
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    );
    const evil = await call('GET', '/v1/me', { token: team.ana, headers: { Origin: 'https://evil.example' } });
    expect(evil.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(evil.headers.get('Vary')).toBe('Origin');

    const health = await call('GET', '/health');
    expect(health).toMatchObject({
      status: 200,
      json: { status: 'ok', version: '0.1.0', protocolVersion: 1, database: backend },
    });
  });

  test('a token over its rate limit gets 429 with Retry-After', async () => {
    const db = await open();
    const team = await seedTeam(db);
    const { call } = hubFor(db, { rateLimitPerMinute: 12 });
    const statuses: number[] = [];
    for (let k = 0; k < 3; k++) statuses.push((await call('GET', '/v1/me', { token: team.ana })).status);
    // 12 a minute allow bursts of 2 (a sixth); the third request in the same instant waits 5 s for a token.
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await call('GET', '/v1/me', { token: team.ana });
    expect(limited.headers.get('Retry-After')).toBe('5');
    expect((await call('GET', '/v1/me', { token: team.ben })).status).toBe(200);
  });
});
