/**
 * `lens effects --snapshot before.json --marks marks.csv --orders after.csv [--window-days N] [--json]`: what
 * showing and raising each kind of talking point of an experiment's snapshot changed in later orders
 * (lib/engine/effects.ts). marks.csv: `account_id;talking_point_id;raised_at` (German or English headers);
 * after.csv: an orders export covering the windows after the snapshot. Prints a table, or with --json
 * `{"effects": [Effect, …]}` where an uplift is null when there is not enough data. Kinds whose window the orders
 * do not reach yet are warned about on stderr.
 */
import {
  coveredKinds,
  effectVerdict,
  measureEffects,
  windowEnd,
  type Effect,
  type Uplift,
} from '../../engine/effects.ts';
import { importOrders, parseMarks } from '../../engine/effects-input.ts';
import { MEASURED_KINDS } from '../../engine/model-config.ts';
import { dayNumber, isoDay } from '../../engine/patterns.ts';
import { inputError, usageError } from '../cli-error.ts';
import { progress, readSource, readText } from '../io.ts';
import { readSnapshot } from './points.ts';

export interface EffectsValues {
  snapshot?: string;
  marks?: string;
  orders?: string;
  'window-days'?: string;
  json?: boolean;
}

const points = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
const uplift = (u: Uplift | null): string =>
  u === null ? 'not enough data' : `${points(u.mean)} (${points(u.lo)} to ${points(u.hi)})`;
const VERDICT = {
  'not-enough-data': 'not enough data',
  'no-effect': 'no effect',
  positive: 'works',
  negative: 'hurts',
} as const;
const rate = (g: { n: number; converted: number }): string =>
  g.n === 0 ? '0 / 0' : `${g.converted} / ${g.n} (${Math.round((100 * g.converted) / g.n)}%)`;

/**
 * The effects as a plain-text table: counts, conversion, uplifts in percentage points with 90 % intervals.
 * @example effectsTable(effects).split('\n')[0] // => 'kind         segment  shown …'
 */
export function effectsTable(effects: readonly Effect[]): string {
  const rows = [
    ['kind', 'segment', 'shown', 'held out', 'raised', 'showing (ITT), points', 'raising, points', 'reading'],
    ...effects.map((e) => [
      e.kind,
      e.segment ?? 'all',
      rate(e.shown),
      rate(e.heldOut),
      rate(e.raised),
      uplift(e.ittUplift),
      uplift(e.raisedUplift),
      VERDICT[effectVerdict(e.raisedUplift ?? e.ittUplift)],
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const text = rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd(),
  );
  return (
    `${text.join('\n')}\n\nUplifts are differences in conversion, in percentage points, with 90 % intervals. ` +
    `"no effect": the interval includes 0.\n`
  );
}

export function runEffects(values: EffectsValues, locale: 'de' | 'en'): string {
  if (values.snapshot === undefined || values.marks === undefined || values.orders === undefined)
    throw usageError('effects needs --snapshot before.json, --marks marks.csv and --orders after.csv');
  let windowDays: number | undefined;
  if (values['window-days'] !== undefined) {
    windowDays = Number(values['window-days']);
    if (!(Number.isInteger(windowDays) && windowDays > 0 && windowDays <= 3650))
      throw usageError(`--window-days must be a whole number of days (1–3650), got "${values['window-days']}"`);
  }
  const snapshot = readSnapshot(values.snapshot);
  const marks = parseMarks(readText(values.marks, '--marks'), values.marks, locale);
  if (!marks.ok) throw inputError(`--marks ${values.marks} cannot be read:\n${marks.errors.join('\n')}`);
  const orders = importOrders(readSource(values.orders, '--orders'), locale);
  if (!orders.ok) throw inputError(`--orders ${values.orders} cannot be imported:\n${orders.errors.join('\n')}`);
  let last = '';
  for (const line of orders.value) if (line.orderDate > last) last = line.orderDate;
  const until = last === '' ? snapshot.asOf : isoDay(dayNumber(last) + 1);
  const covered = new Set(coveredKinds(snapshot.asOf, until < snapshot.asOf ? snapshot.asOf : until, windowDays));
  for (const kind of MEASURED_KINDS) {
    if (!covered.has(kind))
      progress(
        `warning: the orders end on ${last || '(no orders)'}, before the ${kind} window ends on ` +
          `${windowEnd(snapshot.asOf, kind, windowDays)}: conversions after that are missing`,
      );
  }
  const effects = measureEffects(snapshot, orders.value, marks.value, windowDays === undefined ? {} : { windowDays });
  progress(
    `snapshot of ${snapshot.asOf}: ${marks.value.length} marks, ${orders.value.length} order lines; ${effects.length} rows`,
  );
  return values.json === true ? `${JSON.stringify({ effects })}\n` : effectsTable(effects);
}
