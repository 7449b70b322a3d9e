import type { Insight } from '../lib/engine/insight.ts';
import { insightTypeLabel, sentimentLabel } from './format.ts';
import { uiTexts } from './texts.ts';

export interface InsightListProps {
  insights: readonly Insight[];
  /** YYYY-MM-DD: open follow-ups before it are flagged overdue. */
  today: string;
  /** Account names by id, to say whose insight it is; omit in a single account's list. */
  accountNames?: Readonly<Record<string, string>>;
  /** Makes each title a button (e.g. to edit the insight). */
  onSelect?: (insight: Insight) => void;
  /** Characters of the body shown. */
  excerptLength?: number;
}

/** The first `max` characters of a text, cut at a word boundary where there is one, with "…" when shortened. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Insights that are not deleted, newest first (by creation, then id). */
export function timeline(insights: readonly Insight[]): Insight[] {
  return insights
    .filter((i) => i.deletedAt === null)
    .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
}

export function InsightList({ insights, today, accountNames, onSelect, excerptLength = 160 }: InsightListProps) {
  const tx = uiTexts();
  const items = timeline(insights);
  if (items.length === 0)
    return (
      <p class="al-muted" data-testid="insight-list-empty">
        {tx.t('insightsNone')}
      </p>
    );
  return (
    <ol class="al-timeline" data-testid="insight-list">
      {items.map((i) => {
        const overdue = i.status === 'open' && i.followUpAt !== null && i.followUpAt < today;
        return (
          <li key={i.id} class="al-timeline-item" data-testid={`insight-${i.id}`}>
            <div class="al-timeline-meta">
              <span class={`al-type al-type-${i.type}`}>{insightTypeLabel(tx, i.type)}</span>
              <time dateTime={i.createdAt}>{tx.date(i.createdAt)}</time>
              {i.sentiment !== 0 && (
                <span class={`al-sentiment ${i.sentiment < 0 ? 'al-neg' : 'al-pos'}`} data-testid="sentiment">
                  {tx.t(
                    'insightSentiment',
                    tx.number(i.sentiment, { signDisplay: 'exceptZero' }),
                    sentimentLabel(tx, i.sentiment),
                  )}
                </span>
              )}
              {i.status !== 'open' && (
                <span class="al-flag">{tx.t(i.status === 'done' ? 'insightStatusDone' : 'insightStatusArchived')}</span>
              )}
              {i.visibility === 'private' && <span class="al-flag">{tx.t('formVisibilityPrivate')}</span>}
            </div>
            {onSelect ? (
              <button type="button" class="al-link al-timeline-title" onClick={() => onSelect(i)}>
                {i.title}
              </button>
            ) : (
              <p class="al-timeline-title">{i.title}</p>
            )}
            {accountNames && (
              <p class="al-muted" data-testid="account">
                {i.accountId === null ? tx.t('formUnassigned') : (accountNames[i.accountId] ?? i.accountId)}
              </p>
            )}
            {i.body !== '' && <p class="al-timeline-body">{excerpt(i.body, excerptLength)}</p>}
            {i.followUpAt !== null && (
              <p class={overdue ? 'al-neg' : 'al-muted'} data-testid="follow-up">
                {tx.t(overdue ? 'insightFollowUpOverdue' : 'insightFollowUp', tx.date(i.followUpAt))}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
