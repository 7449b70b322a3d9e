/**
 * The hub's recent changes in memory, so that a pull costs no query (PGlite only).
 *
 * With PGlite this process is the only writer (the data directory is locked, db/database.ts), so memory can be
 * authoritative: every write transaction of the hub runs through `write`, one after another, and what it changed
 * is recorded right after its commit, in version order. A pull is then answered from memory when its cursor lies
 * within what memory holds (`floor`: the newest insight or conflict stored when it loaded); older cursors, resets and anything memory is unsure
 * about go to the database (pull.ts), which gives the same answer. A recorded version that does not follow the
 * previous one means an unknown writer: memory then forgets everything and reloads at the next pull.
 *
 * With PostgreSQL several hub instances may write the same database, so memory could miss their changes: there
 * `write` just runs the transaction and `pull` always defers to the database.
 */
import type { Insight } from '../../lib/engine/insight.ts';
import type { ScoredAccount, Snapshot } from '../../lib/engine/snapshot.ts';
import { maySee, quotedInsights, quotesInsights, redactAccount, type InsightOwner } from './redact.ts';
import type { PullQuery } from '../../lib/sync/protocol.ts';
import { PROTOCOL_VERSION } from '../../lib/sync/protocol.ts';
import type { Database } from './db/database.ts';
import { HttpError } from './http-error.ts';
import type { Principal } from './users.ts';

/** An insight row as a push stored it (owner and team decide who sees it). */
export interface InsightWrite {
  insight: Insight;
  ownerUserId: number;
  teamId: number | null;
}

/** A conflict row as it stands after the write (PullResponse.conflicts' shape plus its author). */
export interface ConflictRecord {
  id: number;
  authorUserId: number;
  insightId: string;
  losing: Insight;
  winningRev: number;
  createdAt: string;
  resolvedAt: string | null;
}

/** What one committed write transaction changed; `version` is the change version it took. */
export interface Change {
  version: number;
  client?: { clientId: string; userId: number; lastMutationId: number };
  /** In the order the push applied them (write_ord). */
  insights?: InsightWrite[];
  conflicts?: ConflictRecord[];
  /** Accounts of snapshot `snapshotId` replaced by re-scoring. */
  accounts?: { snapshotId: number; accounts: ScoredAccount[] };
  /** A new current snapshot (its accounts all carry `version`). */
  snapshot?: { id: number; snapshot: Snapshot };
}

export interface ChangeLog {
  /**
   * Runs the write transaction `fn` after every earlier one and records its change once it has committed.
   * A rejected `fn` (rolled back) records nothing.
   */
  write<T>(fn: () => Promise<{ result: T; change: Change }>): Promise<T>;
  /**
   * The pull's answer (PullResponse as JSON text) from memory, or null when the database must answer.
   * @throws {HttpError} 403 when the clientId belongs to another user
   */
  pull(principal: Principal, query: PullQuery): Promise<string | null>;
  /** Calls `listener` with every change recorded from now on, in version order, right after its commit. */
  onChange(listener: (change: Change) => void): void;
}

/** For callers without a hub (no memory): runs each write as it comes and never answers a pull. */
export const PASS_THROUGH: ChangeLog = {
  write: async (fn) => (await fn()).result,
  pull: async () => null,
  onChange: () => undefined,
};

/** Entries kept before memory compacts itself (superseded insight rows dropped, then a reload if still full). */
const MAX_ENTRIES = 50_000;

interface Entry {
  id: string;
  version: number;
  ownerUserId: number;
  teamId: number | null;
  visibility: Insight['visibility'];
  json: string;
  live: boolean;
}

interface Head {
  id: number;
  createdVersion: number;
  /** The snapshot's meta as JSON text (without accounts). */
  meta: string;
  model: string;
  /** `quoted`: the insights its talking points quote (redact.ts), read once, so a pull knows whether to redact. */
  accounts: { id: string; version: number; json: string; quoted: readonly string[] }[];
  position: Map<string, number>;
  /** The whole snapshot as JSON text, built at the first full pull after the accounts last changed. */
  full: string | null;
}

interface State {
  version: number;
  /** Memory answers pulls whose cursor is at least this version. */
  floor: number;
  clients: Map<string, { userId: number; last: number }>;
  entries: Entry[];
  latest: Map<string, Entry>;
  conflicts: Map<number, ConflictRecord & { version: number }>;
  head: Head | null;
  /** Every stored insight's owner, for the talking points that quote it (redact.ts). */
  owners: Map<string, InsightOwner>;
  /** The version at which each insight was first team-visible (insights.shared_version). */
  shared: Map<string, number>;
}

