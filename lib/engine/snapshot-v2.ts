/**
 * Snapshot v2: the compact form of the snapshot for files, the wire and storage. The portfolio-wide parts (model,
 * CLV parameters, rules, products, contacts, distributions, rates, effects) are kept as in v1; each account is one
 * row (a tuple, no field names) and its talking points are message keys plus arguments (an index into `keys`),
 * rendered again with the catalogue (lib/engine/messages) when the snapshot is read, so v1 and v2 show the same texts.
 * Monthly series are a start month and plain arrays of revenues; product names come from the products table.
 *
 * `encodeSnapshotV2` wants the snapshot as `buildSnapshot` made it (its texts know their keys); a text from
 * elsewhere (an upgraded v1 snapshot) is stored as its two texts. `decodeSnapshotV2` gives the expanded v1 shape
 * that the rest of the code reads; `parseSnapshot` (snapshot.ts) accepts both versions.
 *
 * Account row: [id, name, domains, industry, region, ownerEmail, crmIds, valueScore, segment, criteria, clv,
 * patterns, crossSell, talkingPoints, heldOutTalkingPoints?]; 0 stands for an absent optional value (null for the
 * owner, an index into `owners`).
 */
import { z } from 'zod';
import { crossSellScore } from './cross-sell.ts';
import { dayNumber, isoDay } from './patterns.ts';
import { formatArg, isMessageKey, localize, sourceOf, type MessageArg, type MessageKey } from './messages/index.ts';
import { CRITERIA, type CriterionId } from './model-config.ts';
import type {
  Contact,
  CrmIds,
  CrossSell,
  LocalizedText,
  Patterns,
  Rule,
  ScoredAccount,
  Snapshot,
  TalkingPoint,
} from './snapshot.ts';
import { TALKING_POINT_KINDS } from './talking-point-kinds.ts';
import { crossSellPoint } from './talking-points.ts';

export const SNAPSHOT_V2_VERSION = 2;

const CRM_ORDER = ['salesforce', 'hubspot', 'dynamics', 'pipedrive', 'zoho', 'custom'] as const;

/** An encoded message argument: a string, an int as a bare number, or [tag, value(, currency)]. */
type ArgV2 = string | number | [string, unknown] | [string, unknown, string];
/** A text: [key index, ...arguments], or the two texts where no key is known. */
type TextV2 = [number, ...ArgV2[]] | { en: string; de: string };

export interface SnapshotV2 extends Omit<Snapshot, 'schemaVersion' | 'accounts' | 'contacts'> {
  schemaVersion: typeof SNAPSHOT_V2_VERSION;
  /** Message keys referred to by the texts of the talking points. */
  keys: string[];
  /** Distinct criterion sets with their effective weights: [criterion indexes, weights]. */
  weights: [number[], number[]][];
  /** Categories referred to by index from the accounts' top categories. */
  categories: string[];
  /** Owners (reps' emails) and contact roles referred to by index. */
  owners: string[];
  roles: string[];
  /** [email, name, accountId, role index?]; an email ending in "@" is at the account's first domain. */
  contacts: (string | number)[][];
  accounts: unknown[][];
}

const SnapshotV2EnvelopeSchema = z.looseObject({
  schemaVersion: z.literal(SNAPSHOT_V2_VERSION),
  keys: z.array(z.string()),
  weights: z.array(z.tuple([z.array(z.number().int().nonnegative()), z.array(z.number())])),
  categories: z.array(z.string()),
  owners: z.array(z.string()),
  roles: z.array(z.string()),
  contacts: z.array(z.array(z.union([z.string(), z.number()]))),
  accounts: z.array(z.array(z.unknown())),
});

/**
 * The shortest rounding of a number argument that renders the same in every locale (an argument is only shown,
 * through Intl with a fixed number of digits), else the number itself.
 */
function shortest(arg: MessageArg, rebuild: (x: number) => MessageArg, x: number, digits: readonly number[]): number {
  const en = formatArg(arg, 'en');
  const de = formatArg(arg, 'de');
  for (const d of digits) {
    const r = Number(x.toFixed(d));
    if (r === x) return x;
    const candidate = rebuild(r);
    if (formatArg(candidate, 'en') === en && formatArg(candidate, 'de') === de) return r;
  }
  return x;
}

