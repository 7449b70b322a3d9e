import type { TalkingPoint } from '../lib/engine/snapshot.ts';
import type { MessageKey } from '../lib/i18n.ts';
import { pick } from './format.ts';
import { uiTexts } from './texts.ts';
import { TALKING_POINT_MARKS, type TalkingPointMark } from './types.ts';

export interface TalkingPointsProps {
  points: readonly TalkingPoint[];
  /** How many to show, highest priority first. */
  limit: number;
  marks?: Readonly<Record<string, TalkingPointMark>>;
  /** A mark, or null when the rep takes the mark back by pressing it again. */
  onMark: (talkingPointId: string, mark: TalkingPointMark | null) => void;
}

const MARK_KEYS: Record<TalkingPointMark, MessageKey> = {
  used: 'markUsed',
  'not-relevant': 'markNotRelevant',
  done: 'markDone',
};

/** The highest-priority points first (stable for equal priority). */
export function topTalkingPoints(points: readonly TalkingPoint[], limit: number): TalkingPoint[] {
  return [...points].sort((a, b) => b.priority - a.priority).slice(0, limit);
}

export function TalkingPoints({ points, limit, marks = {}, onMark }: TalkingPointsProps) {
  const tx = uiTexts();
  const shown = topTalkingPoints(points, limit);
  if (shown.length === 0)
    return (
      <p class="al-muted" data-testid="talking-points-empty">
        {tx.t('talkingPointsNone')}
      </p>
    );
  return (
    <ol class="al-points" data-testid="talking-points">
      {shown.map((p) => {
        const mark = marks[p.id];
        const title = pick(tx, p.title);
        return (
          <li key={p.id} class={`al-point${mark ? ` al-marked-${mark}` : ''}`} data-testid={`talking-point-${p.id}`}>
            <p class="al-point-title">{title}</p>
            <p class="al-point-why">{pick(tx, p.why)}</p>
            {p.basis && <p class="al-point-basis al-muted">{pick(tx, p.basis)}</p>}
            <div class="al-point-marks" role="group" aria-label={tx.t('markGroupLabel', title)}>
              {TALKING_POINT_MARKS.map((m) => (
                <button
                  key={m}
                  type="button"
                  class="al-chip"
                  aria-pressed={mark === m}
                  data-testid={`mark-${m}`}
                  onClick={() => onMark(p.id, mark === m ? null : m)}
                >
                  {tx.t(MARK_KEYS[m])}
                </button>
              ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
