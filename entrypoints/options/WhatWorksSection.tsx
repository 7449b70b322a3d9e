/**
 * "What works": the success rates of talking-point kinds that outcomes taught (lib/engine/outcomes.ts), as the
 * stored snapshot carries them: from the hub's scoring, or learned here after the rep recorded an outcome.
 * Each rate comes with its credible interval, drawn as a bar, so a rate from three outcomes doesn't read as a fact.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TalkingPointKind, TalkingPointRates } from '../../lib/engine/snapshot.ts';
import { formatPercent, t, type MessageKey } from '../../lib/i18n.ts';
import { readOne } from '../../lib/store/read.ts';
import { CURRENT } from '../../lib/store/schema.ts';
import { Card } from './Card.tsx';
import { usePageStore } from './page-store.ts';

export const KIND_LABELS: Record<TalkingPointKind, MessageKey> = {
  'cross-sell': 'tpKindCrossSell',
  'reorder-due': 'tpKindReorderDue',
  'win-back': 'tpKindWinBack',
  decline: 'tpKindDecline',
  expansion: 'tpKindExpansion',
  'referral-ask': 'tpKindReferralAsk',
  'follow-up': 'tpKindFollowUp',
  competitor: 'tpKindCompetitor',
  'open-need': 'tpKindOpenNeed',
};

function RateBar({ mean, low, high }: { mean: number; low: number; high: number }) {
  return (
    <svg width="120" height="12" viewBox="0 0 120 12" aria-hidden="true" style={{ color: 'var(--al-accent)' }}>
      <rect x="0" y="5" width="120" height="2" fill="currentColor" opacity="0.25" />
      <rect
        x={low * 120}
        y="2"
        width={Math.max(1, (high - low) * 120)}
        height="8"
        rx="2"
        fill="currentColor"
        opacity="0.45"
      />
      <rect x={mean * 120 - 1} y="0" width="2" height="12" fill="currentColor" />
    </svg>
  );
}

export function WhatWorksSection() {
  const store = usePageStore();
  const meta = store.meta.value;
  const [rates, setRates] = useState<TalkingPointRates | null | undefined>(undefined);

  useEffect(() => {
    void store
      .db()
      .then((db) => readOne(db, 'snapshot', CURRENT))
      .then((stored) => setRates(stored.value?.snapshot.talkingPointRates ?? null))
      .catch(() => setRates(null));
  }, [store, meta]);

  const prior = rates?.prior ?? { alpha: 5, beta: 5 };
  const intro = t('whatWorksIntro', prior.alpha, prior.beta, formatPercent(rates?.mass ?? 0.9));
  return (
    <Card id="what-works" title={t('whatWorksTitle')} intro={intro}>
      {rates === null || rates?.rates.length === 0 ? (
        <p class="opt-intro" data-testid="what-works-none">
          {t('whatWorksNone')}
        </p>
      ) : rates === undefined ? null : (
        <div class="opt-table-wrap">
          <table class="opt-table" data-testid="what-works">
            <thead>
              <tr>
                <th scope="col">{t('whatWorksKind')}</th>
                <th scope="col">{t('whatWorksSegment')}</th>
                <th scope="col" class="opt-num">
                  {t('whatWorksOutcomes')}
                </th>
                <th scope="col" class="opt-num">
                  {t('whatWorksRate')}
                </th>
                <th scope="col">{t('whatWorksRange')}</th>
              </tr>
            </thead>
            <tbody>
              {rates.rates.map((r) => (
                <tr key={`${r.kind}|${r.segment}`} data-testid={`rate-${r.kind}-${r.segment ?? 'all'}`}>
                  <td>{t(KIND_LABELS[r.kind])}</td>
                  <td>{r.segment ?? t('whatWorksAllSegments')}</td>
                  <td class="opt-num">{t('whatWorksRatio', r.successes, r.trials)}</td>
                  <td class="opt-num">{formatPercent(r.mean)}</td>
                  <td>
                    <span style={{ display: 'inline-flex', gap: '8px', alignItems: 'center' }}>
                      <RateBar mean={r.mean} low={r.low} high={r.high} />
                      {t('whatWorksInterval', formatPercent(r.low), formatPercent(r.high))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
