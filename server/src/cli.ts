/**
 * The admin commands behind `npm run -s hub -- <command>`:
 *   team add <name>                 team list
 *   user add --email <e> --name <n> --role rep|leader|admin [--team <t>] [--label <l>]   (prints the new token)
 *   user revoke --email <e>         user list
 *   site publish --file <sites.json>   site list   site remove --id <id>   (team site definitions, issue 16)
 * They work on the same database as the server (DATA_DIR or DATABASE_URL).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Database } from './db/database.ts';
import { listSites, publishSites, removeSite, SiteFileError } from './sites.ts';
import { addTeam, addUser, listUsers, revokeUser, RoleSchema } from './users.ts';

export const CLI_USAGE = `usage:
  npm run -s hub -- team add <name>
  npm run -s hub -- team list
  npm run -s hub -- user add --email <email> --name <name> --role rep|leader|admin [--team <team>] [--label <label>]
  npm run -s hub -- user revoke --email <email>
  npm run -s hub -- user list
  npm run -s hub -- site publish --file <sites.json>
  npm run -s hub -- site list
  npm run -s hub -- site remove --id <id>`;

export function isCliCommand(argv: readonly string[]): boolean {
  return argv[0] === 'user' || argv[0] === 'team' || argv[0] === 'site';
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
      file: { type: 'string' },
      id: { type: 'string' },
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
  if (noun === 'site' && verb === 'publish') {
    const file = need('file');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`site publish: cannot read ${file} (${(error as Error).message})`);
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new Error(`site publish: ${file} is not valid JSON (${(error as Error).message}); nothing was published`);
    }
    try {
      const { version, published } = await publishSites(db, document, null);
      return `published ${published.length} site definition(s) from ${file} (version ${version}): ${published.join(', ')}`;
    } catch (error) {
      if (error instanceof SiteFileError) throw new Error(`site publish: ${file}: ${error.message}`);
      throw error;
    }
  }
  if (noun === 'site' && verb === 'list') {
    const { version, sites } = await listSites(db);
    const lines = sites.map(({ definition: d, publishedAt }) => {
      const what =
        d.kind === 'adapter'
          ? `adapter "${d.adapter.name}" ${d.adapter.urlPattern}`
          : d.override.off
            ? `built-in ${d.override.site}: OFF (kill switch)`
            : `built-in ${d.override.site}: ${d.override.mode ?? 'extra'} selectors`;
      return `${d.id}\t${what}\t${publishedAt}`;
    });
    return [`version ${version}`, ...(lines.length > 0 ? lines : ['(no site definitions)'])].join('\n');
  }
  if (noun === 'site' && verb === 'remove') {
    const id = need('id');
    const { removed, version } = await removeSite(db, id);
    if (!removed) throw new Error(`site remove: no site definition "${id}" (see: site list)`);
    return `site definition "${id}" removed (version ${version})`;
  }
  throw new Error(`runCli: unknown command "${argv.join(' ')}"\n${CLI_USAGE}`);
}
