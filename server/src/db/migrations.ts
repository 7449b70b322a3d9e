/**
 * Versioned schema migrations, the same SQL for PGlite and PostgreSQL. Append new ones; never edit an applied one.
 * `migrate` applies the missing ones in order, each in its own transaction, and records them in schema_migrations.
 *
 * Change tracking: hub_meta.version is the hub's change clock. Every write transaction first increments it
 * (`nextVersion`), which takes the row lock and so serialises writers: versions become visible in commit order,
 * so a pull (one statement, one consistent view) that sees version V sees every row written with a version ≤ V.
 * Within one version, write_ord numbers an insight's writes in the order the push applied them.
 */
import type { Database } from './database.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users, teams, tokens, clients',
    sql: `
      CREATE TABLE hub_meta (id int PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
      INSERT INTO hub_meta (id, version) VALUES (1, 0);
      CREATE TABLE teams (id serial PRIMARY KEY, name text NOT NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE users (
        id serial PRIMARY KEY,
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('rep', 'leader', 'admin')),
        team_id int REFERENCES teams(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE tokens (
        id serial PRIMARY KEY,
        user_id int NOT NULL REFERENCES users(id),
        token_hash text NOT NULL UNIQUE,
        label text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE TABLE clients (
        client_id text PRIMARY KEY,
        user_id int NOT NULL REFERENCES users(id),
        last_mutation_id bigint NOT NULL DEFAULT 0,
        last_seen_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    version: 2,
    name: 'insights, conflicts, review log',
    sql: `
      CREATE TABLE insights (
        id text PRIMARY KEY,
        owner_user_id int NOT NULL REFERENCES users(id),
        team_id int REFERENCES teams(id),
        account_id text,
        type text NOT NULL,
        status text NOT NULL,
        visibility text NOT NULL,
        rev int NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz,
        data jsonb NOT NULL,
        updated_by_user int NOT NULL REFERENCES users(id),
        updated_by_client text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        review_status text NOT NULL DEFAULT 'new' CHECK (review_status IN ('new', 'reviewed', 'actioned')),
        version bigint NOT NULL,
        write_ord int NOT NULL
      );
      CREATE INDEX insights_version ON insights (version, write_ord);
      CREATE INDEX insights_team ON insights (team_id, created_at);
      CREATE INDEX insights_account ON insights (account_id);
      CREATE TABLE conflicts (
        id serial PRIMARY KEY,
        insight_id text NOT NULL REFERENCES insights(id) DEFERRABLE INITIALLY DEFERRED,
        author_user_id int NOT NULL REFERENCES users(id),
        client_id text NOT NULL,
        losing jsonb NOT NULL,
        winning_rev int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        version bigint NOT NULL
      );
      CREATE INDEX conflicts_author ON conflicts (author_user_id, version);
      CREATE TABLE review_log (
        id serial PRIMARY KEY,
        insight_id text NOT NULL REFERENCES insights(id),
        user_id int NOT NULL REFERENCES users(id),
        action text NOT NULL CHECK (action IN ('reviewed', 'actioned', 'reopened')),
        comment text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX review_log_insight ON review_log (insight_id, id);`,
  },
  {
    version: 3,
    name: 'datasets, snapshots, score history',
    sql: `
      CREATE TABLE datasets (
        id serial PRIMARY KEY,
        data jsonb NOT NULL,
        uploaded_by int NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE snapshots (
        id serial PRIMARY KEY,
        dataset_id int REFERENCES datasets(id),
        meta jsonb NOT NULL,
        created_version bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE snapshot_accounts (
        snapshot_id int NOT NULL REFERENCES snapshots(id),
        account_id text NOT NULL,
        ord int NOT NULL,
        name text NOT NULL,
        value_score real NOT NULL,
        segment text NOT NULL,
        data json NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (snapshot_id, account_id)
      );
      ALTER TABLE snapshot_accounts ALTER COLUMN data SET STORAGE EXTERNAL;
      CREATE INDEX snapshot_accounts_version ON snapshot_accounts (snapshot_id, version);
      CREATE TABLE score_history (
        id bigserial PRIMARY KEY,
        snapshot_id int NOT NULL REFERENCES snapshots(id),
        account_id text NOT NULL,
        value_score real NOT NULL,
        segment text NOT NULL,
        cause text NOT NULL CHECK (cause IN ('dataset', 'insights')),
        recorded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX score_history_account ON score_history (account_id, recorded_at);
      CREATE TABLE rescore_queue (account_id text PRIMARY KEY, queued_at timestamptz NOT NULL DEFAULT now());`,
  },
  {
    version: 4,
    name: 'when an insight was first shared; re-scoring failures',
    // shared_version: the first version at which the row was team-visible (null: never). A teammate is told that
    // a note turned private only when their cursor shows they could have pulled it. Rows stored before this
    // migration count as shared from their version: until then every teammate was told of every private note.
    sql: `
      ALTER TABLE insights ADD COLUMN shared_version bigint;
      UPDATE insights SET shared_version = version;
      CREATE TABLE rescore_failures (
        account_id text PRIMARY KEY,
        reason text NOT NULL,
        attempts int NOT NULL DEFAULT 1,
        first_failed_at timestamptz NOT NULL DEFAULT now(),
        last_failed_at timestamptz NOT NULL DEFAULT now(),
        retry_after timestamptz NOT NULL
      );`,
  },
  {
    version: 5,
    name: 'effects measured on later orders',
    sql: `
      CREATE TABLE snapshot_effects (
        snapshot_id int PRIMARY KEY REFERENCES snapshots(id),
        dataset_id int NOT NULL REFERENCES datasets(id),
        measured_as_of date NOT NULL,
        until date NOT NULL,
        marks int NOT NULL,
        effects jsonb NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    version: 6,
    name: 'team site definitions and page reports',
    sql: `
      CREATE TABLE site_definitions (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('adapter', 'override')),
        definition jsonb NOT NULL,
        published_by int REFERENCES users(id),
        published_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE site_meta (id int PRIMARY KEY CHECK (id = 1), version int NOT NULL);
      INSERT INTO site_meta (id, version) VALUES (1, 0);
      CREATE TABLE site_reports (
        id text PRIMARY KEY,
        user_id int NOT NULL REFERENCES users(id),
        adapter text NOT NULL,
        origin text NOT NULL,
        path_pattern text NOT NULL,
        extension_version text NOT NULL,
        report jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX site_reports_adapter ON site_reports (adapter);`,
  },
];

/**
 * Brings the schema up to the newest migration; safe to call on every start.
 * @returns the versions it applied (empty when the schema was current)
 */
export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Set(
    (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
  );
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    await db.transaction(async (tx) => {
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
    applied.push(m.version);
  }
  return applied;
}

/** Splits migration SQL at semicolons that end a line (our migrations hold no procedural code). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Takes the next change version; call first in every write transaction (serialises writers, see above). In the
 * hub, run such transactions through the change log (change-log.ts `write`) so that its memory follows them; one
 * it does not see makes it reload at the next write it does see.
 */
export async function nextVersion(tx: { query: Database['query'] }): Promise<number> {
  const [row] = await tx.query<{ version: number }>(
    'UPDATE hub_meta SET version = version + 1 WHERE id = 1 RETURNING version::float8 AS version',
  );
  if (!row) throw new Error('nextVersion: hub_meta has no row; was migrate() run?');
  return Number(row.version);
}