const or0 = <T>(v: T | undefined): T | 0 => (v === undefined ? 0 : v);
const from0 = <T>(v: unknown): T | undefined => (v === 0 || v === undefined || v === null ? undefined : (v as T));

function trimTrailingZeros(row: unknown[]): unknown[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === 0) end--;
  return row.slice(0, end);
}

class Encoder {
  readonly keys: string[] = [];
  private readonly keyIndex = new Map<string, number>();
  private readonly productNames: Map<string, string>;
  private readonly criterionIndex = new Map<string, number>(CRITERIA.map((c, i) => [c, i]));
  readonly weights: [number[], number[]][] = [];
  private readonly weightIndex = new Map<string, number>();
  readonly categories: string[];
  private readonly categoryIndex: Map<string, number>;
  private readonly ruleIndex = new Map<string, number>();
  private readonly skuIndex: Map<string, number>;
  readonly owners = new Table();
  readonly roles = new Table();

  constructor(private readonly snapshot: Snapshot) {
    this.productNames = new Map(snapshot.products.map((p) => [p.sku, p.name]));
    this.categories = [...new Set(snapshot.products.map((p) => p.category))];
    this.categoryIndex = new Map(this.categories.map((c, i) => [c, i]));
    this.skuIndex = new Map();
    snapshot.products.forEach((p, i) => {
      if (!this.skuIndex.has(p.sku)) this.skuIndex.set(p.sku, i);
    });
    snapshot.rules.forEach((r, i) => {
      const key = ruleKey(r.antecedent, r.consequent);
      if (!this.ruleIndex.has(key)) this.ruleIndex.set(key, i);
    });
  }

  private criteria(a: ScoredAccount): unknown[] {
    const ids = a.criteria.map((c) => this.criterionIndex.get(c.id));
    if (ids.some((i) => i === undefined)) {
      return a.criteria.map((c) => [c.id, c.raw, c.normalised, c.weight, c.points]);
    }
    const entry: [number[], number[]] = [ids as number[], a.criteria.map((c) => c.weight)];
    const key = JSON.stringify(entry);
    let w = this.weightIndex.get(key);
    if (w === undefined) {
      w = this.weights.length;
      this.weights.push(entry);
      this.weightIndex.set(key, w);
    }
    return [w, a.criteria.map((c) => c.raw), a.criteria.map((c) => c.normalised), a.criteria.map((c) => c.points)];
  }

