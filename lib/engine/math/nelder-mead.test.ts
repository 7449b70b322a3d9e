import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelder-mead.ts';

// Reference minima are analytic: the quadratic's at (1, −2); Rosenbrock's function (1 − x)² + 100(y − x²)² at
// (1, 1) with value 0 (Rosenbrock 1960); the 4-d sum of (xᵢ − i)² at (1, 2, 3, 4).
describe('nelderMead', () => {
  it('finds the minimum of a quadratic', () => {
    const result = nelderMead(([x = 0, y = 0]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 8);
    expect(result.x[1]).toBeCloseTo(-2, 8);
    expect(result.value).toBeLessThan(1e-15);
  });

  it("finds Rosenbrock's minimum from the classic start (−1.2, 1)", () => {
    const rosenbrock = ([x = 0, y = 0]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const result = nelderMead(rosenbrock, [-1.2, 1]);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
  });

  it('works in four dimensions', () => {
    const result = nelderMead((x) => x.reduce((s, v, i) => s + (v - (i + 1)) ** 2, 0), [0, 0, 0, 0]);
    expect(result.x.map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1, 2, 3, 4]);
  });

  it('treats NaN and Infinity as worse than any finite value', () => {
    const result = nelderMead(([x = 0]) => (x < 0 ? NaN : (x - 3) ** 2), [1]);
    expect(result.x[0]).toBeCloseTo(3, 8);
  });

  it('stops at the evaluation budget and reports it did not converge', () => {
    const result = nelderMead(([x = 0, y = 0]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2, [-1.2, 1], {
      maxEvaluations: 20,
    });
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(25);
  });

  it('throws on an empty or non-finite start, or a non-finite f(x0)', () => {
    expect(() => nelderMead(() => 0, [])).toThrow(/nelderMead: x0/);
    expect(() => nelderMead(() => 0, [NaN])).toThrow(/nelderMead: x0/);
    expect(() => nelderMead(() => Infinity, [0])).toThrow(/nelderMead: f\(x0\)/);
  });
});
