/** Team site definitions and page reports (issue 16): validation, roles, all-or-nothing publishing, the CLI. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import { BACKENDS, hubFor, seedTeam, useBackend } from './fixtures.ts';

const FILE = {
  format: 'accountlens-site-adapters',
  version: 1,
  adapters: [
    {
      id: 'acme-crm',
      name: 'Acme CRM',
      urlPattern: 'https://crm.acme.test/accounts/{id}',
      nameSelector: 'h1.account',
    },
  ],
  overrides: [{ site: 'hubspot', off: true }],
};

const report = (id: string, extensionVersion = '1.4.0') => ({
  id,
  adapter: 'acme-crm',
  extensionVersion,
  origin: 'https://crm.acme.test',
  pathPattern: '/accounts/*',
  keys: [{ kind: 'crm', source: 'url' }],
  matched: 'none',
  brokenHooks: [{ selector: 'h1.account', expected: 1, found: 0, seen: 3 }],
  reportedAt: '2026-03-02T09:00:00.000Z',
});

describe.each(BACKENDS)('team site definitions on %s', (backend) => {
  const { open, skip } = useBackend(backend);
  const test = skip ? it.skip : it;

  test('only admins publish and remove; every role reads them with a version', async () => {
    const db = await open();
    const team = await seedTeam(db);
    const hub = hubFor(db);
    expect((await hub.call('GET', '/v1/sites', { token: team.ana })).json).toEqual({ version: 0, definitions: [] });
    for (const token of [team.ana, team.lead]) {
      const denied = await hub.call('POST', '/v1/sites', { token, body: FILE });
      expect(denied.status).toBe(403);
      expect(denied.json.error).toBe('this route is for: admin');
      expect((await hub.call('DELETE', '/v1/sites/acme-crm', { token })).status).toBe(403);
    }
    const published = await hub.call('POST', '/v1/sites', { token: team.admin, body: FILE });
    expect(published.status).toBe(201);
    expect(published.json).toEqual({ version: 1, published: ['acme-crm', 'builtin:hubspot'] });
    const read = await hub.call('GET', '/v1/sites', { token: team.cleo });
    expect(read.json).toEqual({
      version: 1,
      definitions: [
        { id: 'acme-crm', kind: 'adapter', adapter: FILE.adapters[0] },
        { id: 'builtin:hubspot', kind: 'override', override: { site: 'hubspot', off: true } },
      ],
    });
    const removed = await hub.call('DELETE', '/v1/sites/builtin:hubspot', { token: team.admin });
    expect(removed.json).toEqual({ version: 2 });
    expect((await hub.call('DELETE', '/v1/sites/builtin:hubspot', { token: team.admin })).status).toBe(404);
    const after = await hub.call('GET', '/v1/sites', { token: team.ana });
    expect(after.json.version).toBe(2);
    expect(after.json.definitions.map((d: { id: string }) => d.id)).toEqual(['acme-crm']);
  });

  test('a file with any problem names each one and publishes nothing', async () => {
    const db = await open();
    const team = await seedTeam(db);
    const hub = hubFor(db);
    const bad = {
      ...FILE,
      adapters: [
        FILE.adapters[0],
        { id: 'Bad Id', name: 'x', urlPattern: 'crm.acme.test/{id}' },
        { id: 'hubspot', name: 'Mine', urlPattern: 'https://x.test/{id}' },
        FILE.adapters[0],
      ],
      overrides: [{ site: 'myspace', off: true }, { site: 'zoho' }, { site: 'zoho', mode: 'sideways', off: true }],
    };
    const res = await hub.call('POST', '/v1/sites', { token: team.admin, body: bad });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('invalid site definitions file; nothing was published');
    const paths = res.json.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual([
      'adapters[1].id',
      'adapters[1].urlPattern',
      'adapters[2].id',
      'adapters[3].id',
      'overrides[0].site',
      'overrides[1].site',
      'overrides[2].mode',
    ]);
    expect(res.json.issues[3].message).toBe('"acme-crm" is defined twice (also at adapters[0].id)');
    expect(res.json.issues[2].message).toBe('"hubspot" is a built-in site; use "overrides" to change it');
    expect(res.json.issues[5].message).toBe('needs "off": true or at least one selector in "selectors"');
    const wrongFormat = await hub.call('POST', '/v1/sites', { token: team.admin, body: { adapters: [] } });
    expect(wrongFormat.json.issues.map((i: { path: string }) => i.path)).toEqual(['format', 'version']);
    const broken = await hub.call('POST', '/v1/sites', {
      token: team.admin,
      raw: '{"format": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toBe('body is not valid JSON');
    expect((await hub.call('GET', '/v1/sites', { token: team.ana })).json).toEqual({ version: 0, definitions: [] });
  });

  test('site publish, list and remove from the command line; a malformed file publishes nothing', async () => {
    const db = await open();
    const dir = await mkdtemp(join(tmpdir(), 'sites-cli-'));
    const good = join(dir, 'sites.json');
    await writeFile(good, JSON.stringify(FILE));
    const malformed = join(dir, 'broken.json');
    await writeFile(malformed, '{"format": "accountlens-site-adapters", "version": 1, "adapters": [');
    await expect(runCli(db, ['site', 'publish', '--file', malformed])).rejects.toThrow(
      `site publish: ${malformed} is not valid JSON (`,
    );
    const invalid = join(dir, 'invalid.json');
    await writeFile(invalid, JSON.stringify({ ...FILE, overrides: [{ site: 'hubspot', off: 'yes' }] }));
    await expect(runCli(db, ['site', 'publish', '--file', invalid])).rejects.toThrow(
      `site publish: ${invalid}: the site definitions file has 1 problem(s), nothing was published:\n  overrides[0].off: must be true or false`,
    );
    expect(await runCli(db, ['site', 'list'])).toBe('version 0\n(no site definitions)');
    expect(await runCli(db, ['site', 'publish', '--file', good])).toBe(
      `published 2 site definition(s) from ${good} (version 1): acme-crm, builtin:hubspot`,
    );
    const list = (await runCli(db, ['site', 'list'])).split('\n');
    expect(list[0]).toBe('version 1');
    expect(list[1]).toMatch(/^acme-crm\tadapter "Acme CRM" https:\/\/crm\.acme\.test\/accounts\/\{id\}\t\d{4}-/);
    expect(list[2]).toMatch(/^builtin:hubspot\tbuilt-in hubspot: OFF \(kill switch\)\t/);
    expect(await runCli(db, ['site', 'remove', '--id', 'builtin:hubspot'])).toBe(
      'site definition "builtin:hubspot" removed (version 2)',
    );
    await expect(runCli(db, ['site', 'remove', '--id', 'nope'])).rejects.toThrow(
      'site remove: no site definition "nope" (see: site list)',
    );
    await expect(runCli(db, ['site', 'publish'])).rejects.toThrow('runCli: site publish needs --file');
  });

  test('reps report pages; admins see them grouped by site with counts and the last version', async () => {
    const db = await open();
    const team = await seedTeam(db);
    const hub = hubFor(db);
    const sent = await hub.call('POST', '/v1/site-reports', {
      token: team.ana,
      body: { reports: [report('report-0001'), report('report-0002', '1.4.1')] },
    });
    expect(sent.json).toEqual({ added: 2 });
    // Sent again after a lost answer: kept once.
    const again = await hub.call('POST', '/v1/site-reports', {
      token: team.ana,
      body: { reports: [report('report-0002', '1.4.1')] },
    });
    expect(again.json).toEqual({ added: 0 });
    await hub.call('POST', '/v1/site-reports', {
      token: team.ben,
      body: { reports: [report('report-0003', '1.4.2')] },
    });
    const withQuery = await hub.call('POST', '/v1/site-reports', {
      token: team.ana,
      body: { reports: [{ ...report('report-0004'), pathPattern: '/accounts/*?q=secret' }] },
    });
    expect(withQuery.status).toBe(400);
    expect(withQuery.json.issues[0].path).toBe('reports.0.pathPattern');
    expect((await hub.call('GET', '/v1/site-reports', { token: team.lead })).status).toBe(403);
    const groups = await hub.call('GET', '/v1/site-reports', { token: team.admin });
    expect(groups.json.groups).toEqual([
      {
        adapter: 'acme-crm',
        origin: 'https://crm.acme.test',
        count: 3,
        reporters: 2,
        lastSeen: expect.stringMatching(/^\d{4}-/),
        lastVersion: '1.4.2',
        paths: ['/accounts/*'],
        brokenHooks: ['h1.account'],
      },
    ]);
    const page = await hub.call('GET', '/admin/sites');
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="reports"');
    expect(page.headers.get('Content-Security-Policy')).toMatch(/script-src 'nonce-/);
  });
});
