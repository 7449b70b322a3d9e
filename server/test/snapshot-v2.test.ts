/**
 * The hub and the two snapshot versions: a v1 snapshot stored before v2 existed still loads, and a compact v2
 * document of the same portfolio is stored as the same accounts.
 */
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../lib/engine/build-snapshot.ts';
import { generateDataset } from '../../lib/engine/generate.ts';
import { encodeSnapshotV2 } from '../../lib/engine/snapshot-v2.ts';
import { parseSnapshot, type Snapshot } from '../../lib/engine/snapshot.ts';
import { loadSnapshot, storeSnapshot } from '../src/snapshots.ts';
import { BACKENDS, useBackend } from './fixtures.ts';

const built = buildSnapshot(generateDataset({ accounts: 25, seed: 11, linesPerAccount: 40 }));
const v1 = parseSnapshot(JSON.parse(JSON.stringify(built)));
const v2 = JSON.parse(JSON.stringify(encodeSnapshotV2(built))) as ReturnType<typeof encodeSnapshotV2>;

describe.each(BACKENDS)('snapshot v2 at the hub on %s', (backend) => {
  const { open, skip } = useBackend(backend);
  const test = skip ? it.skip : it;

  test('loads a stored v1 snapshot, and stores the v2 document of it as the same snapshot', async () => {
    const db = await open();
    const first = await storeSnapshot(db, v1, null);
    const loadedV1: Snapshot = (await loadSnapshot(db, first.id)).snapshot;
    expect(loadedV1.accounts).toEqual(v1.accounts);
    const second = await storeSnapshot(db, v2, null);
    expect(second.id).not.toBe(first.id);
    const loadedV2 = (await loadSnapshot(db, second.id)).snapshot;
    expect(loadedV2).toEqual(loadedV1);
    expect(loadedV2.accounts.flatMap((a) => a.talkingPoints.map((p) => p.why.de))).toEqual(
      v1.accounts.flatMap((a) => a.talkingPoints.map((p) => p.why.de)),
    );
  });

  test('refuses a broken v2 document naming the path, and keeps the stored one', async () => {
    const db = await open();
    const first = await storeSnapshot(db, v1, null);
    const broken = structuredClone(v2);
    broken.accounts[1]![9] = 'criteria?';
    await expect(storeSnapshot(db, broken, null)).rejects.toThrow('accounts.1[9]: expected an array');
    expect((await loadSnapshot(db, first.id)).snapshot.accounts.length).toBe(v1.accounts.length);
  });
});