  private key(key: string): number {
    let i = this.keyIndex.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.keys.push(key);
      this.keyIndex.set(key, i);
    }
    return i;
  }

  private arg(a: MessageArg): ArgV2 {
    if (typeof a === 'string') return a;
    if ('int' in a) return a.int;
    if ('decimal' in a) return ['.', shortest(a, (x) => ({ decimal: x }), a.decimal, [1, 2, 3, 4])];
    if ('signed' in a) return ['±', shortest(a, (x) => ({ signed: x }), a.signed, [1, 2, 3, 4])];
    if ('percent' in a) return ['%', shortest(a, (x) => ({ percent: x }), a.percent, [2, 3, 4, 5])];
    if ('money' in a) {
      const m = shortest(a, (x) => ({ money: x, currency: a.currency }), a.money, [0, 1, 2]);
      return a.currency === this.snapshot.currency ? ['$', m] : ['$', m, a.currency];
    }
    if ('date' in a) return ['@', a.date];
    return ['&', a.list];
  }

  text(t: LocalizedText): TextV2 {
    const source = sourceOf(t);
    if (source === undefined) return { en: t.en, de: t.de };
    return [this.key(source.key), ...source.args.map((a) => this.arg(a))];
  }

  private name(sku: string, name: string): string | 0 {
    return this.productNames.get(sku) === name ? 0 : name;
  }

  private point(p: TalkingPoint, a: ScoredAccount): unknown[] {
    if (p.kind === 'cross-sell') {
      // Most cross-sell points say what their gap says: kept as the gap's index where rebuilding it gives the same.
      const ctx = { patterns: a.patterns, productName: (sku: string) => this.productNames.get(sku) ?? sku };
      const i = a.crossSell.findIndex((gap) => samePoint(crossSellPoint(ctx, gap), p));
      if (i >= 0)
        return trimTrailingZeros([
          0,
          ['x', i],
          0,
          0,
          p.priority,
          0,
          0,
          or0(p.basePriority),
          p.basis === undefined ? 0 : this.text(p.basis),
        ]);
    }
    const prefix = `${p.kind}:`;
    const subject: unknown = p.id.startsWith(prefix) ? p.id.slice(prefix.length) : { id: p.id };
    return trimTrailingZeros([
      TALKING_POINT_KINDS.indexOf(p.kind),
      subject,
      this.text(p.title),
      this.text(p.why),
      p.priority,
      or0(p.skus),
      or0(p.insightIds),
      or0(p.basePriority),
      p.basis === undefined ? 0 : this.text(p.basis),
    ]);
  }

  private crossSell(c: CrossSell, a: ScoredAccount): unknown[] {
    const rule = this.ruleIndex.get(ruleKey(c.antecedent, [c.sku]));
    const r = rule === undefined ? undefined : this.snapshot.rules[rule];
    if (
      rule !== undefined &&
      r !== undefined &&
      r.support === c.support &&
      r.confidence === c.confidence &&
      r.lift === c.lift &&
      c.score === crossSellScore(c.lift, a.valueScore) &&
      this.productNames.get(c.sku) === c.name
    ) {
      const orders = a.patterns.ordersTotal ?? 0;
      const count = Math.round(c.antecedentShare * orders);
      return [rule, orders > 0 && count / orders === c.antecedentShare ? count : ['s', c.antecedentShare]];
    }
    return [c.sku, this.name(c.sku, c.name), c.antecedent, c.support, c.confidence, c.lift, c.antecedentShare, c.score];
  }

  private patterns(p: Patterns): unknown[] {
    const months = p.monthly.map((m) => m.month);
    const consecutive = months.every((m, i) => i === 0 || m === nextMonth(months[i - 1]!));
    return [
      p.topProducts.map((t) => {
        const i = this.skuIndex.get(t.sku);
        return i !== undefined && this.productNames.get(t.sku) === t.name
          ? [i, t.share, t.orders]
          : [t.sku, t.name, t.share, t.orders];
      }),
      p.topCategories.map((t) => [this.categoryIndex.get(t.category) ?? t.category, t.share]),
      p.orders12m,
      p.revenue12m,
      p.revenuePrev12m ?? null,
      p.ordersTotal ?? null,
      day(p.firstOrderDate),
      day(p.lastOrderDate),
      p.medianIntervalDays,
      p.regularity,
      day(p.nextOrderExpected),
      p.overdue ? 1 : 0,
      p.trend,
      consecutive ? (months[0] ?? null) : months,
      p.monthly.map((m) => m.revenue),
      p.seasonality === null ? null : [p.seasonality.peakMonths, p.seasonality.strength],
    ];
  }

  account(a: ScoredAccount): unknown[] {
    const crm = trimTrailingZeros(CRM_ORDER.map((k) => or0(a.crmIds[k])));
    const row: unknown[] = [
      a.id,
      a.name,
      a.domains,
      or0(a.industry),
      or0(a.region),
      a.ownerEmail === undefined ? null : this.owners.index(a.ownerEmail),
      crm,
      a.valueScore,
      a.segment,
      this.criteria(a),
      [a.clv.pAlive, a.clv.expectedOrders12m, a.clv.expectedRevenue12m],
      this.patterns(a.patterns),
      a.crossSell.map((c) => this.crossSell(c, a)),
      a.talkingPoints.map((p) => this.point(p, a)),
    ];
    if (a.heldOutTalkingPoints !== undefined) row.push(a.heldOutTalkingPoints.map((p) => this.point(p, a)));
    return row;
  }
}

