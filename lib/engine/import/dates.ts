/**
 * Dates as exports write them: `dd.mm.yyyy`, `d.m.yyyy`, Excel's `dd.mm.yy`, ISO `yyyy-mm-dd`, each optionally with
 * a time (which is dropped: an order line's date is the day the ERP booked it).
 */

const GERMAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export type DateResult = { ok: true; iso: string } | { ok: false; reason: 'format' | 'no_such_date' };

/**
 * Reads a date to ISO `yyyy-mm-dd`. Two-digit years follow Excel's window: 00–29 → 2000–2029, 30–99 → 1930–1999
 * (https://learn.microsoft.com/en-us/office/troubleshoot/excel/two-digit-year-numbers). A well-formed date that
 * does not exist (31.02.2024) is `no_such_date`. O(length).
 *
 * @example
 * parseDate('1.3.2024'); // => { ok: true, iso: '2024-03-01' }
 * parseDate('31.02.2024'); // => { ok: false, reason: 'no_such_date' }
 */
export function parseDate(text: string): DateResult {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const german = GERMAN.exec(s);
  if (german) {
    d = Number(german[1]);
    m = Number(german[2]);
    const year = german[3] as string;
    y = year.length === 2 ? (Number(year) < 30 ? 2000 : 1900) + Number(year) : Number(year);
  } else {
    const iso = ISO.exec(s);
    if (!iso) return { ok: false, reason: 'format' };
    y = Number(iso[1]);
    m = Number(iso[2]);
    d = Number(iso[3]);
  }
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { ok: false, reason: 'no_such_date' };
  return { ok: true, iso: `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}` };
}

/** Gregorian month length. */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * parseDate with a memo: exports repeat the same few hundred dates a million times. The memo is dropped when it
 * grows past `limit` distinct texts, so memory stays bounded.
 */
export class DateReader {
  private memo = new Map<string, DateResult>();

  constructor(private readonly limit = 20_000) {}

  read(text: string): DateResult {
    let result = this.memo.get(text);
    if (result === undefined) {
      result = parseDate(text);
      if (this.memo.size >= this.limit) this.memo.clear();
      this.memo.set(text, result);
    }
    return result;
  }
}
