/**
 * The meeting brief as data and as text: what to know before visiting an account, on one page. The
 * selection (which needs are open, which follow-ups are due, which insights are latest) is made once in
 * `briefContent`, which the MeetingBrief component renders; `briefToMarkdown` and `briefToText` write the same
 * content for pasting into notes, mail or a CRM, in a language chosen independently of the UI.
 */
import type { Insight } from '../lib/engine/insight.ts';
import type { Contact, CriterionResult, CrossSell, ScoredAccount, TalkingPoint } from '../lib/engine/snapshot.ts';
import {
  criterionLabel,
  formatChange,
  formatCriterionRaw,
  formatDays,
  formatPoints,
  insightTypeLabel,
  pick,
} from './format.ts';
import { staticTexts } from './static-texts.ts';
import type { Texts } from './texts.ts';

export interface BriefOptions {
  /** YYYY-MM-DD the brief is for: follow-ups up to FOLLOW_UP_HORIZON_DAYS after it count as due. Default: today (UTC). */
  today?: string;
  /** ISO 4217 code of the snapshot's money. Default EUR. */
  currency?: string;
}

export const BRIEF_LIMITS = { crossSell: 5, needs: 5, followUps: 5, latest: 5 } as const;
/** Follow-ups this many days ahead are listed with the due ones, so the rep can settle them at the visit. */
export const FOLLOW_UP_HORIZON_DAYS = 14;

