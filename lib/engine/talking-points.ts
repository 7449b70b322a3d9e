/**
 * Talking points: what a rep could raise with an account today, ranked, each with the evidence in numbers.
 *
 * | kind         | when                                                                   | priority (0…1)                          |
 * |--------------|------------------------------------------------------------------------|-----------------------------------------|
 * | follow-up    | an open note's follow-up date is on or before asOf (up to 3)           | 0.85 + 0.01 per day overdue, ≤ 0.95     |
 * | competitor   | an open competitor note (up to 2)                                      | 0.6 + 0.3 × note strength               |
 * | win-back     | no order for 3 × the usual interval, or P(alive) < 0.3                 | 0.5 + 0.4 × (1 − P(alive))              |
 * | reorder-due  | otherwise, the next order is expected within 14 days or already late   | 0.75 when overdue, else 0.6             |
 * | expansion    | an open expansion or budget note (up to 2)                             | 0.55 + 0.3 × note strength              |
 * | decline      | last 12 months' revenue at least 20 % below the 12 months before        | 0.5 + half the decline, ≤ 0.9           |
 * | open-need    | an open need note (up to 2)                                            | 0.5 + 0.3 × note strength               |
 * | referral-ask | segment A, mean note sentiment ≥ +0.5, no referral note in 365 days    | 0.45 + 0.05 × sentiment                 |
 * | cross-sell   | the account's top 3 cross-sell gaps                                    | 0.35 + 0.15 × (lift − 1) / 4 (≤ 0.15) + 0.3 × confidence × antecedent share |
 *
 * Note strength halves every model.insightHalfLifeDays. With learned rates (ctx.rates), each priority is re-ranked
 * by what outcomes taught about its kind in the account's segment (outcomes.ts), and with measured effects
 * (ctx.effects) by the effect of raising it on orders where that is known (effects-rank.ts). The list is sorted by priority
 * (then kind, then id) and cut at model.talkingPoints.max. Ids are stable: the kind plus its subject (SKUs, an
 * insight id, or the account).
 */
import type { InsightSignals, WeightedInsight } from './insight-signals.ts';
import { localize, type MessageArg } from './messages/index.ts';
import type { ModelConfig } from './model-config.ts';
import { compareTalkingPoints } from './outcomes.ts';
import { dayNumber } from './patterns.ts';
import type {
  CrossSell,
  Patterns,
  ScoredAccount,
  Segment,
  TalkingPoint,
  TalkingPointEffects,
  TalkingPointRates,
} from './snapshot.ts';
import { rankByEvidence } from './effects-rank.ts';

const WIN_BACK_P_ALIVE = 0.3;
const BROKEN_RHYTHM_FACTOR = 3;
const DUE_SOON_DAYS = 14;
const DECLINE_TREND = -0.2;
const REFERRAL_SENTIMENT = 0.5;
const REFERRAL_LOOKBACK_DAYS = 365;
const MAX_CROSS_SELL = 3;
const MAX_PER_NOTE_KIND = 2;
const MAX_FOLLOW_UPS = 3;