/** Distinct strings, each with its index. */
class Table {
  readonly values: string[] = [];
  private readonly indexes = new Map<string, number>();

  index(value: string): number {
    let i = this.indexes.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.indexes.set(value, i);
    }
    return i;
  }
}

/** A date as its day number where that gives the same date back, else the date. */
function day(iso: string | null): number | string | null {
  if (iso === null) return null;
  try {
    const d = dayNumber(iso);
    return isoDay(d) === iso ? d : iso;
  } catch {
    return iso;
  }
}

const unday = (v: unknown): string | null => (typeof v === 'number' ? isoDay(v) : (v as string | null));

function ruleKey(antecedent: readonly string[], consequent: readonly string[]): string {
  return `${antecedent.join(',')}>${consequent.join(',')}`;
}

const sameText = (x: LocalizedText | undefined, y: LocalizedText | undefined): boolean =>
  x === y || (x !== undefined && y !== undefined && x.en === y.en && x.de === y.de);

function samePoint(rebuilt: TalkingPoint, p: TalkingPoint): boolean {
  return (
    rebuilt.id === p.id &&
    sameText(rebuilt.title, p.title) &&
    sameText(rebuilt.why, p.why) &&
    JSON.stringify(rebuilt.skus) === JSON.stringify(p.skus) &&
    JSON.stringify(rebuilt.insightIds) === JSON.stringify(p.insightIds)
  );
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The compact v2 form of a snapshot. O(size of the snapshot).
 * @example JSON.stringify(encodeSnapshotV2(snapshot)).length // about a third of the v1 JSON
 */
export function encodeSnapshotV2(snapshot: Snapshot): SnapshotV2 {
  const encoder = new Encoder(snapshot);
  const { schemaVersion: _version, accounts, contacts, ...rest } = snapshot;
  const rows = accounts.map((a) => encoder.account(a));
  const domainsById = new Map(accounts.map((a) => [a.id, a.domains]));
  return {
    ...rest,
    schemaVersion: SNAPSHOT_V2_VERSION,
    keys: encoder.keys,
    weights: encoder.weights,
    categories: encoder.categories,
    owners: encoder.owners.values,
    roles: encoder.roles.values,
    contacts: contacts.map((c) => {
      const domain = domainsById.get(c.accountId)?.[0];
      const email = domain !== undefined && c.email.endsWith(`@${domain}`) ? c.email.slice(0, -domain.length) : c.email;
      const row: (string | number)[] = [email, c.name, c.accountId];
      if (c.role !== undefined) row.push(encoder.roles.index(c.role));
      return row;
    }),
    accounts: rows,
  };
}

/** Thrown by the decoder with the path of the value that is wrong, e.g. `accounts.3[13].0[2]`. */
class DecodeError extends Error {}

class Decoder {
  private readonly productNames: Map<string, string>;

  constructor(
    private readonly keys: readonly string[],
    private readonly currency: string,
    private readonly products: readonly { sku: string; name: string }[],
    private readonly weights: readonly [number[], number[]][],
    private readonly categories: readonly string[],
    private readonly rules: readonly Rule[],
    private readonly owners: readonly string[],
  ) {
    this.productNames = new Map(products.map((p) => [p.sku, p.name]));
  }

  private criteria(v: unknown, path: string): ScoredAccount['criteria'] {
    const r = this.array(v, path);
    if (typeof r[0] !== 'number') {
      return r.map((c) => {
        const [id, raw, normalised, weight, points] = c as [CriterionId, number | null, number, number, number];
        return { id, raw, normalised, weight, points };
      });
    }
    const entry = this.weights[r[0]];
    if (entry === undefined) this.fail(`${path}[0]`, `no criterion set at index ${r[0]}`);
    const [ids, weights] = entry;
    const raw = this.array(r[1], `${path}[1]`) as (number | null)[];
    const normalised = this.array(r[2], `${path}[2]`) as number[];
    const points = this.array(r[3], `${path}[3]`) as number[];
    return ids.map((ci, i) => ({
      id: (CRITERIA[ci] ?? this.fail(`${path}[0]`, `no criterion at index ${ci}`)) as CriterionId,
      raw: raw[i] ?? null,
      normalised: normalised[i]!,
      weight: weights[i]!,
      points: points[i]!,
    }));
  }

  private crossSell(v: unknown, path: string, ordersTotal: number, valueScore: number): CrossSell {
    const c = this.array(v, path);
    if (c.length === 2) {
      const rule = this.rules[c[0] as number];
      if (rule === undefined) this.fail(`${path}[0]`, `no rule at index ${String(c[0])}`);
      const sku = rule.consequent[0]!;
      const share = Array.isArray(c[1]) ? (c[1][1] as number) : (c[1] as number) / ordersTotal;
      return {
        sku,
        name: this.name(sku, 0),
        antecedent: [...rule.antecedent],
        support: rule.support,
        confidence: rule.confidence,
        lift: rule.lift,
        antecedentShare: share,
        score: crossSellScore(rule.lift, valueScore),
      };
    }
    const [sku, cname, antecedent, support, confidence, lift, antecedentShare, score] = c;
    return {
      sku: sku as string,
      name: this.name(sku, cname),
      antecedent: antecedent as string[],
      support: support as number,
      confidence: confidence as number,
      lift: lift as number,
      antecedentShare: antecedentShare as number,
      score: score as number,
    };
  }

  private fail(path: string, what: string): never {
    throw new DecodeError(`${path}: ${what}`);
  }

  private array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'expected an array');
    return v;
  }

  private arg(v: unknown, path: string): MessageArg {
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return { int: v };
    const [tag, value, currency] = this.array(v, path);
    switch (tag) {
      case '.':
        return { decimal: value as number };
      case '±':
        return { signed: value as number };
      case '%':
        return { percent: value as number };
      case '$':
        return { money: value as number, currency: typeof currency === 'string' ? currency : this.currency };
      case '@':
        return { date: value as string };
      case '&':
        return { list: value as string[] };
      default:
        return this.fail(path, `unknown argument tag ${JSON.stringify(tag)}`);
    }
  }

  text(v: unknown, path: string): LocalizedText {
    if (!Array.isArray(v)) {
      const t = v as { en?: unknown; de?: unknown } | null;
      if (t === null || typeof t !== 'object' || typeof t.en !== 'string' || typeof t.de !== 'string')
        this.fail(path, 'expected [key, ...arguments] or {en, de}');
      return { en: t.en, de: t.de };
    }
    const [index, ...args] = v as unknown[];
    const key = typeof index === 'number' ? this.keys[index] : undefined;
    if (key === undefined || !isMessageKey(key)) this.fail(`${path}[0]`, `no message key at index ${String(index)}`);
    try {
      return localize(
        key as MessageKey,
        args.map((a, i) => this.arg(a, `${path}[${i + 1}]`)),
      );
    } catch (error) {
      if (error instanceof DecodeError) throw error;
      return this.fail(path, (error as Error).message);
    }
  }

  private name(sku: unknown, name: unknown): string {
    if (typeof name === 'string') return name;
    return this.productNames.get(sku as string) ?? (sku as string);
  }

  private point(v: unknown, path: string, account: Omit<ScoredAccount, 'talkingPoints'>): TalkingPoint {
    const [kindIndex, subject, title, why, priority, skus, insightIds, basePriority, basis] = this.array(v, path);
    const kind = TALKING_POINT_KINDS[kindIndex as number];
    if (kind === undefined) this.fail(`${path}[0]`, `no talking-point kind at index ${String(kindIndex)}`);
    if (Array.isArray(subject) && subject[0] === 'x') {
      const gap = account.crossSell[subject[1] as number];
      if (gap === undefined) this.fail(`${path}[1]`, `no cross-sell gap at index ${String(subject[1])}`);
      const ctx = { patterns: account.patterns, productName: (sku: string) => this.productNames.get(sku) ?? sku };
      const rebuilt = crossSellPoint(ctx, gap);
      const base = from0<number>(basePriority);
      return {
        id: rebuilt.id,
        kind: rebuilt.kind,
        title: rebuilt.title,
        why: rebuilt.why,
        ...(rebuilt.skus === undefined ? {} : { skus: rebuilt.skus }),
        priority: priority as number,
        ...(base === undefined ? {} : { basePriority: base }),
        ...(from0(basis) === undefined ? {} : { basis: this.text(basis, `${path}[8]`) }),
      };
    }
    const id =
      typeof subject === 'string'
        ? `${kind}:${subject}`
        : String((subject as { id?: unknown } | null)?.id ?? this.fail(`${path}[1]`, 'expected a subject'));
    const p: TalkingPoint = {
      id,
      kind,
      title: this.text(title, `${path}[2]`),
      why: this.text(why, `${path}[3]`),
      priority: priority as number,
    };
    const s = from0<string[]>(skus);
    if (s !== undefined) p.skus = s;
    const ids = from0<string[]>(insightIds);
    if (ids !== undefined) p.insightIds = ids;
    const base = from0<number>(basePriority);
    if (base !== undefined) p.basePriority = base;
    if (from0(basis) !== undefined) p.basis = this.text(basis, `${path}[8]`);
    // v1 key order: id, kind, title, why, skus, insightIds, priority, basePriority, basis.
    return {
      id: p.id,
      kind: p.kind,
      title: p.title,
      why: p.why,
      ...(p.skus === undefined ? {} : { skus: p.skus }),
      ...(p.insightIds === undefined ? {} : { insightIds: p.insightIds }),
      priority: p.priority,
      ...(p.basePriority === undefined ? {} : { basePriority: p.basePriority }),
      ...(p.basis === undefined ? {} : { basis: p.basis }),
    };
  }

  private patterns(v: unknown, path: string): Patterns {
    const r = this.array(v, path);
    const [top, cats, orders12m, revenue12m, prev, ordersTotal, first, last, median, regularity, next, overdue] = r;
    const [trend, monthsStart, revenues, seasonality] = r.slice(12);
    const revs = this.array(revenues, `${path}[14]`) as number[];
    let months: string[];
    if (Array.isArray(monthsStart)) months = monthsStart as string[];
    else {
      months = [];
      let m = monthsStart as string | null;
      for (let i = 0; i < revs.length && m !== null; i++) {
        months.push(m);
        m = nextMonth(m);
      }
    }
    const season = seasonality === null ? null : (this.array(seasonality, `${path}[15]`) as [number[], number]);
    return {
      topProducts: this.array(top, `${path}[0]`).map((t, i) => {
        const r = t as unknown[];
        if (r.length === 3) {
          const product = this.products[r[0] as number];
          if (product === undefined) this.fail(`${path}[0].${i}`, `no product at index ${String(r[0])}`);
          return { sku: product.sku, name: product.name, share: r[1] as number, orders: r[2] as number };
        }
        const [sku, name, share, orders] = r as [string, unknown, number, number];
        return { sku, name: this.name(sku, name), share, orders };
      }),
      topCategories: this.array(cats, `${path}[1]`).map((t) => {
        const [category, share] = t as [string | number, number];
        return { category: typeof category === 'number' ? (this.categories[category] ?? '') : category, share };
      }),
      orders12m: orders12m as number,
      revenue12m: revenue12m as number,
      ...(prev === null || prev === undefined ? {} : { revenuePrev12m: prev as number }),
      ...(ordersTotal === null || ordersTotal === undefined ? {} : { ordersTotal: ordersTotal as number }),
      firstOrderDate: unday(first),
      lastOrderDate: unday(last),
      medianIntervalDays: median as number | null,
      regularity: regularity as number | null,
      nextOrderExpected: unday(next),
      overdue: overdue === 1,
      trend: trend as number | null,
      monthly: revs.map((revenue, i) => ({ month: months[i] ?? '', revenue })),
      seasonality: season === null ? null : { peakMonths: season[0], strength: season[1] },
    };
  }

  account(v: unknown, path: string): ScoredAccount {
    const r = this.array(v, path);
    const [id, name, domains, industry, region, ownerEmail, crm, valueScore, segment, criteria, clv, patterns] = r;
    const [crossSell, points, heldOut] = r.slice(12);
    const crmIds: CrmIds = {};
    this.array(crm, `${path}[6]`).forEach((value, i) => {
      const key = CRM_ORDER[i];
      if (key !== undefined && typeof value === 'string') crmIds[key] = value;
    });
    const [pAlive, expectedOrders12m, expectedRevenue12m] = this.array(clv, `${path}[10]`) as number[];
    const patternsOf = this.patterns(patterns, `${path}[11]`);
    const account: Omit<ScoredAccount, 'talkingPoints'> & Partial<Pick<ScoredAccount, 'talkingPoints'>> = {
      id: id as string,
      name: name as string,
      domains: domains as string[],
      ...(from0(industry) === undefined ? {} : { industry: industry as string }),
      ...(from0(region) === undefined ? {} : { region: region as string }),
      ...(typeof ownerEmail === 'number'
        ? { ownerEmail: this.owners[ownerEmail] ?? this.fail(`${path}[5]`, `no owner at index ${ownerEmail}`) }
        : {}),
      crmIds,
      valueScore: valueScore as number,
      segment: segment as ScoredAccount['segment'],
      criteria: this.criteria(criteria, `${path}[9]`),
      clv: { pAlive: pAlive!, expectedOrders12m: expectedOrders12m!, expectedRevenue12m: expectedRevenue12m! },
      patterns: patternsOf,
      crossSell: this.array(crossSell, `${path}[12]`).map((c, i) =>
        this.crossSell(c, `${path}[12].${i}`, patternsOf.ordersTotal ?? 0, valueScore as number),
      ),
    };
    const talkingPoints = this.array(points, `${path}[13]`).map((p, i) => this.point(p, `${path}[13].${i}`, account));
    const result: ScoredAccount = { ...account, talkingPoints };
    if (heldOut !== undefined)
      result.heldOutTalkingPoints = this.array(heldOut, `${path}[14]`).map((p, i) =>
        this.point(p, `${path}[14].${i}`, account),
      );
    return result;
  }
}

