/**
 * The inline SVG of a measured uplift on the review page: the 90 % interval as a band on a track from −scale to
 * +scale percentage points, a solid line at 0 (no effect) and a tick at the posterior mean; green when the whole
 * interval is above 0, red when below, grey when it holds 0. Decorative (aria-hidden): the row states the figures.
 * Presentation attributes only, so the page's CSP needs no 'unsafe-inline'.
 */
import type { Uplift } from '../../../lib/engine/effects.ts';
import { xml } from './svg.ts';

const WIDTH = 140;
const HEIGHT = 16;
const TRACK = '#cbd5e1';
const ZERO = '#334155';
const MEAN = '#0f172a';
const BAND = { positive: '#86efac', negative: '#fca5a5', none: '#cbd5e1' };

const points = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.round(Math.abs(x) * 100)}`;

/**
 * The bar of one uplift on a symmetric scale (a share, e.g. 0.5 for ±50 points), clipped to the track.
 * @example upliftBarSvg({ mean: 0.18, lo: 0.09, hi: 0.27 }, 0.5) // => '<svg …><title>Uplift +18 points, 90 % interval +9 to +27</title>…'
 */
export function upliftBarSvg(uplift: Uplift, scale: number): string {
  const at = (x: number): number => Math.min(WIDTH, Math.max(0, ((x + scale) / (2 * scale)) * WIDTH));
  const colour = uplift.lo > 0 ? BAND.positive : uplift.hi < 0 ? BAND.negative : BAND.none;
  const title = `Uplift ${points(uplift.mean)} points, 90 % interval ${points(uplift.lo)} to ${points(uplift.hi)}`;
  const lo = at(uplift.lo);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="uplift-bar" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true" focusable="false">` +
    `<title>${xml(title)}</title>` +
    `<rect x="0" y="7" width="${WIDTH}" height="2" rx="1" fill="${TRACK}"/>` +
    `<rect x="${lo.toFixed(1)}" y="3" width="${Math.max(1, at(uplift.hi) - lo).toFixed(1)}" height="10" rx="3" fill="${colour}"/>` +
    `<line x1="${at(0).toFixed(1)}" x2="${at(0).toFixed(1)}" y1="0" y2="${HEIGHT}" stroke="${ZERO}"/>` +
    `<rect x="${(at(uplift.mean) - 1).toFixed(1)}" y="1" width="2" height="14" fill="${MEAN}"/>` +
    `</svg>`
  );
}
