/**
 * One row of cells → one canonical record. Each field is parsed by the file's dialect (numbers, dates, domains,
 * emails, CRM ids), every problem becomes an issue naming file, row, column and value, and a row that parsed is
 * then checked against the records' zod schema, the contract the scoring relies on.
 */
import type { z } from 'zod';
import {
  AccountRecordSchema,
  ContactRecordSchema,
  OrderLineSchema,
  ProductRecordSchema,
  type AccountRecord,
  type ContactRecord,
  type OrderLine,
  type ProductRecord,
} from '../records.ts';
import { CRM_KEYS, type CrmIds, type CrmKey } from '../snapshot.ts';
import type { ResolvedColumns } from './columns.ts';
import { normaliseCrmId } from './crm-ids.ts';
import type { DateReader } from './dates.ts';
import { parseNumber, type DecimalSeparator } from './numbers.ts';
import { OrderLineCheck } from './order-check.ts';
import { type IssueLog, makeIssue } from './report.ts';
import { detach, StringPool } from './string-pool.ts';
import type { IssueCode } from './types.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;
const CURRENCY = /^[A-Z]{3}$/;
const CURRENCY_SIGNS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', FR: 'CHF', 'SFR.': 'CHF' };

/** A canonical column resolved in one file: its cell index (-1 when the file lacks it) and header. */
export interface Column {
  name: string;
  index: number;
  header: string;
}

/**
 * The cells of the current row, read through resolved columns. Columns are resolved once per file (`col`), so the
 * per-row work is index access and parsing only.
 */
export class RowReader {
  private values: readonly unknown[] = [];
  private readonly refs = new Map<string, Column>();
  private lastCurrency = { text: '', code: '', ok: false };
  row = 0;
  failed = false;

  constructor(
    readonly file: string,
    private readonly columns: ResolvedColumns,
    private readonly decimal: DecimalSeparator,
    private readonly errors: IssueLog,
    private readonly dates: DateReader,
  ) {}

  col(name: string): Column {
    let ref = this.refs.get(name);
    if (!ref) {
      ref = { name, index: this.columns.index[name] ?? -1, header: this.columns.mapping[name] ?? name };
      this.refs.set(name, ref);
    }
    return ref;
  }

  start(values: readonly unknown[], row: number): void {
    this.values = values;
    this.row = row;
    this.failed = false;
  }

  /** The cell as it stands in the file, for messages. */
  display(c: Column): string {
    const v = c.index < 0 ? undefined : this.values[c.index];
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return JSON.stringify(v);
  }

  fail(code: IssueCode, c: Column, params: Record<string, string | number> = {}): void {
    this.failed = true;
    this.errors.add(makeIssue(code, this.file, this.row, c.header, this.display(c), params));
  }

  /** Trimmed text; undefined when the column is absent or the cell empty. Arrays (JSON) join with ", ". */
  text(c: Column): string | undefined {
    if (c.index < 0) return undefined;
    const v = this.values[c.index];
    let s: string;
    if (typeof v === 'string') s = v.trim();
    else if (typeof v === 'number' || typeof v === 'boolean') s = String(v);
    else if (Array.isArray(v)) s = v.map(String).join(', ');
    else return undefined;
    return s === '' ? undefined : s;
  }

  required(c: Column): string {
    const s = this.text(c);
    if (s === undefined) {
      this.fail('required', c);
      return '';
    }
    return s;
  }

  number(c: Column, required: boolean): number | undefined {
    const v = c.index < 0 ? undefined : this.values[c.index];
    if (typeof v === 'number') {
      if (Number.isFinite(v)) return v;
      this.fail('number', c);
      return undefined;
    }
    const s = this.text(c);
    if (s === undefined) {
      if (required) this.fail('required', c);
      return undefined;
    }
    const n = parseNumber(s, this.decimal);
    if (n === undefined) this.fail('number', c);
    return n;
  }

  date(c: Column): string {
    const s = this.text(c);
    if (s === undefined) {
      this.fail('required', c);
      return '';
    }
    const d = this.dates.read(s);
    if (d.ok) return d.iso;
    this.fail(d.reason === 'format' ? 'date' : 'no_such_date', c);
    return '';
  }

