/**
 * The small inline SVG of the review page's "What works" table: a success rate's credible interval as a band on a
 * 0–100 % track, a tick at the posterior mean and a dashed mark at the prior mean, so that a rate from three
 * outcomes reads as the wide guess it is. Decorative (aria-hidden): the row states the same figures as text.
 * Presentation attributes only, like the charts, so the page's CSP needs no 'unsafe-inline'.
 */
import type { TalkingPointRate } from '../../../lib/engine/snapshot.ts';
import { xml } from './svg.ts';

const WIDTH = 160;
const HEIGHT = 16;
const TRACK = '#cbd5e1';
const BAND = '#93c5fd';
const MEAN = '#1d4ed8';
const PRIOR = '#64748b';

const percent = (x: number): string => `${Math.round(x * 100)}%`;
const at = (x: number): string => (x * WIDTH).toFixed(1);

/**
 * The interval bar of one rate; `priorMean` (α0 / (α0 + β0)) is where every rate starts.
 * @example rateBarSvg({ mean: 0.6154, low: 0.3909, high: 0.819 }, 0.5) // => '<svg …><title>Credible interval 39%–82%, rate 62%</title>…<rect x="62.5" y="3" width="68.5" …'
 */
export function rateBarSvg(rate: Pick<TalkingPointRate, 'mean' | 'low' | 'high'>, priorMean: number): string {
  const band = Math.max(1, (rate.high - rate.low) * WIDTH);
  const title = `Credible interval ${percent(rate.low)}–${percent(rate.high)}, rate ${percent(rate.mean)}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="rate-bar" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true" focusable="false">` +
    `<title>${xml(title)}</title>` +
    `<rect x="0" y="7" width="${WIDTH}" height="2" rx="1" fill="${TRACK}"/>` +
    `<line x1="${at(priorMean)}" x2="${at(priorMean)}" y1="1" y2="15" stroke="${PRIOR}" stroke-dasharray="2 2"/>` +
    `<rect x="${at(rate.low)}" y="3" width="${band.toFixed(1)}" height="10" rx="3" fill="${BAND}" fill-opacity="0.8"/>` +
    `<rect x="${(rate.mean * WIDTH - 1).toFixed(1)}" y="0" width="2" height="${HEIGHT}" fill="${MEAN}"/>` +
    `</svg>`
  );
}
