/**
 * The capture form's model, apart from its markup: the fields as typed, their validation (the limits of
 * lib/engine/insight.ts, said before the store would refuse them), and the two things the form hands out: a draft
 * for autosave (the shape of lib/store's Draft) and the input of a save (lib/store's SaveInsightInput).
 */
import { INSIGHT_LIMITS, type InsightInput, type InsightType, type Outcome } from '../engine/insight.ts';
import type { Texts } from '../../components/texts.ts';

export type Visibility = 'private' | 'team';

/** The form's fields as the rep typed them (lists still as comma-separated text). */
export interface CaptureFields {
  type: InsightType;
  title: string;
  body: string;
  sentiment: number;
  products: string;
  tags: string;
  /** YYYY-MM-DD, '' for none; anything else is invalid. */
  followUpAt: string;
  visibility: Visibility;
  accountId: string | null;
  /** For an `outcome`: what happened (null until chosen). */
  outcome: Outcome | null;
  /** For an `outcome`: the talking points used, when known (an outcome being edited); null lets the background
   * take the ones the rep marked "used" for the account. */
  talkingPoints: string[] | null;
}

/** What autosave stores (lib/store Draft: `insightId`, `accountId`, `fields`). */
export interface InsightDraft {
  insightId: string | null;
  accountId: string | null;
  fields: {
    type: InsightType;
    title: string;
    body: string;
    sentiment: number;
    products: string[];
    tags: string[];
    followUpAt: string | null;
    visibility: Visibility;
    outcome?: Outcome;
    talkingPoints?: string[];
  };
}

/** A prefill: a stored draft, an insight being edited, or just the account and type to start with. */
export interface InsightFormInitial {
  insightId?: string | null;
  /** The rev of the insight being edited; the store refuses the save if it changed meanwhile. */
  rev?: number;
  accountId?: string | null;
  fields?: Partial<Omit<InsightDraft['fields'], 'followUpAt'>> & { followUpAt?: string | null };
}

/** What a save hands to the store: an insight without the fields the store sets (lib/store SaveInsightInput). */
export type CaptureInput = Omit<InsightInput, 'id' | 'author' | 'createdAt' | 'updatedAt' | 'rev' | 'deletedAt'> & {
  id?: string;
  rev?: number;
};

export type CaptureField = 'title' | 'body' | 'products' | 'tags' | 'followUpAt' | 'outcome';
export type CaptureIssues = Partial<Record<CaptureField, string>>;

const PRODUCT_MAX = 100;
const TAG_MAX = 60;

/** Comma-separated text as a list: trimmed, empty items and repeats dropped. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function emptyFields(initial: InsightFormInitial = {}): CaptureFields {
  const f = initial.fields ?? {};
  return {
    type: f.type ?? 'need',
    title: f.title ?? '',
    body: f.body ?? '',
    sentiment: f.sentiment ?? 0,
    products: (f.products ?? []).join(', '),
    tags: (f.tags ?? []).join(', '),
    followUpAt: f.followUpAt ?? '',
    visibility: f.visibility ?? 'team',
    accountId: initial.accountId ?? null,
    outcome: f.outcome ?? null,
    talkingPoints: f.talkingPoints ?? null,
  };
}

function listIssue(tx: Texts, items: string[], maxItems: number, maxLength: number): string | undefined {
  if (items.length > maxItems) return tx.t('formTooMany', maxItems, items.length);
  const long = items.find((s) => s.length > maxLength);
  return long === undefined ? undefined : tx.t('formItemTooLong', long.slice(0, 20), maxLength);
}

/**
 * Everything that would stop a save, worded for the rep. `required` is false until the rep tries to save, so an
 * unfinished form is not shouted at for what is missing (limits are said at once).
 */
export function captureIssues(tx: Texts, f: CaptureFields, required: boolean): CaptureIssues {
  const issues: CaptureIssues = {};
  const title = f.title.trim();
  if (title === '' && required) issues.title = tx.t('formTitleRequired');
  else if (title.length > INSIGHT_LIMITS.title) issues.title = tx.t('formTooLong', INSIGHT_LIMITS.title, title.length);
  if (f.body.length > INSIGHT_LIMITS.body) issues.body = tx.t('formTooLong', INSIGHT_LIMITS.body, f.body.length);
  const products = listIssue(tx, splitList(f.products), INSIGHT_LIMITS.products, PRODUCT_MAX);
  if (products) issues.products = products;
  const tags = listIssue(tx, splitList(f.tags), INSIGHT_LIMITS.tags, TAG_MAX);
  if (tags) issues.tags = tags;
  if (f.followUpAt !== '' && !isIsoDate(f.followUpAt)) issues.followUpAt = tx.t('formInvalidDate');
  if (f.type === 'outcome' && f.outcome === null && required) issues.outcome = tx.t('outcomeChoose');
  return issues;
}

export function toDraft(f: CaptureFields, insightId: string | null): InsightDraft {
  return {
    insightId,
    accountId: f.accountId,
    fields: {
      type: f.type,
      title: f.title,
      body: f.body,
      sentiment: f.sentiment,
      products: splitList(f.products),
      tags: splitList(f.tags),
      followUpAt: f.followUpAt === '' ? null : f.followUpAt,
      visibility: f.visibility,
      ...outcomeFields(f),
    },
  };
}

/** The outcome and talking points a save or draft carries: only on an `outcome`, only what is known. */
function outcomeFields(f: CaptureFields): { outcome?: Outcome; talkingPoints?: string[] } {
  if (f.type !== 'outcome') return {};
  return {
    ...(f.outcome === null ? {} : { outcome: f.outcome }),
    ...(f.talkingPoints === null ? {} : { talkingPoints: f.talkingPoints }),
  };
}

/** The save input for valid fields; `id` and `rev` only when editing. */
export function toCaptureInput(
  f: CaptureFields,
  source: NonNullable<CaptureInput['source']>,
  editing?: { id: string; rev?: number },
): CaptureInput {
  return {
    ...(editing ? { id: editing.id, ...(editing.rev === undefined ? {} : { rev: editing.rev }) } : {}),
    accountId: f.accountId,
    type: f.type,
    title: f.title.trim(),
    body: f.body.trim(),
    sentiment: f.sentiment,
    products: splitList(f.products),
    tags: splitList(f.tags),
    followUpAt: f.followUpAt === '' ? null : f.followUpAt,
    visibility: f.visibility,
    source,
    // An outcome records what happened; it asks for nothing more (as on the brief's "After the meeting" form).
    ...(f.type === 'outcome' ? { ...outcomeFields(f), status: 'done' as const } : {}),
  };
}

/**
 * Product suggestions for the item being typed (the text after the last comma): sku or name contains it; products
 * already listed, or typed in full, are not suggested again.
 */
export function suggestProducts(
  text: string,
  catalogue: readonly { sku: string; name: string }[],
  limit = 5,
): { sku: string; name: string }[] {
  const parts = text.split(',');
  const typed = (parts.at(-1) ?? '').trim().toLowerCase();
  if (typed === '') return [];
  const chosen = new Set(parts.slice(0, -1).map((s) => s.trim().toLowerCase()));
  return catalogue
    .filter((p) => !chosen.has(p.sku.toLowerCase()) && p.sku.toLowerCase() !== typed)
    .filter((p) => p.sku.toLowerCase().includes(typed) || p.name.toLowerCase().includes(typed))
    .slice(0, limit);
}

/** The products text with the item being typed replaced by `sku`, ready for the next one. */
export function acceptSuggestion(text: string, sku: string): string {
  const done = text
    .split(',')
    .slice(0, -1)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...done, sku].join(', ') + ', ';
}
