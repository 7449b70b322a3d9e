/**
 * Sync wiring: a periodic alarm, a retry alarm at the backoff's next attempt, a run shortly after each capture and
 * at browser start, and the popup's messages (status, sync now, connect, disconnect, rejections, conflicts). The
 * work itself is lib/sync's; the state the runner keeps is a storage item, so it survives service-worker restarts
 * and the popup can watch it. Only the background talks to the hub.
 */
import { browser } from 'wxt/browser';
import type { Insight } from '../../lib/engine/insight.ts';
import type { Handlers, Request } from '../../lib/message-schemas.ts';
import { hub } from '../../lib/settings.ts';
import { listConflicts, resolveConflict as resolveStoredConflict } from '../../lib/store/conflicts.ts';
import { getInsight, saveInsight } from '../../lib/store/insights.ts';
import { ensureClientId, getMeta, setMeta } from '../../lib/store/meta.ts';
import { dismissRejection, listRejections, outboxStats } from '../../lib/store/outbox.ts';
import type { Db } from '../../lib/store/open.ts';
import { resetCursor, startOver, syncOnce, type SyncReport } from '../../lib/sync/client.ts';
import { hubOriginPattern, normaliseHubUrl, whoAmI, type Me } from '../../lib/sync/hub-http.ts';
import { createSyncRunner, INITIAL_SYNC_STATE, type RunOutcome, type SyncRunner } from '../../lib/sync/runner.ts';
import { syncState, type SyncStatusAnswer } from '../../lib/sync/state.ts';
import { profile } from '../../lib/settings.ts';
import { getDb } from './db.ts';
import { rescoreLocally } from '../../lib/store/rescore.ts';
import { currentAuthor, onInsightSaved } from './insights.ts';
import { invalidateSnapshot } from '../../lib/store/snapshot-cache.ts';

const PERIODIC = 'accountlens-sync';
const RETRY = 'accountlens-sync-retry';
const PERIOD_MINUTES = 5;
/** A capture is pushed this long after saving, so a burst of notes in a workshop goes out in one batch. */
const AFTER_CAPTURE_MS = 2_000;

let runner: SyncRunner<SyncReport> | null = null;
let soon: ReturnType<typeof setTimeout> | null = null;

function syncRunner(): SyncRunner<SyncReport> {
  runner ??= createSyncRunner({
    sync: async () => {
      const connection = await hub.getValue();
      if (!connection) throw new Error('no hub connected');
      const report = await syncOnce(await getDb(), connection, { author: await currentAuthor() });
      // A new snapshot announces itself (lib/store); a model updated in place does not.
      if (report.pull.modelChanged) invalidateSnapshot();
      return report;
    },
    state: { get: () => syncState.getValue(), set: (s) => syncState.setValue(s) },
  });
  return runner;
}

/** One run (skipped while backing off unless forced); after a failure the retry alarm is set to the next attempt. */
async function runSync(force: boolean): Promise<RunOutcome<SyncReport> | null> {
  if (!(await hub.getValue())) return null;
  const outcome = await syncRunner().run({ force });
  if (outcome.status === 'failed' && outcome.state.nextAttemptAt) {
    await browser.alarms.create(RETRY, { when: Date.parse(outcome.state.nextAttemptAt) });
  }
  return outcome;
}

async function ensureSchedule(): Promise<void> {
  if (!(await hub.getValue())) return;
  if (!(await browser.alarms.get(PERIODIC))) {
    await browser.alarms.create(PERIODIC, { periodInMinutes: PERIOD_MINUTES, delayInMinutes: 1 });
  }
}

function syncSoon(): void {
  if (soon !== null) clearTimeout(soon);
  soon = setTimeout(() => {
    soon = null;
    void runSync(false);
  }, AFTER_CAPTURE_MS);
}

/** Registers the sync listeners; called synchronously from defineBackground so an alarm that wakes us is heard. */
export function registerSync(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PERIODIC || alarm.name === RETRY) void runSync(false);
  });
  browser.runtime.onStartup.addListener(() => void ensureSchedule().then(() => runSync(false)));
  browser.runtime.onInstalled.addListener(() => void ensureSchedule());
  onInsightSaved(syncSoon);
}