export interface TalkingPointContext {
  /** YYYY-MM-DD, exclusive: the day the points are for. */
  asOf: string;
  currency: string;
  model: Pick<ModelConfig, 'talkingPoints'>;
  valueScore: number;
  segment: Segment;
  clv: ScoredAccount['clv'];
  patterns: Patterns;
  crossSell: readonly CrossSell[];
  signals: InsightSignals;
  productName: (sku: string) => string;
  /** What outcomes taught about kinds (lib/engine/outcomes.ts); ranks the points before the cut when given. */
  rates?: TalkingPointRates | undefined;
  /** Effects measured on orders (lib/engine/effects.ts); rank their kinds instead of the rates (effects-rank.ts). */
  effects?: TalkingPointEffects | undefined;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

function point(
  kind: TalkingPoint['kind'],
  subject: string,
  priority: number,
  title: TalkingPoint['title'],
  why: TalkingPoint['why'],
  extra: Pick<TalkingPoint, 'skus' | 'insightIds'> = {},
): TalkingPoint {
  return { id: `${kind}:${subject}`, kind, title, why, ...extra, priority: round4(Math.min(1, Math.max(0, priority))) };
}

function notePoint(
  kind: 'competitor' | 'expansion' | 'open-need',
  w: WeightedInsight,
  priority: number,
  revenue: MessageArg,
): TalkingPoint {
  const { insight } = w;
  const created: MessageArg = { date: insight.createdAt.slice(0, 10) };
  const key = kind === 'open-need' ? 'tp_open_need' : kind === 'competitor' ? 'tp_competitor' : 'tp_expansion';
  const fourth = kind === 'open-need' ? { int: w.ageDays } : revenue;
  return point(
    kind,
    insight.id,
    priority,
    localize(`${key}_title`, [insight.title]),
    localize(`${key}_why`, [insight.author, created, insight.title, fourth]),
    { insightIds: [insight.id], ...(insight.products.length > 0 ? { skus: [...insight.products] } : {}) },
  );
}

function rhythmPoint(ctx: TalkingPointContext, asOfDay: number): TalkingPoint | null {
  const p = ctx.patterns;
  if (p.lastOrderDate === null) return null;
  const daysSince = asOfDay - dayNumber(p.lastOrderDate);
  const last: MessageArg = { date: p.lastOrderDate };
  const pAlive = ctx.clv.pAlive;
  const median = p.medianIntervalDays;
  if (median !== null && daysSince > BROKEN_RHYTHM_FACTOR * median) {
    return point(
      'win-back',
      'account',
      0.5 + 0.4 * (1 - pAlive),
      localize('tp_win_back_title'),
      localize('tp_win_back_why_rhythm', [{ int: median }, { int: daysSince }, last, { percent: pAlive }]),
    );
  }
  if (pAlive < WIN_BACK_P_ALIVE) {
    return point(
      'win-back',
      'account',
      0.5 + 0.4 * (1 - pAlive),
      localize('tp_win_back_title'),
      localize('tp_win_back_why_alive', [{ percent: pAlive }, { int: p.ordersTotal ?? 0 }, { int: daysSince }, last]),
    );
  }
  if (median === null || p.nextOrderExpected === null) return null;
  if (dayNumber(p.nextOrderExpected) - asOfDay > DUE_SOON_DAYS) return null;
  return point(
    'reorder-due',
    'account',
    p.overdue ? 0.75 : 0.6,
    localize('tp_reorder_due_title'),
    localize('tp_reorder_due_why', [{ int: median }, { int: daysSince }, last, { date: p.nextOrderExpected }]),
  );
}

function declinePoint(ctx: TalkingPointContext): TalkingPoint | null {
  const { trend, revenue12m } = ctx.patterns;
  if (trend === null || trend > DECLINE_TREND) return null;
  const before = ctx.patterns.revenuePrev12m ?? revenue12m / (1 + trend);
  const money = (m: number): MessageArg => ({ money: m, currency: ctx.currency });
  return point(
    'decline',
    'account',
    0.5 + Math.min(0.4, -trend / 2),
    localize('tp_decline_title', [{ percent: -trend }]),
    localize('tp_decline_why', [money(revenue12m), money(before), { percent: trend }]),
  );
}

/** The cross-sell point of one gap; the compact snapshot (snapshot-v2.ts) rebuilds these from the gaps. */
export function crossSellPoint(
  ctx: Pick<TalkingPointContext, 'patterns' | 'productName'>,
  gap: CrossSell,
): TalkingPoint {
  const orders = ctx.patterns.ordersTotal ?? 0;
  const withAntecedent = Math.round(gap.antecedentShare * orders);
  const names = gap.antecedent.map(ctx.productName);
  const priority =
    0.35 + 0.15 * Math.min(1, Math.max(0, (gap.lift - 1) / 4)) + 0.3 * gap.confidence * gap.antecedentShare;
  return point(
    'cross-sell',
    [...gap.antecedent, gap.sku].join('+'),
    priority,
    localize('tp_cross_sell_title', [gap.name]),
    localize('tp_cross_sell_why', [
      { list: names },
      { int: withAntecedent },
      { int: orders },
      { percent: gap.confidence },
      gap.name,
      { decimal: gap.lift },
    ]),
    { skus: [...gap.antecedent, gap.sku] },
  );
}

/**
 * The ranked talking points of one account. O(notes log notes + cross-sell gaps).
 * @throws {Error} when a date in the context is not YYYY-MM-DD
 * @example talkingPoints(ctx)[0]?.kind // => 'follow-up' for an account with a follow-up due
 */
export function talkingPoints(ctx: TalkingPointContext): TalkingPoint[] {
  const asOfDay = dayNumber(ctx.asOf);
  const s = ctx.signals;
  const revenue: MessageArg = { money: ctx.patterns.revenue12m, currency: ctx.currency };
  const out: TalkingPoint[] = [];
  for (const w of s.followUps.slice(0, MAX_FOLLOW_UPS)) {
    const { insight } = w;
    const due = insight.followUpAt!;
    const late = asOfDay - dayNumber(due);
    out.push(
      point(
        'follow-up',
        insight.id,
        Math.min(0.95, 0.85 + 0.01 * late),
        localize('tp_follow_up_title', [insight.title]),
        localize('tp_follow_up_why', [
          { date: due },
          { int: late },
          insight.author,
          { date: insight.createdAt.slice(0, 10) },
        ]),
        { insightIds: [insight.id], ...(insight.products.length > 0 ? { skus: [...insight.products] } : {}) },
      ),
    );
  }
  for (const w of s.competitors.slice(0, MAX_PER_NOTE_KIND))
    out.push(notePoint('competitor', w, 0.6 + 0.3 * w.strength, revenue));
  for (const w of s.expansions.slice(0, MAX_PER_NOTE_KIND))
    out.push(notePoint('expansion', w, 0.55 + 0.3 * w.strength, revenue));
  for (const w of s.openNeeds.slice(0, MAX_PER_NOTE_KIND))
    out.push(notePoint('open-need', w, 0.5 + 0.3 * w.strength, revenue));
  const rhythm = rhythmPoint(ctx, asOfDay);
  if (rhythm !== null) out.push(rhythm);
  const decline = declinePoint(ctx);
  if (decline !== null) out.push(decline);
  const referralDue = s.lastReferralDays === null || s.lastReferralDays > REFERRAL_LOOKBACK_DAYS;
  if (ctx.segment === 'A' && s.sentiment !== null && s.sentiment >= REFERRAL_SENTIMENT && referralDue) {
    out.push(
      point(
        'referral-ask',
        'account',
        0.45 + 0.05 * s.sentiment,
        localize('tp_referral_ask_title'),
        localize('tp_referral_ask_why', [
          { decimal: ctx.valueScore },
          ctx.segment,
          { signed: s.sentiment },
          { int: REFERRAL_LOOKBACK_DAYS },
        ]),
      ),
    );
  }
  for (const gap of ctx.crossSell.slice(0, MAX_CROSS_SELL)) out.push(crossSellPoint(ctx, gap));
  const { rates, effects } = ctx;
  const ranked =
    rates === undefined && effects === undefined ? out : out.map((p) => rankByEvidence(p, rates, effects, ctx.segment));
  return ranked.sort(compareTalkingPoints).slice(0, ctx.model.talkingPoints.max);
}
