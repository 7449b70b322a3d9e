/**
 * The admin commands behind `npm run -s hub -- <command>`:
 *   team add <name>                 team list
 *   user add --email <e> --name <n> --role rep|leader|admin [--team <t>] [--label <l>]   (prints the new token)
 *   user revoke --email <e>         user list
 * They work on the same database as the server (DATA_DIR or DATABASE_URL).
 */
import { parseArgs } from 'node:util';
import type { Database } from './db/database.ts';
import { addTeam, addUser, listUsers, revokeUser, RoleSchema } from './users.ts';

export const CLI_USAGE = `usage:
  npm run -s hub -- team add <name>
  npm run -s hub -- team list
  npm run -s hub -- user add --email <email> --name <name> --role rep|leader|admin [--team <team>] [--label <label>]
  npm run -s hub -- user revoke --email <email>
  npm run -s hub -- user list`;

export function isCliCommand(argv: readonly string[]): boolean {
  return argv[0] === 'user' || argv[0] === 'team';
}

/**
 * Runs one admin command and returns what to print.
 * @throws {Error} with the usage for unknown commands or missing options
 */
export async function runCli(db: Database, argv: readonly string[]): Promise<string> {
  const [noun, verb, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      team: { type: 'string' },
      label: { type: 'string' },
    },
  });
  const need = (key: keyof typeof values): string => {
    const value = values[key] ?? (key === 'email' ? positionals[0] : undefined);
    if (!value) throw new Error(`runCli: ${noun} ${verb} needs --${key}\n${CLI_USAGE}`);
    return value;
  };
  if (noun === 'team' && verb === 'add') {
    const name = positionals[0] ?? need('name');
    const id = await addTeam(db, name);
    return `team "${name}" created (id ${id})`;
  }
  if (noun === 'team' && verb === 'list') {
    const rows = await db.query<{ name: string; members: number }>(
      'SELECT t.name, count(u.id)::int AS members FROM teams t LEFT JOIN users u ON u.team_id = t.id GROUP BY t.id, t.name ORDER BY t.name',
    );
    return rows.map((r) => `${r.name}\t${r.members} members`).join('\n') || '(no teams)';
  }
  if (noun === 'user' && verb === 'add') {
    const role = RoleSchema.parse(need('role'));
    const { token } = await addUser(
      db,
      { email: need('email'), name: need('name'), role, team: values.team },
      values.label ?? '',
    );
    return token;
  }
  if (noun === 'user' && verb === 'revoke') {
    const email = need('email');
    const n = await revokeUser(db, email);
    return `${n} token(s) of ${email} revoked`;
  }
  if (noun === 'user' && verb === 'list') {
    const users = await listUsers(db);
    return (
      users
        .map((u) => [u.email, u.name, u.role, u.team ?? '-', `${u.activeTokens} active token(s)`].join('\t'))
        .join('\n') || '(no users)'
    );
  }
  throw new Error(`runCli: unknown command "${argv.join(' ')}"\n${CLI_USAGE}`);
}