async function status(): Promise<SyncStatusAnswer> {
  const db = await getDb();
  const [connection, state, stats, rejections, conflicts, recovery] = await Promise.all([
    hub.getValue(),
    syncState.getValue(),
    outboxStats(db),
    listRejections(db),
    listConflicts(db),
    getMeta(db, 'syncRecovery'),
  ]);
  return {
    hub: connection ? { url: connection.url } : null,
    state,
    running: runner?.running() ?? false,
    pending: stats.pending,
    rejections: await Promise.all(
      rejections.items.map(async (r) => ({
        mutationId: r.mutationId,
        reason: r.reason,
        at: r.at,
        ...(r.mutation.kind === 'conflict.resolve'
          ? {}
          : await titleOf(db, r.mutation.kind === 'insight.put' ? r.mutation.insight : r.mutation.insightId)),
      })),
    ),
    conflicts: conflicts.items.map((c) => ({
      id: c.id!,
      insightId: c.insightId,
      title: c.losing.title,
      body: c.losing.body,
      winningRev: c.winningRev,
      at: c.at,
    })),
    recovery: recovery && !recovery.seen ? recovery : null,
  };
}

async function titleOf(db: Db, insight: Insight | string): Promise<{ title?: string }> {
  if (typeof insight !== 'string') return { title: insight.title };
  const stored = (await getInsight(db, insight)).value;
  return stored ? { title: stored.title } : {};
}

async function connect({
  url,
  token,
}: Request<'sync.connect'>): Promise<{ me: Me; outcome: RunOutcome<SyncReport> | null }> {
  const connection = { url: normaliseHubUrl(url), token: token.trim() };
  // The popup asked for the origin inside the click (a user gesture); without the grant, fetch would fail on CORS.
  if (!(await browser.permissions.contains({ origins: [hubOriginPattern(connection.url)] }))) {
    throw new Error(`no permission for ${new URL(connection.url).origin}: allow access when the browser asks`);
  }
  const me = await whoAmI(connection);
  const previous = await hub.getValue();
  if (previous?.url !== connection.url || previous.token !== connection.token) {
    // Another hub (or another account) does not know this device's client id: start a new group there, so the
    // queue goes out from 1 and the rep's notes it lacks are sent to it. A first connection keeps its queue as is.
    if (previous) await startOver(await getDb());
    else await resetCursor(await getDb());
  }
  await hub.setValue(connection);
  await syncState.setValue(INITIAL_SYNC_STATE);
  await ensureSchedule();
  return { me, outcome: await runSync(true) };
}

async function disconnect(): Promise<{ disconnected: true }> {
  await hub.setValue(null);
  await syncState.setValue(INITIAL_SYNC_STATE);
  await Promise.all([browser.alarms.clear(PERIODIC), browser.alarms.clear(RETRY)]);
  return { disconnected: true };
}

/**
 * Ends a conflict: `keep-theirs` forgets the losing version; `restore-mine` saves it again as an edit of the
 * winner (a new rev, so it wins at the hub) and re-scores the account locally. Either way the hub hears of it
 * (`conflict.resolve`), so the rep's other devices stop showing the conflict.
 */
async function resolveConflict({ id, action }: Request<'sync.conflict.resolve'>): Promise<{ resolved: true }> {
  const db = await getDb();
  const conflict = (await listConflicts(db)).items.find((c) => c.id === id);
  if (!conflict) throw new Error(`resolveConflict: no conflict ${id}`);
  const clientId = await ensureClientId(db);
  if (action === 'restore-mine') {
    const { author: _author, createdAt: _c, updatedAt: _u, rev: _r, deletedAt: _d, ...fields } = conflict.losing;
    const current = (await getInsight(db, conflict.insightId)).value;
    const me = await profile.getValue();
    const saved = await saveInsight(
      db,
      { ...fields, ...(current ? { rev: current.rev } : {}) },
      {
        clientId,
        author: me.email || me.name || 'me',
      },
    );
    if (saved.accountId) await rescoreLocally(db, saved.accountId);
  }
  if ((await resolveStoredConflict(db, id, { clientId })) || action === 'restore-mine') syncSoon();
  return { resolved: true };
}

export const syncHandlers: Pick<
  Handlers,
  | 'sync.status'
  | 'sync.now'
  | 'sync.connect'
  | 'sync.disconnect'
  | 'sync.rejection.dismiss'
  | 'sync.recovery.dismiss'
  | 'sync.conflict.resolve'
> = {
  'sync.status': status,
  'sync.now': async () => runSync(true),
  'sync.connect': connect,
  'sync.disconnect': disconnect,
  async 'sync.rejection.dismiss'({ mutationId }) {
    await dismissRejection(await getDb(), mutationId);
    return { dismissed: true };
  },
  async 'sync.recovery.dismiss'() {
    const db = await getDb();
    const recovery = await getMeta(db, 'syncRecovery');
    if (recovery) await setMeta(db, 'syncRecovery', { ...recovery, seen: true });
    return { dismissed: true };
  },
  'sync.conflict.resolve': resolveConflict,
};
