/**
 * Teams, users and their API tokens. A token is shown once, when it is made; the hub keeps only its SHA-256
 * (tokens are 256 random bits, so a fast hash is enough: there is nothing to brute-force).
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Database, Sql } from './db/database.ts';
import { iso } from './db/database.ts';

export const ROLES = ['rep', 'leader', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Who is calling: the user behind a valid token. */
export interface Principal {
  userId: number;
  email: string;
  name: string;
  role: Role;
  teamId: number | null;
  tokenId: number;
}

export const NewUserSchema = z.object({
  email: z.email().max(200),
  name: z.string().trim().min(1).max(200),
  role: RoleSchema,
  team: z.string().trim().min(1).max(100).optional(),
});
export type NewUser = z.infer<typeof NewUserSchema>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function newToken(): string {
  return `al_${randomBytes(32).toString('base64url')}`;
}

/** Creates a team; returns its id. @throws {Error} when the name is taken */
export async function addTeam(db: Sql, name: string): Promise<number> {
  const clean = z.string().trim().min(1).max(100).parse(name);
  const existing = await db.query('SELECT id FROM teams WHERE name = $1', [clean]);
  if (existing.length > 0) throw new Error(`addTeam: team "${clean}" exists already`);
  const [row] = await db.query<{ id: number }>('INSERT INTO teams (name) VALUES ($1) RETURNING id', [clean]);
  return Number(row!.id);
}

/**
 * Creates a user (or, for an existing email, a further token for them) and returns the new token.
 * Leaders and reps need a team; the team must exist.
 * @throws {Error} on an unknown team, a missing team for rep/leader, or a role change of an existing user
 */
export async function addUser(db: Database, input: NewUser, label = ''): Promise<{ userId: number; token: string }> {
  const user = NewUserSchema.parse(input);
  if (user.role !== 'admin' && !user.team) throw new Error(`addUser: a ${user.role} needs --team`);
  return db.transaction(async (tx) => {
    let teamId: number | null = null;
    if (user.team) {
      const [team] = await tx.query<{ id: number }>('SELECT id FROM teams WHERE name = $1', [user.team]);
      if (!team) throw new Error(`addUser: no team "${user.team}" (create it with: team add ${user.team})`);
      teamId = Number(team.id);
    }
    const [existing] = await tx.query<{ id: number; role: string; team_id: number | null }>(
      'SELECT id, role, team_id FROM users WHERE email = $1',
      [user.email],
    );
    let userId: number;
    if (existing) {
      if (existing.role !== user.role || (existing.team_id ?? null) !== teamId) {
        throw new Error(
          `addUser: ${user.email} exists with role ${existing.role}; roles and teams are not changed here`,
        );
      }
      userId = Number(existing.id);
    } else {
      const [row] = await tx.query<{ id: number }>(
        'INSERT INTO users (email, name, role, team_id) VALUES ($1, $2, $3, $4) RETURNING id',
        [user.email, user.name, user.role, teamId],
      );
      userId = Number(row!.id);
    }
    const token = newToken();
    await tx.query('INSERT INTO tokens (user_id, token_hash, label) VALUES ($1, $2, $3)', [
      userId,
      hashToken(token),
      label,
    ]);
    return { userId, token };
  });
}

/**
 * Revokes every active token of the user with `email`.
 * @returns how many tokens were revoked
 * @throws {Error} when there is no such user
 */
export async function revokeUser(db: Sql, email: string): Promise<number> {
  const [user] = await db.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [email]);
  if (!user) throw new Error(`revokeUser: no user ${email}`);
  const rows = await db.query(
    'UPDATE tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id',
    [user.id],
  );
  return rows.length;
}

export interface UserListing {
  email: string;
  name: string;
  role: Role;
  team: string | null;
  activeTokens: number;
  createdAt: string;
}

export async function listUsers(db: Sql): Promise<UserListing[]> {
  const rows = await db.query<{
    email: string;
    name: string;
    role: Role;
    team: string | null;
    active: number;
    created_at: Date;
  }>(
    `SELECT u.email, u.name, u.role, t.name AS team, u.created_at,
            (SELECT count(*) FROM tokens k WHERE k.user_id = u.id AND k.revoked_at IS NULL)::int AS active
       FROM users u LEFT JOIN teams t ON t.id = u.team_id ORDER BY u.email`,
  );
  return rows.map((r) => ({
    email: r.email,
    name: r.name,
    role: r.role,
    team: r.team,
    activeTokens: Number(r.active),
    createdAt: iso(r.created_at),
  }));
}

/** The principal behind a bearer token, or null for an unknown or revoked one. */
export async function authenticate(db: Sql, token: string): Promise<Principal | null> {
  if (!/^al_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db.query<{
    uid: number;
    email: string;
    name: string;
    role: Role;
    team_id: number | null;
    tid: number;
  }>(
    `SELECT u.id AS uid, u.email, u.name, u.role, u.team_id, k.id AS tid
       FROM tokens k JOIN users u ON u.id = k.user_id
      WHERE k.token_hash = $1 AND k.revoked_at IS NULL`,
    [hashToken(token)],
  );
  if (!row) return null;
  return {
    userId: Number(row.uid),
    email: row.email,
    name: row.name,
    role: row.role,
    teamId: row.team_id === null ? null : Number(row.team_id),
    tokenId: Number(row.tid),
  };
}