/**
 * The expanded (v1-shaped) snapshot of a v2 document; the result still needs `SnapshotSchema` to be trusted.
 * @throws {Error} naming the path of the first value that cannot be decoded
 */
export function decodeSnapshotV2(value: unknown): Omit<Snapshot, 'schemaVersion'> & { schemaVersion: 1 } {
  const envelope = SnapshotV2EnvelopeSchema.safeParse(value);
  if (!envelope.success) {
    const issue = envelope.error.issues[0]!;
    throw new Error(`snapshot v2: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const { keys, accounts, weights, categories, owners, roles, contacts, schemaVersion: _v, ...rest } = envelope.data;
  const doc = rest as Omit<Snapshot, 'schemaVersion' | 'accounts' | 'contacts'>;
  const decoder = new Decoder(
    keys,
    typeof doc.currency === 'string' ? doc.currency : 'EUR',
    Array.isArray(doc.products) ? doc.products : [],
    weights,
    categories,
    Array.isArray(doc.rules) ? doc.rules : [],
    owners,
  );
  try {
    const decoded = accounts.map((a, i) => decoder.account(a, `accounts.${i}`));
    const domainsById = new Map(decoded.map((a) => [a.id, a.domains]));
    return {
      ...doc,
      schemaVersion: 1,
      accounts: decoded,
      contacts: contacts.map((c, i): Contact => {
        const [email, name, accountId, role] = c;
        if (typeof email !== 'string' || typeof name !== 'string' || typeof accountId !== 'string')
          throw new DecodeError(`contacts.${i}: expected [email, name, accountId, role?]`);
        const full = email.endsWith('@') ? `${email}${domainsById.get(accountId)?.[0] ?? ''}` : email;
        if (role === undefined) return { email: full, name, accountId };
        const r = typeof role === 'number' ? roles[role] : role;
        if (r === undefined) throw new DecodeError(`contacts.${i}[3]: no role at index ${String(role)}`);
        return { email: full, name, accountId, role: r };
      }),
    };
  } catch (error) {
    throw new Error(`snapshot v2: ${(error as Error).message}`);
  }
}
