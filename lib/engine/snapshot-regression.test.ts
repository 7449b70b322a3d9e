import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from './build-snapshot.ts';
import { generateDataset } from './generate.ts';
import { datasetInsights } from '../../tests/test-data.ts';

/**
 * Pins the full scoring of a generated portfolio, so that speed work on the engine cannot change a
 * single number. Reference: the snapshot as computed by the engine at commit 4c7088b, before the engine's
 * performance work started; the digest covers every field except generatedAt. A deliberate change of the scoring must
 * update the digest and say why in its commit.
 */
const dataset = generateDataset({ accounts: 240, seed: 5, linesPerAccount: 60 });
const insights = datasetInsights(dataset, 60);
const snapshot = buildSnapshot(dataset, { insights });
const { generatedAt: _generatedAt, ...stable } = snapshot;
const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

describe('buildSnapshot on a generated portfolio (regression pin)', () => {
  it('keeps the key figures', () => {
    expect(snapshot.asOf).toBe('2026-01-01');
    expect(snapshot.accounts.length).toBe(240);
    expect(snapshot.rules.length).toBe(80);
    expect(snapshot.clvParams.bgnbd.r).toBeCloseTo(2.1873769984, 9);
    expect(sum(snapshot.accounts.map((a) => a.valueScore))).toBeCloseTo(11772.4, 6);
    expect(snapshot.accounts.map((a) => a.segment).join('')).toBe(
      'ACBCCBABCABCACCCCBBBCCCCBBCCACBCABABBBBAABBABBCCCABABAAABBCBCCBAABBABBCCBCBBAABCBACCCBBBCBABCABCBCBBBABACBCCBBBCCBBBBB' +
        'CCBACCACBCBBBCACABCBBCBCCAACBCBCBCBCBCABBCABCBCBBBCCAABBBBABBACAABBCBCBBCABCACCBBBBCBBBBBBBABBBBBBBCBACCBCBBBABBCCCABACCAC',
    );
    expect(sum(snapshot.accounts.map((a) => a.clv.expectedRevenue12m))).toBeCloseTo(2449527.85, 6);
    const kinds: Record<string, number> = {};
    for (const a of snapshot.accounts) for (const t of a.talkingPoints) kinds[t.kind] = (kinds[t.kind] ?? 0) + 1;
    expect(kinds).toEqual({
      'follow-up': 20,
      'cross-sell': 343,
      decline: 73,
      competitor: 8,
      'win-back': 37,
      'reorder-due': 130,
      'open-need': 8,
      expansion: 15,
      'referral-ask': 8,
    });
    expect(sum(snapshot.accounts.map((a) => a.crossSell.length))).toBe(398);
  });

  it('reproduces every field byte for byte', () => {
    expect(digest(stable.accounts)).toBe('9fdab2e527c9961e26d59fad2087caf37865a57c6da2192e6955419488279765');
    expect(digest(stable)).toBe('0f42ae8500a02d4c9d0a8a55371775418d3c9a2160ab7f446952643d23386e6b');
  });
});
