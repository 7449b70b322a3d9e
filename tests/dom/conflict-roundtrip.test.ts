/**
 * Across modules: one rep's two devices (two stores, the extension's sync client) against a real hub in this
 * process (server/src on in-memory PGlite). Both edit one note offline; the later edit wins at the hub, the other
 * device keeps its losing version as a conflict, and so does the first device (conflicts go to every device of the
 * author). Resolving it on one device reaches the hub, and the other device drops it at its next pull.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { getInsight, saveInsight } from '../../lib/store/insights.ts';
import { listConflicts, resolveConflict } from '../../lib/store/conflicts.ts';
import { ensureClientId } from '../../lib/store/meta.ts';
import type { Db } from '../../lib/store/open.ts';
import { freshDb } from '../store-fixtures.ts';
import { syncOnce } from '../../lib/sync/client.ts';
import { openPglite, type Database } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrations.ts';
import { hubFor, seedTeam } from '../../server/test/fixtures.ts';

let database: Database | undefined;
afterAll(async () => {
  await database?.close();
});

describe('a conflict between two devices of one rep, through the real hub', () => {
  it('is kept on both, resolved on one, and gone from the other after its next sync', async () => {
    database = await openPglite();
    await migrate(database);
    const team = await seedTeam(database);
    const { app, rescorer } = hubFor(database);
    const hub = { url: 'https://hub.example.com', token: team.ana };
    const fetch = ((input: string | URL | Request, init?: RequestInit) =>
      app.request(String(input), init)) as typeof globalThis.fetch;
    const sync = (db: Db) => syncOnce(db, hub, { fetch });
    const at = (iso: string) => async (db: Db) => ({
      clientId: await ensureClientId(db),
      author: 'ana@example.com',
      now: new Date(iso),
    });

    const laptop = (await freshDb()).db;
    const phone = (await freshDb()).db;
    const note = await saveInsight(
      laptop,
      { type: 'need', title: 'Second press', accountId: null },
      await at('2026-03-02T09:00:00Z')(laptop),
    );
    await sync(laptop);
    await sync(phone);
    expect((await getInsight(phone, note.id)).value?.title).toBe('Second press');

    // Both edit offline; the laptop's edit is the later one and wins, whichever arrives first.
    await saveInsight(phone, { ...note, title: 'Phone edit', rev: 1 }, await at('2026-03-02T10:00:00Z')(phone));
    await saveInsight(laptop, { ...note, title: 'Laptop edit', rev: 1 }, await at('2026-03-02T10:05:00Z')(laptop));
    await sync(phone);
    const laptopReport = await sync(laptop);
    expect(laptopReport.push.conflicts).toBe(0);
    const phoneReport = await sync(phone);
    expect((await getInsight(phone, note.id)).value?.title).toBe('Laptop edit');
    // The phone's edit became the loser when the laptop's arrived: both of the author's devices keep it.
    expect([laptopReport.pull.conflicts, phoneReport.pull.conflicts]).toEqual([1, 1]);
    const onPhone = (await listConflicts(phone)).items;
    const onLaptop = (await listConflicts(laptop)).items;
    expect(onPhone.map((c) => c.losing.title)).toEqual(['Phone edit']);
    expect(onLaptop.map((c) => c.losing.title)).toEqual(['Phone edit']);

    // Resolved on the phone ("keep theirs"): the hub hears of it, and the laptop drops it at its next sync.
    expect(await resolveConflict(phone, onPhone[0]!.id!, await at('2026-03-02T11:00:00Z')(phone))).toBe(true);
    const resolved = await sync(phone);
    expect(resolved.push.acknowledged).toBe(1);
    const [row] = await database.query<{ resolved: boolean }>(
      'SELECT resolved_at IS NOT NULL AS resolved FROM conflicts',
    );
    expect(row?.resolved).toBe(true);
    expect((await sync(laptop)).pull.resolvedConflicts).toBe(1);
    expect((await listConflicts(laptop)).items).toEqual([]);
    await rescorer.stop();
  });
});
