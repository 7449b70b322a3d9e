import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { Insight } from '../lib/engine/insight.ts';
import type { Patterns, ScoredAccount } from '../lib/engine/snapshot.ts';
import { CriteriaBars } from './CriteriaBars.tsx';
import { formatChange, formatDays, insightTypeLabel, revenueSeriesLabel } from './format.ts';
import { MatchCorrection } from './MatchCorrection.tsx';
import { Sparkline } from './Sparkline.tsx';
import { TalkingPoints } from './TalkingPoints.tsx';
import { uiTexts, type Texts } from './texts.ts';
import type { AccountCardActions, AccountOption, AccountView } from './types.ts';

export interface AccountCardProps extends AccountCardActions {
  view: AccountView;
  /** Other accounts the page may be about, for "not this account?". */
  candidates?: readonly AccountOption[];
  currency?: string;
  /** Talking points and insights shown; the card is meant to be glanced at. */
  maxTalkingPoints?: number;
  maxInsights?: number;
}

/** The newest insights that are not deleted, newest first. */
export function latestInsights(insights: readonly Insight[], limit: number): Insight[] {
  return insights
    .filter((i) => i.deletedAt === null)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .slice(0, limit);
}

/** Everything the overlay knows about one matched account, most actionable first. */
export function AccountCard(props: AccountCardProps) {
  const { view, candidates = [], currency = 'EUR', maxTalkingPoints = 3, maxInsights = 3 } = props;
  const { account } = view;
  const tx = uiTexts();
  const headingId = useId();
  const score = Math.round(account.valueScore);
  const subtitle = [account.industry, account.region].filter(Boolean).join(' · ');
  return (
    <article class="al-account" data-testid="account-card" aria-labelledby={headingId}>
      <header class="al-account-head">
        <span
          class={`al-segment al-seg-${account.segment}`}
          data-testid="segment"
          title={tx.t('segmentLabel', account.segment)}
          aria-label={tx.t('segmentLabel', account.segment)}
        >
          {account.segment}
        </span>
        <div class="al-account-name">
          <h2 id={headingId} data-testid="account-name">
            {account.name}
          </h2>
          {subtitle && <p class="al-muted">{subtitle}</p>}
        </div>
        <p class="al-score" data-testid="value-score" aria-label={tx.t('valueScoreLabel', score)}>
          <strong>{score}</strong>
          <span class="al-muted">/100</span>
        </p>
      </header>
      <div class="al-match" data-testid="match">
        <span data-testid="match-confidence">
          {view.matchedBy
            ? tx.t('matchConfidenceVia', tx.percent(view.confidence), view.matchedBy)
            : tx.t('matchConfidence', tx.percent(view.confidence))}
        </span>
        <MatchCorrection
          currentId={account.id}
          candidates={candidates}
          onCorrect={props.onCorrect}
          onSearch={props.onSearch}
        />
      </div>

      <Section title={tx.t('talkingPointsTitle')}>
        <TalkingPoints
          points={account.talkingPoints}
          limit={maxTalkingPoints}
          marks={view.marks}
          onMark={(pointId, mark) => props.onMark(account.id, pointId, mark)}
        />
      </Section>

      <Section title={tx.t('clvTitle')}>
        <ClvFacts tx={tx} clv={account.clv} currency={currency} />
      </Section>

      <Section title={tx.t('patternsTitle')}>
        <PatternFacts tx={tx} patterns={account.patterns} currency={currency} />
      </Section>

      <details class="al-details" data-testid="score-breakdown">
        <summary>{tx.t('scoreWhy', score)}</summary>
        <CriteriaBars criteria={account.criteria} currency={currency} />
      </details>

      <Section title={tx.t('insightsLatestTitle')}>
        <InsightLines tx={tx} insights={latestInsights(view.insights, maxInsights)} />
      </Section>

      <footer class="al-row al-actions">
        <button
          type="button"
          class="al-button al-primary"
          data-testid="log-insight"
          onClick={() => props.onLogInsight(account.id)}
        >
          {tx.t('logInsight')}
        </button>
        {props.onOpenBrief && (
          <button
            type="button"
            class="al-button"
            data-testid="open-brief"
            onClick={() => props.onOpenBrief?.(account.id)}
          >
            {tx.t('openBrief')}
          </button>
        )}
      </footer>
    </article>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  const id = useId();
  return (
    <section class="al-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

export interface ClvFactsProps {
  tx: Texts;
  clv: ScoredAccount['clv'];
  currency: string;
}

export function ClvFacts({ tx, clv, currency }: ClvFactsProps) {
  return (
    <dl class="al-facts" data-testid="clv">
      <div>
        <dt>{tx.t('clvAlive')}</dt>
        <dd data-testid="clv-alive">{tx.percent(clv.pAlive)}</dd>
      </div>
      <div>
        <dt>{tx.t('clvRevenue12m')}</dt>
        <dd data-testid="clv-revenue">{tx.currency(clv.expectedRevenue12m, currency)}</dd>
      </div>
      <div>
        <dt>{tx.t('clvOrders12m')}</dt>
        <dd data-testid="clv-orders">{tx.number(clv.expectedOrders12m, { maximumFractionDigits: 1 })}</dd>
      </div>
    </dl>
  );
}

export interface PatternFactsProps {
  tx: Texts;
  patterns: Patterns;
  currency: string;
  /** Top products listed. */
  maxProducts?: number;
}

export function PatternFacts({ tx, patterns: p, currency, maxProducts = 3 }: PatternFactsProps) {
  if (p.lastOrderDate === null)
    return (
      <p class="al-muted" data-testid="patterns-empty">
        {tx.t('patternsNoOrders')}
      </p>
    );
  const values = p.monthly.map((m) => m.revenue);
  return (
    <div class="al-patterns" data-testid="patterns">
      <div class="al-trend">
        {values.length > 1 && <Sparkline values={values} label={revenueSeriesLabel(tx, p.monthly, currency)} />}
        <p>
          <span data-testid="revenue-12m">{tx.t('patternsRevenue12m', tx.currency(p.revenue12m, currency))}</span>
          {p.trend !== null && (
            <span class={`al-change ${p.trend < 0 ? 'al-neg' : 'al-pos'}`} data-testid="trend">
              {tx.t('patternsTrend', formatChange(tx, p.trend))}
            </span>
          )}
        </p>
      </div>
      <dl class="al-facts">
        {p.medianIntervalDays !== null && (
          <div>
            <dt>{tx.t('patternsInterval')}</dt>
            <dd data-testid="interval">{tx.t('patternsEvery', formatDays(tx, p.medianIntervalDays))}</dd>
          </div>
        )}
        <div>
          <dt>{tx.t('patternsLastOrder')}</dt>
          <dd data-testid="last-order">{tx.date(p.lastOrderDate)}</dd>
        </div>
        {p.nextOrderExpected !== null && (
          <div>
            <dt>{tx.t('patternsNextOrder')}</dt>
            <dd data-testid="next-order">
              {tx.date(p.nextOrderExpected)}
              {p.overdue && (
                <span class="al-flag al-neg" data-testid="overdue">
                  {tx.t('patternsOverdue')}
                </span>
              )}
            </dd>
          </div>
        )}
      </dl>
      {p.topProducts.length > 0 && (
        <ul class="al-products" data-testid="top-products" aria-label={tx.t('patternsTopProducts')}>
          {p.topProducts.slice(0, maxProducts).map((prod) => (
            <li key={prod.sku}>
              <span class="al-product-name" title={prod.sku}>
                {prod.name}
              </span>
              <span class="al-share">
                <span class="al-share-fill" style={{ width: `${Math.round(prod.share * 100)}%` }} aria-hidden="true" />
              </span>
              <span class="al-muted">{tx.percent(prod.share)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function InsightLines({ tx, insights }: { tx: Texts; insights: readonly Insight[] }) {
  if (insights.length === 0)
    return (
      <p class="al-muted" data-testid="insights-empty">
        {tx.t('insightsNone')}
      </p>
    );
  return (
    <ul class="al-insight-lines" data-testid="latest-insights">
      {insights.map((i) => (
        <li key={i.id} data-testid={`insight-${i.id}`}>
          <span class={`al-type al-type-${i.type}`}>{insightTypeLabel(tx, i.type)}</span>
          <span class="al-insight-title">{i.title}</span>
          <time class="al-muted" dateTime={i.createdAt}>
            {tx.date(i.createdAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}
