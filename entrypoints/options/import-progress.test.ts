import { describe, expect, it } from 'vitest';
import { createProgressTracker } from './import-progress.ts';

describe('createProgressTracker', () => {
  it('advances one bar over several files, then scoring, then storing', () => {
    const track = createProgressTracker([300, 700]);
    // Reading is 0–45 %: 300 of 1000 bytes read → 0.3 × 0.45.
    expect(track({ stage: 'parse', file: 'a.csv', done: 300, total: 300 })).toBeCloseTo(0.135, 10);
    expect(track({ stage: 'parse', file: 'b.csv', done: 700, total: 700 })).toBeCloseTo(0.45, 10);
    // Scoring is 45–92 %: half done → 0.45 + 0.47 / 2.
    expect(track({ stage: 'score', done: 25, total: 50 })).toBeCloseTo(0.685, 10);
    expect(track({ stage: 'store', done: 50, total: 50 })).toBe(1);
  });
  it('stays within 0…1 for empty totals and overshooting counts', () => {
    const track = createProgressTracker([]);
    expect(track({ stage: 'score', done: 0, total: 0 })).toBe(0.45);
    expect(track({ stage: 'parse', file: 'x', done: 10, total: 1 })).toBe(0.45);
  });
});