  email(c: Column, required: boolean): string | undefined {
    const s = this.text(c);
    if (s === undefined) {
      if (required) this.fail('required', c);
      return undefined;
    }
    const email = s.replace(/^mailto:/i, '').toLowerCase();
    if (!EMAIL.test(email)) this.fail('email', c);
    return email;
  }

  /** `a.de|b.com`, `a.de, b.com`, `https://www.a.de/x`, `info@a.de` → ['a.de', 'b.com'], lower case, deduplicated. */
  domains(c: Column): string[] {
    const s = this.text(c);
    if (s === undefined) return [];
    const out: string[] = [];
    for (const part of s.split(/[|,;\s]+/)) {
      if (part === '') continue;
      const domain = part
        .toLowerCase()
        .replace(/^mailto:/, '')
        .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
        .replace(/^.*@/, '')
        .replace(/[/?#:].*$/, '')
        .replace(/^www\./, '')
        .replace(/\.$/, '');
      if (!DOMAIN.test(domain)) this.fail('domain', c, { part });
      else if (!out.includes(domain)) out.push(domain);
    }
    return out;
  }

  /** ISO 4217 code; `€`, `$`, `£` and lower case accepted. The last text is remembered: files repeat one currency. */
  currency(c: Column): string | undefined {
    const s = this.text(c);
    if (s === undefined) return undefined;
    const last = this.lastCurrency;
    if (s !== last.text) {
      const code = CURRENCY_SIGNS[s.toUpperCase()] ?? s.toUpperCase();
      this.lastCurrency = { text: s, code, ok: CURRENCY.test(code) };
    }
    if (!this.lastCurrency.ok) this.fail('currency', c);
    return this.lastCurrency.code;
  }

  crmIds(columns: readonly (readonly [CrmKey, Column])[]): CrmIds {
    const ids: CrmIds = {};
    for (const [crm, c] of columns) {
      const s = this.text(c);
      if (s === undefined) continue;
      const id = normaliseCrmId(crm, s);
      if (id === undefined) this.fail('crm_id', c, { crm });
      else ids[crm] = id;
    }
    return ids;
  }

  /**
   * Runs the records' schema over a parsed row; each failure names the column of the offending field. `passes`, a
   * cheaper check that accepts only what the schema accepts, spares the schema run for rows it vouches for.
   */
  check<T>(
    schema: z.ZodType<T>,
    record: T,
    columnOf: Record<string, Column>,
    passes?: (record: T) => boolean,
  ): T | undefined {
    if (this.failed) return undefined;
    if (passes?.(record)) return record;
    const result = schema.safeParse(record);
    if (result.success) return record;
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join('.');
      const c = columnOf[field] ?? columnOf[String(issue.path[0])] ?? { name: field, index: -1, header: field };
      this.fail('invalid', c, { detail: issue.message });
    }
    return undefined;
  }
}

/** `a` then the items of `b` that `a` lacks. */
function union(a: string[], b: string[]): string[] {
  for (const item of b) if (!a.includes(item)) a.push(item);
  return a;
}

/** Per-file converters: columns resolved once, then one call per row. */
export function accountReader(r: RowReader): () => AccountRecord | undefined {
  const c = {
    id: r.col('account_id'),
    name: r.col('name'),
    domains: r.col('domains'),
    industry: r.col('industry'),
    region: r.col('region'),
    ownerEmail: r.col('owner_email'),
    email: r.col('email'),
  };
  const crm = [...CRM_KEYS, 'custom' as const].map((k) => [k, r.col(`${k}_id`)] as const);
  const columnOf: Record<string, Column> = { ...c, ...Object.fromEntries(crm.map(([k, col]) => [`crmIds.${k}`, col])) };
  return () => {
    const account: AccountRecord = {
      id: r.required(c.id),
      name: r.required(c.name),
      domains: union(r.domains(c.domains), r.domains(c.email)),
      crmIds: r.crmIds(crm),
    };
    const industry = r.text(c.industry);
    const region = r.text(c.region);
    const ownerEmail = r.email(c.ownerEmail, false);
    if (industry !== undefined) account.industry = industry;
    if (region !== undefined) account.region = region;
    if (ownerEmail !== undefined) account.ownerEmail = ownerEmail;
    return r.check(AccountRecordSchema, account, columnOf);
  };
}

export function orderReader(r: RowReader): () => OrderLine | undefined {
  const c = {
    orderId: r.col('order_id'),
    accountId: r.col('account_id'),
    orderDate: r.col('order_date'),
    sku: r.col('sku'),
    productName: r.col('product_name'),
    category: r.col('category'),
    quantity: r.col('quantity'),
    netAmount: r.col('net_amount'),
    currency: r.col('currency'),
    margin: r.col('margin'),
  };
  const lineCheck = new OrderLineCheck();
  const passes = (line: OrderLine): boolean => lineCheck.passes(line);
  // Lines repeat their ids and product texts. The lines of an order come together, so the order and account id are
  // reused from the line before where equal; the texts of a SKU from its last line. Other values go through a pool,
  // so that the dataset keeps one string per distinct value instead of one per line.
  const pool = new StringPool();
  const texts = new Map<string, { sku: string; name: string; category: string }>();
  let last = { orderId: '', accountId: '' };
  return () => {
    let orderId = r.required(c.orderId);
    let accountId = r.required(c.accountId);
    if (orderId === last.orderId && accountId === last.accountId) {
      orderId = last.orderId;
      accountId = last.accountId;
    } else {
      orderId = detach(orderId);
      accountId = pool.get(accountId);
      last = { orderId, accountId };
    }
    const orderDate = r.date(c.orderDate);
    const skuText = r.required(c.sku);
    const nameText = r.text(c.productName) ?? '';
    const categoryText = r.text(c.category) ?? '';
    let product = texts.get(skuText);
    if (product === undefined) {
      product = { sku: pool.get(skuText), name: pool.get(nameText), category: pool.get(categoryText) };
      texts.set(product.sku, product);
    } else {
      if (nameText !== product.name) product.name = pool.get(nameText);
      if (categoryText !== product.category) product.category = pool.get(categoryText);
    }
    const quantity = r.number(c.quantity, true) ?? 0;
    const netAmount = r.number(c.netAmount, true) ?? 0;
    const currency = r.currency(c.currency);
    const margin = r.number(c.margin, false);
    const sku = product.sku;
    const productName = product.name;
    const category = product.category;
    // One literal per combination of the optional fields, so that every line is built in one piece.
    const line: OrderLine =
      currency !== undefined
        ? margin !== undefined
          ? { orderId, accountId, orderDate, sku, productName, category, quantity, netAmount, currency, margin }
          : { orderId, accountId, orderDate, sku, productName, category, quantity, netAmount, currency }
        : margin !== undefined
          ? { orderId, accountId, orderDate, sku, productName, category, quantity, netAmount, margin }
          : { orderId, accountId, orderDate, sku, productName, category, quantity, netAmount };
    return r.check(OrderLineSchema, line, c, passes);
  };
}

export function productReader(r: RowReader): () => ProductRecord | undefined {
  const c = { sku: r.col('sku'), name: r.col('name'), category: r.col('category') };
  return () =>
    r.check(
      ProductRecordSchema,
      { sku: r.required(c.sku), name: r.required(c.name), category: r.text(c.category) ?? '' },
      c,
    );
}

export function contactReader(r: RowReader): () => ContactRecord | undefined {
  const c = { email: r.col('email'), name: r.col('name'), accountId: r.col('account_id'), role: r.col('role') };
  const first = r.col('first_name');
  const last = r.col('last_name');
  return () => {
    const parts = [r.text(first), r.text(last)].filter((p) => p !== undefined);
    const contact: ContactRecord = {
      email: r.email(c.email, true) ?? '',
      name: r.text(c.name) ?? parts.join(' '),
      accountId: r.required(c.accountId),
    };
    const role = r.text(c.role);
    if (role !== undefined) contact.role = role;
    return r.check(ContactRecordSchema, contact, c);
  };
}
