/**
 * A plain pre-check of the order lines the reader builds, for the million-line case: it accepts a line only where
 * OrderLineSchema would, so that zod runs (and words its issues) only for lines the pre-check cannot vouch for.
 * The schema stays the contract: dates are checked by the schema's own date check, once per distinct text.
 */
import { OrderLineSchema, type OrderLine } from '../records.ts';

/** The fields this check knows; a test compares them with the schema's, so a new field cannot slip past it. */
export const CHECKED_ORDER_FIELDS = [
  'orderId',
  'accountId',
  'orderDate',
  'sku',
  'productName',
  'category',
  'quantity',
  'netAmount',
  'currency',
  'margin',
] as const;

const DATE_MEMO_LIMIT = 20_000;
const dateSchema = OrderLineSchema.shape.orderDate;
const nonEmpty = (s: unknown): boolean => typeof s === 'string' && s.length > 0;

/** Remembers the schema's verdict on each distinct date text (bounded). */
export class OrderLineCheck {
  private readonly dates = new Map<string, boolean>();

  /**
   * True only when OrderLineSchema accepts the line: non-empty ids and SKU, string names, finite numbers, a
   * three-character currency and a finite margin where present, an ISO date. False means "ask the schema". O(1).
   * @example new OrderLineCheck().passes({ orderId: '1', accountId: 'a', orderDate: '2024-02-30', sku: 'X', productName: '', category: '', quantity: 1, netAmount: 1 }) // => false
   */
  passes(line: OrderLine): boolean {
    return (
      nonEmpty(line.orderId) &&
      nonEmpty(line.accountId) &&
      nonEmpty(line.sku) &&
      typeof line.productName === 'string' &&
      typeof line.category === 'string' &&
      Number.isFinite(line.quantity) &&
      Number.isFinite(line.netAmount) &&
      (line.currency === undefined || (typeof line.currency === 'string' && line.currency.length === 3)) &&
      (line.margin === undefined || Number.isFinite(line.margin)) &&
      this.date(line.orderDate)
    );
  }

  private date(text: string): boolean {
    let ok = this.dates.get(text);
    if (ok === undefined) {
      ok = dateSchema.safeParse(text).success;
      if (this.dates.size >= DATE_MEMO_LIMIT) this.dates.clear();
      this.dates.set(text, ok);
    }
    return ok;
  }
}