export interface BriefContent {
  account: ScoredAccount;
  today: string;
  currency: string;
  /** Criteria that moved the score, largest contribution first. */
  criteria: CriterionResult[];
  crossSell: CrossSell[];
  talkingPoints: TalkingPoint[];
  /** Open `need` and `pain-point` insights, newest first. */
  openNeeds: Insight[];
  /** Open insights with a follow-up date up to the horizon, earliest first. */
  followUps: Insight[];
  latest: Insight[];
  contacts: Contact[];
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const newestFirst = (a: Insight, b: Insight): number =>
  a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

/**
 * Picks what the brief shows. Insights of other accounts and deleted ones are ignored. O(n log n) in insights.
 * @example briefContent(account, [], [], { today: '2026-03-01' }).followUps // => []
 */
export function briefContent(
  account: ScoredAccount,
  insights: readonly Insight[],
  contacts: readonly Contact[],
  options: BriefOptions = {},
): BriefContent {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const mine = insights.filter((i) => i.accountId === account.id && i.deletedAt === null).sort(newestFirst);
  const open = mine.filter((i) => i.status === 'open');
  const horizon = addDays(today, FOLLOW_UP_HORIZON_DAYS);
  return {
    account,
    today,
    currency: options.currency ?? 'EUR',
    criteria: account.criteria.filter((c) => c.points !== 0).sort((a, b) => b.points - a.points),
    crossSell: [...account.crossSell].sort((a, b) => b.score - a.score).slice(0, BRIEF_LIMITS.crossSell),
    talkingPoints: [...account.talkingPoints].sort((a, b) => b.priority - a.priority),
    openNeeds: open.filter((i) => i.type === 'need' || i.type === 'pain-point').slice(0, BRIEF_LIMITS.needs),
    followUps: open
      .filter((i) => i.followUpAt !== null && i.followUpAt <= horizon)
      .sort((a, b) => (a.followUpAt! < b.followUpAt! ? -1 : a.followUpAt! > b.followUpAt! ? 1 : 0))
      .slice(0, BRIEF_LIMITS.followUps),
    latest: mine.slice(0, BRIEF_LIMITS.latest),
    contacts: contacts.filter((c) => c.accountId === account.id).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const BARS = '▁▂▃▄▅▆▇█';

/**
 * A number series as block characters, for text where no SVG fits; lowest value ▁ (at most 0), highest █.
 * @example textSparkline([0, 5, 10]) // => '▁▅█'
 */
export function textSparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(0, ...values);
  const span = Math.max(...values) - min;
  return values.map((v) => BARS[span > 0 ? Math.round(((v - min) / span) * (BARS.length - 1)) : 0]).join('');
}

/** A line of the brief: an optional emphasised lead (a title) and the rest. */
export interface BriefLine {
  lead?: string;
  text: string;
}

export interface BriefSection {
  heading: string;
  ordered: boolean;
  lines: BriefLine[];
}

export interface BriefDocument {
  title: string;
  subtitle: string;
  sections: BriefSection[];
}

/** How a follow-up date reads: "Mar 3, 2026 (overdue)", "(today)" or just the date. */
export function followUpWhen(tx: Texts, date: string, today: string): string {
  if (date < today) return tx.t('briefWhenOverdue', tx.date(date));
  if (date === today) return tx.t('briefWhenToday', tx.date(date));
  return tx.date(date);
}

/** Why a product is a gap: how often orders with the account's products also hold it elsewhere, and the lift. */
export function crossSellReason(tx: Texts, x: CrossSell, account: ScoredAccount): string {
  const name = (sku: string) => account.patterns.topProducts.find((tp) => tp.sku === sku)?.name ?? sku;
  return tx.t(
    'briefCrossSell',
    tx.percent(x.confidence),
    x.antecedent.map(name).join(' + '),
    tx.number(x.lift, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  );
}

/** The brief's words in one language; sections without content are left out. */
export function briefDocument(c: BriefContent, tx: Texts): BriefDocument {
  const a = c.account;
  const p = a.patterns;
  const money = (v: number) => tx.currency(v, c.currency);
  const sections: BriefSection[] = [];
  const add = (heading: string, lines: BriefLine[], ordered = false) => {
    if (lines.length > 0) sections.push({ heading, ordered, lines });
  };

  add(
    tx.t('briefScoreTitle'),
    c.criteria.map((cr) => ({
      lead: criterionLabel(tx, cr.id),
      text: tx.t('briefCriterion', formatPoints(tx, cr.points), formatCriterionRaw(tx, cr.id, cr.raw, c.currency)),
    })),
  );
  add(tx.t('clvTitle'), [
    { lead: tx.t('clvAlive'), text: tx.percent(a.clv.pAlive) },
    { lead: tx.t('clvRevenue12m'), text: money(a.clv.expectedRevenue12m) },
    { lead: tx.t('clvOrders12m'), text: tx.number(a.clv.expectedOrders12m, { maximumFractionDigits: 1 }) },
  ]);

  const patterns: BriefLine[] = [];
  if (p.lastOrderDate === null) patterns.push({ text: tx.t('patternsNoOrders') });
  else {
    const revenue = money(p.revenue12m);
    patterns.push({
      lead: tx.t('briefRevenue12m'),
      text:
        p.trend === null ? revenue : tx.t('briefWithTrend', revenue, tx.t('patternsTrend', formatChange(tx, p.trend))),
    });
    if (p.medianIntervalDays !== null) {
      patterns.push({
        lead: tx.t('patternsInterval'),
        text: tx.t('patternsEvery', formatDays(tx, p.medianIntervalDays)),
      });
    }
    patterns.push({ lead: tx.t('patternsLastOrder'), text: tx.date(p.lastOrderDate) });
    if (p.nextOrderExpected !== null) {
      const next = tx.date(p.nextOrderExpected);
      patterns.push({ lead: tx.t('patternsNextOrder'), text: p.overdue ? tx.t('briefWhenOverdue', next) : next });
    }
    if (p.topProducts.length > 0) {
      patterns.push({
        lead: tx.t('patternsTopProducts'),
        text: p.topProducts.map((tp) => tx.t('briefProductShare', tp.name, tx.percent(tp.share))).join(', '),
      });
    }
    const first = p.monthly[0];
    const last = p.monthly.at(-1);
    if (first && last && p.monthly.length > 1) {
      patterns.push({
        lead: tx.t('briefMonthly', tx.month(first.month), tx.month(last.month)),
        text: textSparkline(p.monthly.map((m) => m.revenue)),
      });
    }
  }
  add(tx.t('patternsTitle'), patterns);

  add(
    tx.t('briefCrossSellTitle'),
    c.crossSell.map((x) => ({ lead: `${x.name} (${x.sku})`, text: crossSellReason(tx, x, a) })),
  );
  add(
    tx.t('talkingPointsTitle'),
    c.talkingPoints.map((tp) => ({ lead: pick(tx, tp.title), text: pick(tx, tp.why) })),
    true,
  );
  add(
    tx.t('briefNeedsTitle'),
    c.openNeeds.map((i) => ({ lead: i.title, text: tx.t('briefNoted', tx.date(i.createdAt), i.author) })),
  );
  add(
    tx.t('briefFollowUpsTitle'),
    c.followUps.map((i) => ({ lead: i.title, text: followUpWhen(tx, i.followUpAt!, c.today) })),
  );
  add(
    tx.t('insightsLatestTitle'),
    c.latest.map((i) => ({ lead: i.title, text: `${insightTypeLabel(tx, i.type)} · ${tx.date(i.createdAt)}` })),
  );
  add(
    tx.t('briefContactsTitle'),
    c.contacts.map((ct) => ({ lead: ct.role ? `${ct.name}, ${ct.role}` : ct.name, text: ct.email })),
  );

  return {
    title: tx.t('briefTitle', a.name),
    subtitle: tx.t('briefSubtitle', tx.date(c.today), a.segment, Math.round(a.valueScore)),
    sections,
  };
}

/** Backslash-escapes the characters that Markdown would read as syntax in user text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]{}<>#|!~]/g, '\\$&');
}

function render(doc: BriefDocument, md: boolean): string {
  const esc = md ? escapeMarkdown : (s: string) => s;
  const out: string[] = md ? [`# ${esc(doc.title)}`, '', `_${esc(doc.subtitle)}_`] : [doc.title, doc.subtitle];
  for (const s of doc.sections) {
    out.push('', md ? `## ${esc(s.heading)}` : s.heading.toUpperCase(), '');
    s.lines.forEach((line, i) => {
      const bullet = s.ordered ? `${i + 1}. ` : md ? '- ' : '• ';
      // A numbered point's lead is a sentence of its own (a talking point's title), so a dash, not a colon.
      const after = s.ordered ? ' — ' : ': ';
      const lead = line.lead === undefined ? '' : md ? `**${esc(line.lead)}**${after}` : `${line.lead}${after}`;
      out.push(`${bullet}${lead}${esc(line.text)}`);
    });
  }
  return `${out.join('\n')}\n`;
}

/**
 * The brief as Markdown (CommonMark: headings, bullet and numbered lists, bold leads; user text escaped).
 * @example briefToMarkdown(account, insights, contacts, 'de', { today: '2026-03-01' }).split('\n')[0] // => '# Gesprächsvorbereitung: …'
 */
export function briefToMarkdown(
  account: ScoredAccount,
  insights: readonly Insight[],
  contacts: readonly Contact[],
  lang: 'en' | 'de',
  options: BriefOptions = {},
): string {
  return render(briefDocument(briefContent(account, insights, contacts, options), staticTexts(lang)), true);
}

/** The brief as plain text (upper-case headings, • bullets), for mail bodies and CRM note fields. */
export function briefToText(
  account: ScoredAccount,
  insights: readonly Insight[],
  contacts: readonly Contact[],
  lang: 'en' | 'de',
  options: BriefOptions = {},
): string {
  return render(briefDocument(briefContent(account, insights, contacts, options), staticTexts(lang)), false);
}
