/**
 * Shared set-up for the hub's tests: both storage backends, a seeded team, valid insights, and a request helper
 * that calls the Hono app in-process (the fault and load tests use a real child process instead).
 */
import { afterAll, beforeAll } from 'vitest';
import { monotonicFactory } from 'ulid';
import { InsightSchema, type Insight, type InsightInput } from '../../lib/engine/insight.ts';
import { DEFAULT_MODEL_CONFIG } from '../../lib/engine/model-config.ts';
import type { ScoredAccount, Snapshot } from '../../lib/engine/snapshot.ts';
import { createHub, type HubOptions } from '../src/app.ts';
import type { Rescorer } from '../src/rescorer.ts';
import { openPglite, openPostgres, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrations.ts';
import { engine } from '../src/engine.ts';
import { addTeam, addUser } from '../src/users.ts';
import { postgresSkipReason, startPostgres, type PostgresCluster } from './postgres.ts';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

/**
 * Registers the backend's lifecycle in the calling describe block and returns a function that opens a fresh,
 * migrated database (in-memory PGlite, or a new database in a throwaway cluster). Closes them all afterwards.
 */
export function useBackend(backend: Backend): { open: () => Promise<Database>; skip: string | null } {
  const skip = backend === 'postgres' ? postgresSkipReason() : null;
  let cluster: PostgresCluster | null = null;
  const opened: Database[] = [];
  if (skip) console.warn(skip);
  beforeAll(async () => {
    if (backend === 'postgres' && !skip) cluster = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await Promise.all(opened.map((db) => db.close().catch(() => undefined)));
    cluster?.stop();
  });
  // PGlite takes seconds to start on a busy machine: one instance per describe block, emptied for each test.
  let shared: Database | null = null;
  return {
    skip,
    async open() {
      if (backend === 'pglite' && shared) {
        await Promise.all(running.splice(0).map((r) => r.stop()));
        await emptyDatabase(shared);
        return shared;
      }
      const db = backend === 'pglite' ? await openPglite() : await openPostgres(await cluster!.newDatabase(), 4);
      opened.push(db);
      await migrate(db);
      if (backend === 'pglite') shared = db;
      return db;
    },
  };
}

/** Deletes every row the hub writes and restarts ids and the change version, keeping the schema. */
export async function emptyDatabase(db: Database): Promise<void> {
  await db.exec(`TRUNCATE review_log, conflicts, insights, clients, tokens, users, teams, score_history,
    snapshot_accounts, snapshots, datasets, rescore_queue, rescore_failures, site_definitions, site_reports RESTART IDENTITY CASCADE; UPDATE hub_meta SET version = 0; UPDATE site_meta SET version = 0`);
}

export interface Team {
  admin: string;
  lead: string;
  ana: string;
  ben: string;
  cleo: string;
}

/** Teams north and south; admin, lead (north leader), ana and ben (north reps), cleo (south rep). Returns tokens. */
export async function seedTeam(db: Database): Promise<Team> {
  await addTeam(db, 'north');
  await addTeam(db, 'south');
  const t = async (email: string, name: string, role: 'rep' | 'leader' | 'admin', team?: string) =>
    (await addUser(db, { email, name, role, ...(team ? { team } : {}) })).token;
  return {
    admin: await t('admin@example.com', 'Ada Admin', 'admin'),
    lead: await t('lead@example.com', 'Lena Lead', 'leader', 'north'),
    ana: await t('ana@example.com', 'Ana Rep', 'rep', 'north'),
    ben: await t('ben@example.com', 'Ben Rep', 'rep', 'north'),
    cleo: await t('cleo@example.com', 'Cleo Rep', 'rep', 'south'),
  };
}

const nextUlid = monotonicFactory();
export const newId = (time = Date.parse('2026-03-02T09:00:00Z')): string => nextUlid(time);

/** A valid insight with sensible defaults. */
export function insight(overrides: Partial<InsightInput> = {}): Insight {
  return InsightSchema.parse({
    id: newId(),
    accountId: 'K-1001',
    author: 'ana@example.com',
    createdAt: '2026-03-02T09:00:00.000Z',
    updatedAt: '2026-03-02T09:00:00.000Z',
    type: 'need',
    title: 'Needs a second cutting line',
    body: 'Asked for a quote before Q3.',
    rev: 1,
    ...overrides,
  });
}

/** Re-scorers of the hubs made by hubFor: stopped before a shared database is emptied for the next test. */
const running: Rescorer[] = [];

export function hubFor(db: Database, options: Partial<HubOptions> = {}) {
  const { app, rescorer, log } = createHub({ db, engine, ...options });
  running.push(rescorer);
  return {
    app,
    rescorer,
    log,
    async call(
      method: string,
      path: string,
      init: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
    ) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (init.token) headers.Authorization = `Bearer ${init.token}`;
      let body: string | undefined = init.raw;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['Content-Type'] ??= 'application/json';
      }
      const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the assertions check these bodies, not types
      let json: any = undefined;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text, headers: res.headers };
    },
  };
}

/** A push body for `clientId` with `insight.put`s numbered from `firstId`. */
export function putBatch(clientId: string, insights: Insight[], firstId = 1) {
  return {
    protocolVersion: 1,
    clientId,
    mutations: insights.map((i, k) => ({
      kind: 'insight.put',
      mutationId: firstId + k,
      insight: i,
      baseRev: i.rev - 1,
    })),
  };
}

/** A minimal valid scored account (no order history), for tests that only need names, scores and segments. */
export function scoredAccount(id: string, name: string, valueScore: number): ScoredAccount {
  return {
    id,
    name,
    domains: [],
    crmIds: {},
    valueScore,
    segment: valueScore >= 70 ? 'A' : valueScore >= 40 ? 'B' : 'C',
    criteria: [],
    clv: { pAlive: 0.9, expectedOrders12m: 4, expectedRevenue12m: 12_000 },
    patterns: {
      topProducts: [],
      topCategories: [],
      orders12m: 4,
      revenue12m: 12_000,
      firstOrderDate: '2024-01-15',
      lastOrderDate: '2026-02-10',
      medianIntervalDays: 90,
      regularity: 0.2,
      nextOrderExpected: '2026-05-11',
      overdue: false,
      trend: 0.1,
      monthly: [],
      seasonality: null,
    },
    crossSell: [],
    talkingPoints: [],
  };
}

/** A snapshot of `accounts` scored with the default model. */
export function handSnapshot(accounts: ScoredAccount[], asOf = '2026-03-01'): Snapshot {
  return {
    schemaVersion: 1,
    asOf,
    generatedAt: `${asOf}T06:00:00.000Z`,
    model: DEFAULT_MODEL_CONFIG,
    clvParams: { bgnbd: { r: 1, alpha: 1, a: 1, b: 1, logLikelihood: -1 }, gammaGamma: null },
    accounts,
    rules: [],
    products: [],
    contacts: [],
    currency: 'EUR',
  };
}
