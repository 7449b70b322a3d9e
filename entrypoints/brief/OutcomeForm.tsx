/**
 * "After the meeting": the talking points with their marks, and the outcome form. The talking points used are
 * those marked "used", unless the rep ticks or unticks them here. Saving stores an `outcome` insight, lets the
 * background learn from all outcomes (entrypoints/background/brief.ts) and reloads the brief in its new order.
 */
import { useId, useState } from 'preact/hooks';
import { outcomeLabel, pick } from '../../components/format.ts';
import { TalkingPoints } from '../../components/TalkingPoints.tsx';
import { uiTexts } from '../../components/texts.ts';
import type { TalkingPointMark } from '../../components/types.ts';
import { OUTCOMES } from '../../lib/engine/insight.ts';
import { sendMessage } from '../../lib/messaging.ts';
import type { LearnAnswer } from '../background/brief.ts';
import type { BriefData, BriefOrigin } from './brief-data.ts';
import { outcomeInput, type Outcome } from './outcome-input.ts';

export interface OutcomeFormProps {
  data: BriefData;
  from: BriefOrigin;
  /** Called after a mark or an outcome was saved, to read the account again. */
  onChanged: () => void;
}

type Status =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; changed: number } | { kind: 'error'; text: string };

export function OutcomeForm({ data, from, onChanged }: OutcomeFormProps) {
  const tx = uiTexts();
  const id = useId();
  const { account, marks } = data;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  /** The rep's ticks that differ from the marks, by talking point id. */
  const [ticks, setTicks] = useState<Record<string, boolean>>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const used = (pointId: string) => ticks[pointId] ?? marks[pointId] === 'used';

  const mark = (talkingPointId: string, value: TalkingPointMark | null) =>
    void sendMessage('feedback.mark', { accountId: account.id, talkingPointId, mark: value })
      .then(onChanged)
      .catch((e: unknown) => setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) }));

  const save = async (event: Event) => {
    event.preventDefault();
    if (outcome === null) {
      setStatus({ kind: 'error', text: tx.t('outcomeChoose') });
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      const draft = { outcome, title, body, used: account.talkingPoints.map((p) => p.id).filter(used) };
      const input = outcomeInput(account.id, draft, from, outcomeLabel(tx, outcome));
      // Saving an outcome also re-learns the ranking (background/insights.ts).
      const { learned } = await sendMessage<'insight.save', { learned: LearnAnswer | null }>('insight.save', { input });
      setOutcome(null);
      setTitle('');
      setBody('');
      setTicks({});
      setStatus({ kind: 'saved', changed: learned?.changed ?? 0 });
      onChanged();
    } catch (e) {
      setStatus({ kind: 'error', text: tx.t('outcomeSaveFailed', e instanceof Error ? e.message : String(e)) });
    }
  };

  return (
    <section class="al-brief-after al-no-print" aria-labelledby={`${id}-title`} data-testid="brief-after">
      <h2 id={`${id}-title`}>{tx.t('briefAfterTitle')}</h2>
      <p class="al-muted">{tx.t('briefAfterIntro')}</p>
      <TalkingPoints points={account.talkingPoints} limit={account.talkingPoints.length} marks={marks} onMark={mark} />
      <form class="al-outcome-form" data-testid="outcome-form" onSubmit={(e) => void save(e)}>
        <fieldset class="al-outcome-choices">
          <legend>{tx.t('outcomeLegend')}</legend>
          {OUTCOMES.map((o) => (
            <label key={o} class="al-chip-choice">
              <input
                type="radio"
                name={`${id}-outcome`}
                value={o}
                checked={outcome === o}
                data-testid={`outcome-${o}`}
                onChange={() => setOutcome(o)}
              />
              <span>{outcomeLabel(tx, o)}</span>
            </label>
          ))}
        </fieldset>
        {account.talkingPoints.length > 0 && (
          <fieldset class="al-outcome-points" data-testid="outcome-points">
            <legend>{tx.t('outcomePointsLegend')}</legend>
            {account.talkingPoints.map((p) => (
              <label key={p.id} class="al-check">
                <input
                  type="checkbox"
                  checked={used(p.id)}
                  data-testid={`outcome-point-${p.id}`}
                  onChange={(e) => setTicks({ ...ticks, [p.id]: (e.target as HTMLInputElement).checked })}
                />
                <span>{pick(tx, p.title)}</span>
              </label>
            ))}
          </fieldset>
        )}
        <label class="al-label" for={`${id}-what`}>
          {tx.t('outcomeTitleLabel')}
        </label>
        <input
          id={`${id}-what`}
          class="al-input"
          maxLength={200}
          value={title}
          data-testid="outcome-title"
          onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
        />
        <label class="al-label" for={`${id}-body`}>
          {tx.t('outcomeBodyLabel')}
        </label>
        <textarea
          id={`${id}-body`}
          class="al-input"
          rows={3}
          value={body}
          data-testid="outcome-body"
          onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
        />
        <div class="al-row">
          <button
            type="submit"
            class="al-button al-primary"
            data-testid="outcome-save"
            disabled={status.kind === 'saving'}
          >
            {status.kind === 'saving' ? tx.t('outcomeSaving') : tx.t('outcomeSave')}
          </button>
          <p role="status" class="al-form-status" data-testid="outcome-status">
            {status.kind === 'saved' && <span class="al-pos">{tx.t('outcomeSaved', status.changed)}</span>}
            {status.kind === 'error' && <span class="al-error">{status.text}</span>}
          </p>
        </div>
      </form>
    </section>
  );
}
