import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Sparkline, sparklinePoints } from './Sparkline.tsx';

describe('sparklinePoints', () => {
  it('spreads x evenly and puts the maximum at the top and zero at the bottom', () => {
    // Box 100 × 20 with 0 padding: x = 0, 50, 100; y = 20 · (1 − v / 10).
    expect(sparklinePoints([0, 5, 10], 100, 20, 0)).toEqual([
      { x: 0, y: 20 },
      { x: 50, y: 10 },
      { x: 100, y: 0 },
    ]);
  });

  it('keeps a padding inside the box', () => {
    // inner box 96 × 16 from (2, 2): values 2 and 4 on a 0…4 scale → y = 2 + 16 · 0.5 = 10 and 2.
    expect(sparklinePoints([2, 4], 100, 20, 2)).toEqual([
      { x: 2, y: 10 },
      { x: 98, y: 2 },
    ]);
  });

  it('scales negative values from the minimum', () => {
    expect(sparklinePoints([-10, 10], 10, 10, 0)).toEqual([
      { x: 0, y: 10 },
      { x: 10, y: 0 },
    ]);
  });

  it('lays a flat zero series on the bottom edge and centres a single point', () => {
    expect(sparklinePoints([0, 0], 10, 10, 0).map((p) => p.y)).toEqual([10, 10]);
    expect(sparklinePoints([7], 10, 10, 0)).toEqual([{ x: 5, y: 0 }]);
    expect(sparklinePoints([], 10, 10)).toEqual([]);
  });
});

describe('Sparkline', () => {
  it('draws the line through the points and labels the image', () => {
    render(<Sparkline values={[0, 5, 10]} width={104} height={24} label="Revenue rising" />);
    const svg = screen.getByRole('img', { name: 'Revenue rising' });
    expect(svg.querySelector('polyline')?.getAttribute('points')).toBe('2,22 52,12 102,2');
    expect(svg.querySelector('polygon')?.getAttribute('points')).toBe('2,22 2,22 52,12 102,2 102,22');
    const dot = svg.querySelector('circle');
    expect([dot?.getAttribute('cx'), dot?.getAttribute('cy')]).toEqual(['102', '2']);
    expect(svg.querySelector('title')?.textContent).toBe('Revenue rising');
  });

  it('draws only a dot for a single value', () => {
    render(<Sparkline values={[3]} label="One month" />);
    const svg = screen.getByTestId('sparkline');
    expect(svg.querySelector('polyline')).toBeNull();
    expect(svg.querySelectorAll('circle')).toHaveLength(1);
  });
});
