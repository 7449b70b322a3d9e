/** The admin commands (`npm run -s hub -- team|user …`) on both backends, called in-process. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import { authenticate } from '../src/users.ts';
import { BACKENDS, useBackend } from './fixtures.ts';

describe.each(BACKENDS)('admin commands on %s', (backend) => {
  const { open, skip } = useBackend(backend);
  const test = skip ? it.skip : it;

  test('add teams and users, list them, revoke tokens', async () => {
    const db = await open();
    expect(await runCli(db, ['team', 'add', 'north'])).toBe('team "north" created (id 1)');
    await expect(runCli(db, ['team', 'add', 'north'])).rejects.toThrow('addTeam: team "north" exists already');
    const token = await runCli(db, [
      'user',
      'add',
      '--email',
      'lena@example.com',
      '--name',
      'Lena Lead',
      '--role',
      'leader',
      '--team',
      'north',
    ]);
    expect(token).toMatch(/^al_[A-Za-z0-9_-]{43}$/);
    expect(await authenticate(db, token)).toMatchObject({ email: 'lena@example.com', role: 'leader', teamId: 1 });
    const second = await runCli(db, [
      'user',
      'add',
      '--email',
      'lena@example.com',
      '--name',
      'Lena Lead',
      '--role',
      'leader',
      '--team',
      'north',
      '--label',
      'phone',
    ]);
    expect(second).not.toBe(token);
    await runCli(db, ['user', 'add', '--email', 'ada@example.com', '--name', 'Ada Admin', '--role', 'admin']);

    await expect(
      runCli(db, ['user', 'add', '--email', 'x@example.com', '--name', 'X', '--role', 'rep']),
    ).rejects.toThrow('addUser: a rep needs --team');
    await expect(
      runCli(db, ['user', 'add', '--email', 'x@example.com', '--name', 'X', '--role', 'rep', '--team', 'west']),
    ).rejects.toThrow('addUser: no team "west" (create it with: team add west)');
    await expect(
      runCli(db, ['user', 'add', '--email', 'lena@example.com', '--name', 'L', '--role', 'admin']),
    ).rejects.toThrow('addUser: lena@example.com exists with role leader');
    await expect(
      runCli(db, ['user', 'add', '--email', 'x@example.com', '--name', 'X', '--role', 'boss', '--team', 'north']),
    ).rejects.toThrow();
    expect(await runCli(db, ['team', 'list'])).toBe('north\t1 members');
    expect(await runCli(db, ['user', 'list'])).toBe(
      [
        'ada@example.com\tAda Admin\tadmin\t-\t1 active token(s)',
        'lena@example.com\tLena Lead\tleader\tnorth\t2 active token(s)',
      ].join('\n'),
    );

    expect(await runCli(db, ['user', 'revoke', '--email', 'lena@example.com'])).toBe(
      '2 token(s) of lena@example.com revoked',
    );
    expect(await authenticate(db, token)).toBeNull();
    expect(await authenticate(db, second)).toBeNull();
    await expect(runCli(db, ['user', 'revoke', 'nobody@example.com'])).rejects.toThrow(
      'revokeUser: no user nobody@example.com',
    );
    await expect(runCli(db, ['user', 'frobnicate'])).rejects.toThrow('runCli: unknown command "user frobnicate"');
    const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM tokens WHERE token_hash LIKE 'al_%'");
    expect(row!.n).toBe(0);
  });
});