/** A change log for `db`: in memory for PGlite, a pass-through for PostgreSQL (see the module comment). */
export function createChangeLog(db: Database): ChangeLog {
  if (db.kind !== 'pglite') return PASS_THROUGH;
  let queue: Promise<unknown> = Promise.resolve();
  let state: State | null = null;
  const listeners: ((change: Change) => void)[] = [];

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const record = (change: Change) => {
    for (const listener of listeners) listener(change);
    if (!state) return;
    if (change.version !== state.version + 1) {
      console.error(`hub: change ${change.version} does not follow ${state.version}; reloading the change log`);
      state = null;
      return;
    }
    try {
      apply(state, change);
    } catch (error) {
      console.error('hub: recording a change failed; reloading the change log:', error);
      state = null;
    }
  };

  return {
    write: (fn) =>
      serial(async () => {
        const { result, change } = await fn();
        record(change);
        return result;
      }),
    async pull(principal, query) {
      // Loaded inside the write queue, so no change is recorded between the load and its assignment.
      if (!state) await serial(async () => void (state ??= await load(db)));
      const s = state as State | null; // a write may have dropped it meanwhile (an unseen writer)
      return s ? answer(s, principal, query) : null;
    },
    onChange: (listener) => void listeners.push(listener),
  };
}

async function load(db: Database): Promise<State> {
  // Memory starts with no insight or conflict rows, so it can answer cursors from the newest stored one on.
  const [top] = await db.query<{
    version: number;
    floor: number;
    id: number | null;
    created: number | null;
    meta: string | null;
  }>(
    `SELECT (SELECT version::float8 FROM hub_meta WHERE id = 1) AS version,
            greatest((SELECT coalesce(max(version), 0) FROM insights), (SELECT coalesce(max(version), 0) FROM conflicts))::float8 AS floor,
            h.id, h.created_version::float8 AS created, h.meta::text AS meta
       FROM (SELECT 1) AS one LEFT JOIN (SELECT * FROM snapshots ORDER BY id DESC LIMIT 1) h ON TRUE`,
  );
  if (!top || top.version === null) throw new Error('createChangeLog: hub_meta has no row; was migrate() run?');
  const clients = new Map<string, { userId: number; last: number }>();
  for (const c of await db.query<{ client_id: string; user_id: number; last: number }>(
    'SELECT client_id, user_id, last_mutation_id::float8 AS last FROM clients',
  )) {
    clients.set(c.client_id, { userId: Number(c.user_id), last: Number(c.last) });
  }
  let head: Head | null = null;
  if (top.id !== null && top.meta !== null) {
    const accounts = (
      await db.query<{ account_id: string; version: number; data: string }>(
        'SELECT account_id, version::float8 AS version, data::text AS data FROM snapshot_accounts WHERE snapshot_id = $1 ORDER BY ord',
        [top.id],
      )
    ).map((a) => accountEntry(a.account_id, Number(a.version), a.data));
    const meta = JSON.parse(top.meta) as Omit<Snapshot, 'accounts'>;
    head = makeHead(Number(top.id), Number(top.created), top.meta, JSON.stringify(meta.model ?? null), accounts);
  }
  const owners = new Map<string, InsightOwner>();
  const shared = new Map<string, number>();
  for (const o of await db.query<{
    id: string;
    owner: number;
    team: number | null;
    visibility: 'private' | 'team';
    shared: number | null;
  }>(
    'SELECT id, owner_user_id AS owner, team_id AS team, visibility, shared_version::float8 AS shared FROM insights',
  )) {
    owners.set(o.id, {
      ownerUserId: Number(o.owner),
      teamId: o.team === null ? null : Number(o.team),
      visibility: o.visibility,
    });
    if (o.shared !== null) shared.set(o.id, Number(o.shared));
  }
  return {
    owners,
    shared,
    version: Number(top.version),
    floor: Number(top.floor),
    clients,
    entries: [],
    latest: new Map(),
    conflicts: new Map(),
    head,
  };
}

/** A head account from its stored JSON text (parsed only when it quotes insights) or from the account itself. */
function accountEntry(id: string, version: number, from: string | ScoredAccount): Head['accounts'][number] {
  if (typeof from !== 'string') return { id, version, json: JSON.stringify(from), quoted: quotedInsights([from]) };
  return {
    id,
    version,
    json: from,
    quoted: quotesInsights(from) ? quotedInsights([JSON.parse(from) as ScoredAccount]) : [],
  };
}

function makeHead(id: number, createdVersion: number, meta: string, model: string, accounts: Head['accounts']): Head {
  return {
    id,
    createdVersion,
    meta,
    model,
    accounts,
    position: new Map(accounts.map((a, k) => [a.id, k])),
    full: null,
  };
}

