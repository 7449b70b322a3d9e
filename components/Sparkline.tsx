/**
 * A number series as a small inline SVG line (no chart library: it is bundled into the content script). The SVG is
 * one image to assistive technology, labelled with a sentence that says what the line shows.
 */
export interface SparklinePoint {
  x: number;
  y: number;
}

/**
 * Maps values to SVG coordinates inside a width × height box with `pad` pixels of margin: x evenly spaced, y from
 * the series' minimum (bottom; at most 0, so revenue lines stand on zero) to its maximum (top). A flat series
 * lies on the bottom edge. O(n).
 * @example sparklinePoints([0, 10], 100, 20, 0) // => [{x: 0, y: 20}, {x: 100, y: 0}]
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 2): SparklinePoint[] {
  if (values.length === 0) return [];
  const min = Math.min(0, ...values);
  const max = Math.max(...values);
  const span = max - min;
  const innerW = width - 2 * pad;
  const innerH = height - 2 * pad;
  const step = values.length > 1 ? innerW / (values.length - 1) : 0;
  return values.map((v, i) => ({
    x: round(pad + (values.length > 1 ? i * step : innerW / 2)),
    y: round(pad + (span > 0 ? (1 - (v - min) / span) * innerH : innerH)),
  }));
}

const round = (x: number): number => Math.round(x * 100) / 100;

export interface SparklineProps {
  values: readonly number[];
  /** The sentence read to screen readers, e.g. from `revenueSparklineLabel`. */
  label: string;
  width?: number;
  height?: number;
  testId?: string;
}

export function Sparkline({ values, label, width = 120, height = 28, testId = 'sparkline' }: SparklineProps) {
  const points = sparklinePoints(values, width, height);
  const line = points.map((p) => `${p.x},${p.y}`).join(' ');
  const last = points.at(-1);
  const bottom = height - 2;
  const area = points.length > 1 ? `${points[0]!.x},${bottom} ${line} ${last!.x},${bottom}` : '';
  return (
    <svg
      class="al-sparkline"
      data-testid={testId}
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <title>{label}</title>
      {area && <polygon class="al-sparkline-area" points={area} />}
      {points.length > 1 && <polyline class="al-sparkline-line" points={line} fill="none" />}
      {last && <circle class="al-sparkline-dot" cx={last.x} cy={last.y} r={2} />}
    </svg>
  );
}
