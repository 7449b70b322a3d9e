/**
 * The meeting brief on screen and on paper (components/brief.css: A4, no buttons in print). The content is
 * `briefContent`'s selection; the copy buttons hand out `briefToMarkdown` / `briefToText` in the UI language.
 */
import { useState } from 'preact/hooks';
import type { Insight } from '../lib/engine/insight.ts';
import type { Contact, ScoredAccount } from '../lib/engine/snapshot.ts';
import { ClvFacts, PatternFacts } from './AccountCard.tsx';
import { briefContent, briefToMarkdown, briefToText, crossSellReason, followUpWhen } from './brief-format.ts';
import { CriteriaBars } from './CriteriaBars.tsx';
import { insightTypeLabel, pick } from './format.ts';
import { uiTexts } from './texts.ts';

export interface MeetingBriefProps {
  account: ScoredAccount;
  insights: readonly Insight[];
  contacts: readonly Contact[];
  /** YYYY-MM-DD the brief is for. */
  today: string;
  currency?: string;
  /** Writes to the clipboard; navigator.clipboard by default. */
  copy?: (text: string) => Promise<void>;
  /** Opens the print dialog; window.print by default. */
  print?: () => void;
}

type CopyState = { kind: 'idle' } | { kind: 'copied'; format: 'markdown' | 'text' } | { kind: 'failed'; error: string };

export function MeetingBrief(props: MeetingBriefProps) {
  const { account, insights, contacts, today, currency = 'EUR' } = props;
  const tx = uiTexts();
  const [copyState, setCopyState] = useState<CopyState>({ kind: 'idle' });
  const c = briefContent(account, insights, contacts, { today, currency });
  const copy = props.copy ?? ((text: string) => navigator.clipboard.writeText(text));

  const copyAs = async (format: 'markdown' | 'text') => {
    const write = format === 'markdown' ? briefToMarkdown : briefToText;
    try {
      await copy(write(account, insights, contacts, tx.lang, { today, currency }));
      setCopyState({ kind: 'copied', format });
    } catch (error) {
      setCopyState({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <article class="al-brief" data-testid="meeting-brief">
      <header class="al-brief-head">
        <div>
          <h1>{tx.t('briefTitle', account.name)}</h1>
          <p class="al-muted" data-testid="brief-subtitle">
            {tx.t('briefSubtitle', tx.date(today), account.segment, Math.round(account.valueScore))}
          </p>
        </div>
        <div class="al-row al-no-print">
          <button
            type="button"
            class="al-button"
            data-testid="brief-print"
            onClick={() => (props.print ?? window.print)()}
          >
            {tx.t('briefPrint')}
          </button>
          <button
            type="button"
            class="al-button"
            data-testid="brief-copy-markdown"
            onClick={() => void copyAs('markdown')}
          >
            {tx.t('briefCopyMarkdown')}
          </button>
          <button type="button" class="al-button" data-testid="brief-copy-text" onClick={() => void copyAs('text')}>
            {tx.t('briefCopyText')}
          </button>
          <p role="status" class="al-form-status" data-testid="brief-copy-status">
            {copyState.kind === 'copied' && <span class="al-pos">{tx.t('briefCopied')}</span>}
            {copyState.kind === 'failed' && <span class="al-error">{tx.t('briefCopyFailed', copyState.error)}</span>}
          </p>
        </div>
      </header>

      <div class="al-brief-grid">
        <section class="al-brief-section">
          <h2>{tx.t('briefScoreTitle')}</h2>
          <CriteriaBars criteria={c.criteria} currency={currency} />
        </section>
        <section class="al-brief-section">
          <h2>{tx.t('clvTitle')}</h2>
          <ClvFacts tx={tx} clv={account.clv} currency={currency} />
          <h2>{tx.t('patternsTitle')}</h2>
          <PatternFacts tx={tx} patterns={account.patterns} currency={currency} maxProducts={5} />
        </section>
      </div>

      <section class="al-brief-section">
        <h2>{tx.t('talkingPointsTitle')}</h2>
        {c.talkingPoints.length === 0 ? (
          <p class="al-muted">{tx.t('talkingPointsNone')}</p>
        ) : (
          <ol class="al-points" data-testid="brief-talking-points">
            {c.talkingPoints.map((tp) => (
              <li key={tp.id} class="al-point">
                <p class="al-point-title">{pick(tx, tp.title)}</p>
                <p class="al-point-why">{pick(tx, tp.why)}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      {c.crossSell.length > 0 && (
        <section class="al-brief-section">
          <h2>{tx.t('briefCrossSellTitle')}</h2>
          <ul class="al-brief-list" data-testid="brief-cross-sell">
            {c.crossSell.map((x) => (
              <li key={x.sku}>
                <strong>{x.name}</strong> <span class="al-muted">{x.sku}</span>: {crossSellReason(tx, x, account)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div class="al-brief-grid">
        <section class="al-brief-section">
          <h2>{tx.t('briefNeedsTitle')}</h2>
          {c.openNeeds.length === 0 ? (
            <p class="al-muted">{tx.t('briefNone')}</p>
          ) : (
            <ul class="al-brief-list" data-testid="brief-needs">
              {c.openNeeds.map((i) => (
                <li key={i.id}>
                  <strong>{i.title}</strong>{' '}
                  <span class="al-muted">{tx.t('briefNoted', tx.date(i.createdAt), i.author)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="al-brief-section">
          <h2>{tx.t('briefFollowUpsTitle')}</h2>
          {c.followUps.length === 0 ? (
            <p class="al-muted">{tx.t('briefNone')}</p>
          ) : (
            <ul class="al-brief-list" data-testid="brief-follow-ups">
              {c.followUps.map((i) => (
                <li key={i.id} class={i.followUpAt! < today ? 'al-neg' : undefined}>
                  <strong>{i.title}</strong> {followUpWhen(tx, i.followUpAt!, today)}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <div class="al-brief-grid">
        <section class="al-brief-section">
          <h2>{tx.t('insightsLatestTitle')}</h2>
          {c.latest.length === 0 ? (
            <p class="al-muted">{tx.t('insightsNone')}</p>
          ) : (
            <ul class="al-brief-list" data-testid="brief-latest">
              {c.latest.map((i) => (
                <li key={i.id}>
                  <span class={`al-type al-type-${i.type}`}>{insightTypeLabel(tx, i.type)}</span>{' '}
                  <strong>{i.title}</strong> <span class="al-muted">{tx.date(i.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="al-brief-section">
          <h2>{tx.t('briefContactsTitle')}</h2>
          {c.contacts.length === 0 ? (
            <p class="al-muted">{tx.t('briefNoContacts')}</p>
          ) : (
            <ul class="al-brief-list" data-testid="brief-contacts">
              {c.contacts.map((ct) => (
                <li key={ct.email}>
                  <strong>{ct.name}</strong>
                  {ct.role && <span>, {ct.role}</span>} <a href={`mailto:${ct.email}`}>{ct.email}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </article>
  );
}