function apply(s: State, change: Change): void {
  const v = change.version;
  if (change.client) {
    s.clients.set(change.client.clientId, { userId: change.client.userId, last: change.client.lastMutationId });
  }
  for (const w of change.insights ?? []) {
    const entry: Entry = {
      id: w.insight.id,
      version: v,
      ownerUserId: w.ownerUserId,
      teamId: w.teamId,
      visibility: w.insight.visibility,
      json: JSON.stringify(w.insight),
      live: true,
    };
    s.owners.set(entry.id, { ownerUserId: w.ownerUserId, teamId: w.teamId, visibility: w.insight.visibility });
    if (entry.visibility === 'team' && !s.shared.has(entry.id)) s.shared.set(entry.id, v);
    const before = s.latest.get(entry.id);
    if (before) before.live = false;
    s.latest.set(entry.id, entry);
    s.entries.push(entry);
  }
  for (const c of change.conflicts ?? []) s.conflicts.set(c.id, { ...c, version: v });
  if (change.snapshot) {
    const { accounts, ...meta } = change.snapshot.snapshot;
    s.head = makeHead(
      change.snapshot.id,
      v,
      JSON.stringify(meta),
      JSON.stringify(meta.model),
      accounts.map((a) => accountEntry(a.id, v, a)),
    );
  }
  if (change.accounts && s.head?.id === change.accounts.snapshotId) {
    for (const a of change.accounts.accounts) {
      const k = s.head.position.get(a.id);
      if (k !== undefined) s.head.accounts[k] = accountEntry(a.id, v, a);
    }
    s.head.full = null;
  }
  s.version = v;
  if (s.entries.length + s.conflicts.size > MAX_ENTRIES) compact(s);
}

/** Drops superseded rows; when memory is still full, forgets every change (older cursors then go to the database). */
function compact(s: State): void {
  s.entries = s.entries.filter((e) => e.live);
  if (s.entries.length + s.conflicts.size > MAX_ENTRIES / 2) {
    s.entries = [];
    s.latest.clear();
    s.conflicts.clear();
    s.floor = s.version;
  }
}

/** Who may see an entry: the same rule as visibility.ts's SQL. */
function visible(p: Principal, e: Entry): boolean {
  return maySee(p, e);
}

/**
 * Whether `p` must be told that entry `e` left their view: it is private now, not theirs, and was team-visible
 * (`shared`: since version) by the time of their cursor `after`, so they may have pulled it. The same rule as
 * pull.ts's SQL.
 */
function revokedFor(p: Principal, e: Entry, shared: number | undefined, after: number): boolean {
  if (after === 0 || e.visibility !== 'private' || e.ownerUserId === p.userId) return false;
  if (shared === undefined || shared > after) return false;
  return p.role === 'admin' || (p.teamId !== null && e.teamId === p.teamId);
}

/** The first entry with a version above `after` (entries are in version order). O(log n). */
function firstAfter(entries: Entry[], after: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.version > after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function answer(s: State, p: Principal, query: PullQuery): string | null {
  const after = query.cursor === undefined ? 0 : Number(query.cursor);
  if (after > s.version || after < s.floor) return null;
  const client = s.clients.get(query.clientId);
  if (client && client.userId !== p.userId) throw new HttpError(403, 'this clientId belongs to another user');

  const insights: string[] = [];
  const revoked: string[] = [];
  for (let k = firstAfter(s.entries, after); k < s.entries.length; k++) {
    const e = s.entries[k]!;
    if (!e.live) continue;
    if (visible(p, e)) insights.push(e.json);
    else if (revokedFor(p, e, s.shared.get(e.id), after)) revoked.push(e.id);
  }
  revoked.sort();
  const conflicts = [...s.conflicts.values()]
    .filter((c) => c.authorUserId === p.userId && c.version > after)
    .sort((a, b) => a.id - b.id)
    .map((c) =>
      JSON.stringify({
        id: c.id,
        insightId: c.insightId,
        losing: c.losing,
        winningRev: c.winningRev,
        createdAt: c.createdAt,
        resolvedAt: c.resolvedAt,
      }),
    );

  let snapshot = 'null';
  const h = s.head;
  const ownerOf = (id: string) => s.owners.get(id);
  const json = (a: Head['accounts'][number]) =>
    a.quoted.every((id) => maySee(p, ownerOf(id))) ? a.json : redactAccount(a.json, p, ownerOf);
  if (h && h.createdVersion > after) {
    // The whole text is kept for pulls that redact nothing (most: a team's own notes); others build their own.
    const accounts = h.accounts.map(json);
    const same = accounts.every((text, k) => text === h.accounts[k]!.json);
    const full = (texts: string[]) => `${h.meta.slice(0, -1)},"accounts":[${texts.join(',')}]}`;
    if (same) h.full ??= full(accounts);
    snapshot = `{"kind":"full","snapshotId":${h.id},"snapshot":${same ? h.full : full(accounts)}}`;
  } else if (h) {
    const changed = h.accounts.filter((a) => a.version > after).map(json);
    if (changed.length > 0) snapshot = `{"kind":"delta","snapshotId":${h.id},"accounts":[${changed.join(',')}]}`;
  }
  return (
    `{"protocolVersion":${PROTOCOL_VERSION},"cursor":"${s.version}","reset":false,"lastMutationId":${client?.last ?? 0},` +
    `"insights":[${insights.join(',')}],"revokedInsightIds":${JSON.stringify(revoked)},"conflicts":[${conflicts.join(',')}],` +
    `"snapshot":${snapshot},"model":${h ? h.model : 'null'}}`
  );
}
