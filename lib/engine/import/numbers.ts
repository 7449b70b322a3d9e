/**
 * Numbers as exports write them: `1.234,56`, `1234,56`, `-12,5` (German), `1,234.56`, `1234.56` (English), with an
 * SAP-style trailing minus (`12,50-`) and space or apostrophe thousands (`1 234,56`, `1'234.56`). A value is read by
 * its own shape where that is unambiguous; only one separator followed by exactly three digits (`1.234`, `0,125` is
 * not: a group never starts with 0) is read by the file's decimal separator.
 */

export type DecimalSeparator = ',' | '.';

const EXPONENT = /^(\d+(?:[.,]\d+)?)[eE]([+-]?\d+)$/;
const SPACES = /[\s\u00a0\u202f']/g;
/** Space or apostrophe thousands: `1 234,56`, `1'234.56`. */
const SPACED = /^\d{1,3}([\s\u00a0\u202f']\d{3})+([.,]\d+)?$/;

/**
 * Reads a number from an export cell; undefined if the text is not a number. O(length).
 *
 * @param decimal the file's decimal separator, used only for an ambiguous value such as `1.234`
 * @example
 * parseNumber('1.234,56', ','); // => 1234.56
 * parseNumber('1.234', ','); // => 1234
 * parseNumber('1.234', '.'); // => 1.234
 * parseNumber('12,50-', '.'); // => -12.5
 */
export function parseNumber(text: string, decimal: DecimalSeparator): number | undefined {
  let s = text.trim();
  let sign = 1;
  const first = s.charCodeAt(0);
  if (first === 45 || first === 43) {
    sign = first === 45 ? -1 : 1;
    s = s.slice(1).trimStart();
  } else if (s.charCodeAt(s.length - 1) === 45) {
    sign = -1;
    s = s.slice(0, -1).trimEnd();
  }
  let value = unsigned(s, decimal);
  if (value === undefined && SPACED.test(s)) value = unsigned(s.replace(SPACES, ''), decimal);
  return value === undefined ? undefined : sign * value;
}

/**
 * One pass over the characters: digits and at most two kinds of separators, then the shape decides. The value is
 * the digits as an integer divided by a power of ten: with at most 15 digits both are exact doubles, so the one
 * division is correctly rounded and equals what `Number('1234.56')` gives (Clinger's fast path), with no strings
 * built. Longer numbers go through `Number`.
 */
function unsigned(s: string, decimal: DecimalSeparator): number | undefined {
  let commas = 0;
  let dots = 0;
  let lastComma = -1;
  let lastDot = -1;
  let digits = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
    } else if (c === 44) {
      commas++;
      lastComma = i;
    } else if (c === 46) {
      dots++;
      lastDot = i;
    } else return exponential(s, decimal);
  }
  if (digits === 0) return undefined;
  if (commas === 0 && dots === 0) return scaled(s, n, digits, 0);
  if (commas > 0 && dots > 0) {
    // Both: the later one is the decimal separator (once), the other groups thousands before it.
    const commaDecimal = lastComma > lastDot;
    const at = commaDecimal ? lastComma : lastDot;
    if ((commaDecimal ? commas : dots) !== 1 || at === s.length - 1) return undefined;
    if (!grouped(s, commaDecimal ? 46 : 44, at)) return undefined;
    return scaled(s, n, digits, s.length - at - 1);
  }
  const sep = commas > 0 ? ',' : '.';
  const at = commas > 0 ? lastComma : lastDot;
  if (commas + dots > 1) return grouped(s, sep.charCodeAt(0), s.length) ? scaled(s, n, digits, 0) : undefined;
  const fraction = s.length - at - 1;
  if (fraction === 0) return undefined;
  const couldGroup = fraction === 3 && at >= 1 && at <= 3 && s.charCodeAt(0) !== 48;
  return scaled(s, n, digits, couldGroup && sep !== decimal ? 0 : fraction);
}

/** The digits `n` with the last `fractionDigits` of them after the decimal point. */
function scaled(s: string, n: number, digits: number, fractionDigits: number): number {
  if (digits > 15)
    return Number(
      `${s.slice(0, s.length - fractionDigits).replace(/[.,]/g, '')}.${s.slice(s.length - fractionDigits)}`,
    );
  return fractionDigits === 0 ? n : n / (POWERS_OF_TEN[fractionDigits] as number);
}

/** 10^0 … 10^22, all exact doubles. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Whether the separators `sep` before `end` group digits in threes: `1.234.567` up to the end or a decimal mark. */
function grouped(s: string, sep: number, end: number): boolean {
  let previous = -1;
  for (let i = 0; i < end; i++) {
    if (s.charCodeAt(i) !== sep) continue;
    if (previous < 0 ? i < 1 || i > 3 : i - previous !== 4) return false;
    previous = i;
  }
  return previous >= 0 && end - previous === 4;
}

/** `1.5E+03`, `1,5E-2`. */
function exponential(s: string, decimal: DecimalSeparator): number | undefined {
  const m = EXPONENT.exec(s);
  if (!m) return undefined;
  const mantissa = unsigned(m[1] as string, decimal);
  return mantissa === undefined ? undefined : mantissa * Math.pow(10, Number(m[2]));
}

/**
 * Evidence for the decimal separator from one value: ',' or '.' where the value can only be read one way, undefined
 * where it is an integer or ambiguous. O(length).
 *
 * @example
 * decimalEvidence('1.234,56'); // => ','
 * decimalEvidence('1,234'); // => undefined
 */
export function decimalEvidence(text: string): DecimalSeparator | undefined {
  const s = text
    .trim()
    .replace(/^[+-]|-$/g, '')
    .replace(SPACES, '');
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) return comma > dot ? ',' : '.';
  const at = Math.max(comma, dot);
  if (at < 0) return undefined;
  const sep = comma >= 0 ? ',' : '.';
  if (s.indexOf(sep) !== at) return sep === ',' ? '.' : ',';
  const whole = s.slice(0, at);
  const fraction = s.slice(at + 1);
  const couldGroup = fraction.length === 3 && whole.length >= 1 && whole.length <= 3 && whole[0] !== '0';
  return couldGroup ? undefined : sep;
}

/**
 * The decimal separator for a file from sample values of its numeric columns: the majority of the unambiguous ones,
 * else the delimiter's custom (`;` and tab files come from German Excel, `,` files from English tools). O(samples).
 *
 * @example
 * detectDecimal(['1.234', '12,5'], ';'); // => ','
 * detectDecimal(['1.234'], ','); // => '.'
 */
export function detectDecimal(samples: readonly string[], delimiter: string): DecimalSeparator {
  let comma = 0;
  let dot = 0;
  for (const s of samples) {
    const e = decimalEvidence(s);
    if (e === ',') comma++;
    else if (e === '.') dot++;
  }
  if (comma !== dot) return comma > dot ? ',' : '.';
  return delimiter === ',' ? '.' : ',';
}
