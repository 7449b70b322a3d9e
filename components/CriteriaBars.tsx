import type { CriterionResult } from '../lib/engine/snapshot.ts';
import { criterionLabel, formatCriterionRaw, formatPoints } from './format.ts';
import { uiTexts } from './texts.ts';

export interface CriteriaBarsProps {
  criteria: readonly CriterionResult[];
  currency: string;
}

/**
 * Bar width in percent of the track for each criterion: |points| relative to the largest |points| of the account,
 * so the strongest contribution fills the track; all zero when no criterion contributes.
 * @example barWidths([{points: 20}, {points: -5}]) // => [100, 25]
 */
export function barWidths(criteria: readonly Pick<CriterionResult, 'points'>[]): number[] {
  const max = Math.max(0, ...criteria.map((c) => Math.abs(c.points)));
  return criteria.map((c) => (max > 0 ? Math.round((Math.abs(c.points) / max) * 1000) / 10 : 0));
}

/** One row per criterion: its label and raw measure, a bar of its signed contribution, and the points. */
export function CriteriaBars({ criteria, currency }: CriteriaBarsProps) {
  const tx = uiTexts();
  const widths = barWidths(criteria);
  return (
    <ul class="al-criteria" data-testid="criteria">
      {criteria.map((c, i) => {
        const label = criterionLabel(tx, c.id);
        const points = formatPoints(tx, c.points);
        const raw = formatCriterionRaw(tx, c.id, c.raw, currency);
        const tone = c.points < 0 ? 'neg' : c.points > 0 ? 'pos' : 'zero';
        return (
          <li
            key={c.id}
            class={`al-criterion al-criterion-${tone}`}
            data-testid={`criterion-${c.id}`}
            title={tx.t('criterionDetail', tx.percent(c.weight, 0), tx.percent(c.normalised, 0))}
          >
            <span class="al-criterion-text">
              <span class="al-criterion-label">{label}</span> <span class="al-criterion-raw">{raw}</span>
            </span>
            <span class="al-bar" aria-hidden="true">
              <span class="al-bar-fill" style={{ width: `${widths[i]}%` }} />
            </span>
            <span class="al-criterion-points" aria-label={tx.t('criterionPointsLabel', points)}>
              {points}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
