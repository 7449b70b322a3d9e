import { describe, expect, it } from 'vitest';
import { logAddExp, logSumExp } from './log-sum-exp.ts';

// Reference values by hand: ln 5, ln 6, and shifted sums (−1000 + ln 2, 1000 + ln 2; ln 2 = 0.6931471805599453).
describe('logAddExp', () => {
  it('adds on the log scale', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 15);
  });

  it('neither underflows nor overflows', () => {
    expect(logAddExp(-1000, -1000)).toBeCloseTo(-1000 + 0.6931471805599453, 12);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + 0.6931471805599453, 12);
    expect(logAddExp(0, -800)).toBe(0);
  });

  it('treats -Infinity as a zero term', () => {
    expect(logAddExp(-Infinity, 2)).toBe(2);
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
  });
});

describe('logSumExp', () => {
  it('adds a list on the log scale', () => {
    expect(logSumExp([0, Math.log(2), Math.log(3)])).toBeCloseTo(Math.log(6), 15);
    expect(logSumExp(new Float64Array([1000, 1000]))).toBeCloseTo(1000.6931471805599, 12);
  });

  it('is -Infinity for an empty sum and NaN when a term is NaN', () => {
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([1, NaN])).toBeNaN();
  });
});
