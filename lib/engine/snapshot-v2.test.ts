import { describe, expect, it } from 'vitest';
import { buildSnapshot } from './build-snapshot.ts';
import { generateDataset } from './generate.ts';
import { datasetInsights } from '../../tests/test-data.ts';
import { decodeSnapshotV2, encodeSnapshotV2, SNAPSHOT_V2_VERSION } from './snapshot-v2.ts';
import { parseSnapshot, type Snapshot } from './snapshot.ts';

const dataset = generateDataset({ accounts: 120, seed: 5, linesPerAccount: 60 });
const insights = datasetInsights(dataset, 40);
const built = buildSnapshot(dataset, { insights });
/** The v1 document as a file or the store gives it back: parsed from JSON, its texts no longer know their keys. */
const v1: Snapshot = parseSnapshot(JSON.parse(JSON.stringify(built)));
const v2Json = JSON.stringify(encodeSnapshotV2(built));

describe('snapshot v2', () => {
  it('reads back exactly as the v1 document: every account, talking-point text (en and de), contact and rule', () => {
    const back = parseSnapshot(JSON.parse(v2Json));
    expect(back).toEqual(v1);
    // The comparison covers the kinds that come from notes and from orders.
    const kinds = new Set(v1.accounts.flatMap((a) => a.talkingPoints.map((p) => p.kind)));
    for (const kind of ['cross-sell', 'follow-up', 'competitor', 'win-back', 'decline'] as const)
      expect(kinds).toContain(kind);
    expect(v1.contacts.length).toBeGreaterThan(0);
  });

  it('is versioned and stores message keys with arguments instead of texts', () => {
    const doc = JSON.parse(v2Json) as { schemaVersion: number; keys: string[] };
    expect(doc.schemaVersion).toBe(SNAPSHOT_V2_VERSION);
    expect(doc.keys).toContain('tp_follow_up_why');
    const somePoint = v1.accounts.find((a) => a.talkingPoints.length > 0)!.talkingPoints[0]!;
    expect(v2Json).not.toContain(JSON.stringify(somePoint.why.en));
    expect(v2Json).not.toContain(JSON.stringify(somePoint.why.de));
    expect(v2Json.length).toBeLessThan(JSON.stringify(v1).length / 3);
  });

  it('keeps texts it has no key for (an upgraded v1 snapshot) as their two texts', () => {
    const again = JSON.parse(JSON.stringify(encodeSnapshotV2(v1))) as unknown;
    expect(parseSnapshot(again)).toEqual(v1);
    const edited = structuredClone(v1);
    const point = edited.accounts.find((a) => a.talkingPoints.length > 0)!.talkingPoints[0]!;
    point.title = { en: 'Hand-written title', de: 'Handgeschriebener Titel' };
    expect(parseSnapshot(JSON.parse(JSON.stringify(encodeSnapshotV2(edited))))).toEqual(edited);
    const ownerless = structuredClone(v1);
    delete ownerless.accounts[0]!.ownerEmail;
    expect(parseSnapshot(JSON.parse(JSON.stringify(encodeSnapshotV2(ownerless))))).toEqual(ownerless);
  });

  it('names the path of a value it cannot decode', () => {
    const doc = JSON.parse(v2Json) as { accounts: unknown[][]; keys: string[] };
    const i = doc.accounts.findIndex((row) => (row[13] as unknown[]).length > 0);
    const broken = structuredClone(doc);
    const point = (broken.accounts[i]![13] as unknown[][])[0]!;
    point[0] = 99;
    expect(() => parseSnapshot(broken)).toThrow(
      `schemaVersion 2): snapshot v2: accounts.${i}[13].0[0]: no talking-point kind at index 99`,
    );
    const noKeys: Record<string, unknown> = { ...doc };
    delete noKeys['keys'];
    expect(() => decodeSnapshotV2(noKeys)).toThrow('snapshot v2: keys:');
    const badKey = structuredClone(doc);
    badKey.keys = badKey.keys.map(() => 'no_such_key');
    expect(() => parseSnapshot(badKey)).toThrow(/accounts\.\d+\[13\]\.0\[\d\]\[0\]: no message key at index \d+/);
  });

  it('still reads v1 documents, and rejects an unknown version by name', () => {
    expect(parseSnapshot(JSON.parse(JSON.stringify(v1)))).toEqual(v1);
    expect(() => parseSnapshot({ ...v1, schemaVersion: 3 })).toThrow('schemaVersion');
  });
});
