/**
 * The store and the two snapshot versions: a v1 document stored before v2 existed still reads, and the compact v2
 * document of the same portfolio stores as the same records.
 */
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../engine/build-snapshot.ts';
import { generateDataset } from '../engine/generate.ts';
import { encodeSnapshotV2 } from '../engine/snapshot-v2.ts';
import { openStore } from './open.ts';
import { getAccount, getSnapshot, storeSnapshot } from './snapshot.ts';
import { freshDb, T0 } from '../../tests/store-fixtures.ts';

const built = buildSnapshot(generateDataset({ accounts: 30, seed: 3, linesPerAccount: 40 }));
const v1Document = JSON.parse(JSON.stringify(built)) as unknown;
const v2Document = JSON.parse(JSON.stringify(encodeSnapshotV2(built))) as unknown;

describe('snapshot v2 in the store', () => {
  it('reads a stored v1 snapshot after reopening, and stores the v2 document of it as the same records', async () => {
    const { db, factory } = await freshDb();
    await storeSnapshot(db, v1Document, {}, { source: 'v1.json', now: T0 });
    const storedV1 = (await getSnapshot(db)).value!.snapshot;
    db.close();

    const reopened = await openStore(factory);
    expect((await getSnapshot(reopened)).value!.snapshot).toEqual(storedV1);
    const id = built.accounts[4]!.id;
    const v1Account = (await getAccount(reopened, id)).value!;

    await storeSnapshot(reopened, v2Document, {}, { source: 'v2.json', now: T0 });
    expect((await getSnapshot(reopened)).value!.snapshot).toEqual(storedV1);
    const v2Account = (await getAccount(reopened, id)).value!;
    expect(v2Account).toEqual(v1Account);
    expect(v2Account.talkingPoints.map((p) => p.why.de)).toEqual(v1Account.talkingPoints.map((p) => p.why.de));
    expect(v1Account.talkingPoints.length + v1Account.patterns.monthly.length).toBeGreaterThan(0);
  });

  it('refuses a broken v2 document by path and keeps what was stored', async () => {
    const { db } = await freshDb();
    await storeSnapshot(db, v1Document, {}, { source: 'v1.json', now: T0 });
    const broken = structuredClone(v2Document) as { accounts: unknown[][] };
    broken.accounts[2]![10] = 'not an array';
    await expect(storeSnapshot(db, broken, {}, { source: 'broken.json' })).rejects.toThrow(
      'accounts.2[10]: expected an array',
    );
    expect((await getSnapshot(db)).value!.meta.source).toBe('v1.json');
  });
});
