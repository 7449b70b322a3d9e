/**
 * Talking-point texts in both UI languages. The texts live in Chrome's messages.json format (en.json, de.json:
 * `{key: {message, description}}`, positional placeholders $1…$9, `$$` for a literal dollar sign) so translators
 * work on them like on `_locales`; the engine renders both languages itself because it also runs in Node.
 * Numbers, money, percentages and dates are formatted with Intl for 'en-US' and 'de-DE'.
 */
import de from './de.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import type { LocalizedText } from '../snapshot.ts';

export type MessageKey = keyof typeof en;
export type Locale = 'en' | 'de';
export const LOCALES: readonly Locale[] = ['en', 'de'];
const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', de: 'de-DE' };
const CATALOGS: Record<Locale, Record<string, { message: string }>> = { en, de };

/** An argument of a message: a plain string, or a value formatted per locale. */
export type MessageArg =
  | string
  | { int: number }
  | { decimal: number }
  | { signed: number }
  | { percent: number }
  | { money: number; currency: string }
  | { date: string }
  | { list: string[] };

const formatters = new Map<string, { format(x: never): string }>();

function cached<T extends { format(x: never): string }>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (f === undefined) {
    f = make();
    formatters.set(key, f);
  }
  return f as T;
}

/**
 * Formats one argument for a locale.
 * @example formatArg({ money: 1234.5, currency: 'EUR' }, 'de') // => '1.235 €'
 * @example formatArg({ percent: 0.78 }, 'en') // => '78%'
 */
export function formatArg(arg: MessageArg, locale: Locale): string {
  const tag = INTL_LOCALE[locale];
  if (typeof arg === 'string') return arg;
  if ('int' in arg)
    return cached(`${tag}|int`, () => new Intl.NumberFormat(tag, { maximumFractionDigits: 0 })).format(arg.int);
  if ('decimal' in arg) {
    return cached(`${tag}|dec`, () => new Intl.NumberFormat(tag, { maximumFractionDigits: 1 })).format(arg.decimal);
  }
  if ('signed' in arg) {
    return cached(
      `${tag}|signed`,
      () => new Intl.NumberFormat(tag, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
    ).format(arg.signed);
  }
  if ('percent' in arg) {
    return cached(
      `${tag}|pct`,
      () => new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }),
    ).format(arg.percent);
  }
  if ('money' in arg) {
    return cached(
      `${tag}|money|${arg.currency}`,
      () =>
        new Intl.NumberFormat(tag, {
          style: 'currency',
          currency: arg.currency,
          maximumFractionDigits: 0,
          minimumFractionDigits: 0,
        }),
    ).format(arg.money);
  }
  if ('date' in arg) {
    return cached(`${tag}|date`, () => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' })).format(
      new Date(`${arg.date}T00:00:00Z`),
    );
  }
  return cached(`${tag}|list`, () => new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' })).format(arg.list);
}

/**
 * Fills a message's $1…$9 with the already formatted strings; `$$` is a dollar sign.
 * @throws {Error} when the key is unknown or a placeholder has no argument
 * @example fillMessage('en', 'tp_cross_sell_title', ['Toner']) // => 'Offer Toner'
 */
export function fillMessage(locale: Locale, key: MessageKey, args: readonly string[]): string {
  const entry = CATALOGS[locale][key];
  if (entry === undefined) throw new Error(`fillMessage: no message "${key}" in ${locale}.json`);
  return entry.message.replace(/\$(\$|[1-9])/g, (_, d: string) => {
    if (d === '$') return '$';
    const value = args[Number(d) - 1];
    if (value === undefined)
      throw new Error(`fillMessage: ${locale}.json "${key}" needs $${d}, got ${args.length} arguments`);
    return value;
  });
}

/**
 * A message in every locale, its arguments formatted per locale.
 * @example localize('tp_decline_title', [{ percent: 0.4 }]) // => { en: 'Revenue down 40%', de: 'Umsatz um 40 % gesunken' }
 */
export function localize(key: MessageKey, args: readonly MessageArg[] = []): LocalizedText {
  return {
    en: fillMessage(
      'en',
      key,
      args.map((a) => formatArg(a, 'en')),
    ),
    de: fillMessage(
      'de',
      key,
      args.map((a) => formatArg(a, 'de')),
    ),
  };
}
