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

interface Formatters {
  int: Intl.NumberFormat;
  decimal: Intl.NumberFormat;
  signed: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  date: Intl.DateTimeFormat;
  list: Intl.ListFormat;
  money: Map<string, Intl.NumberFormat>;
  /** Formatted dates by ISO date: a portfolio has a few thousand distinct dates and formats each many times. */
  dates: Map<string, string>;
  /** Formatted counts, shares and decimals by kind and value: days, orders and percentages repeat across accounts. */
  numbers: Record<'int' | 'decimal' | 'signed' | 'percent', Map<number, string>>;
}

/** Values remembered per kind and locale before the memo starts afresh. */
const NUMBER_MEMO_LIMIT = 10_000;

const formatters = new Map<Locale, Formatters>();

function formattersOf(locale: Locale): Formatters {
  let f = formatters.get(locale);
  if (f === undefined) {
    const tag = INTL_LOCALE[locale];
    f = {
      int: new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }),
      decimal: new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }),
      signed: new Intl.NumberFormat(tag, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
      percent: new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 }),
      date: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }),
      list: new Intl.ListFormat(tag, { style: 'long', type: 'conjunction' }),
      money: new Map(),
      dates: new Map(),
      numbers: { int: new Map(), decimal: new Map(), signed: new Map(), percent: new Map() },
    };
    formatters.set(locale, f);
  }
  return f;
}

/**
 * Formats one argument for a locale.
 * @example formatArg({ money: 1234.5, currency: 'EUR' }, 'de') // => '1.235 €'
 * @example formatArg({ percent: 0.78 }, 'en') // => '78%'
 */
export function formatArg(arg: MessageArg, locale: Locale): string {
  if (typeof arg === 'string') return arg;
  const f = formattersOf(locale);
  if ('int' in arg) return formatNumber(f, 'int', arg.int);
  if ('decimal' in arg) return formatNumber(f, 'decimal', arg.decimal);
  if ('signed' in arg) return formatNumber(f, 'signed', arg.signed);
  if ('percent' in arg) return formatNumber(f, 'percent', arg.percent);
  if ('money' in arg) {
    let money = f.money.get(arg.currency);
    if (money === undefined) {
      const options = {
        style: 'currency',
        currency: arg.currency,
        maximumFractionDigits: 0,
        minimumFractionDigits: 0,
      } as const;
      money = new Intl.NumberFormat(INTL_LOCALE[locale], options);
      f.money.set(arg.currency, money);
    }
    return money.format(arg.money);
  }
  if ('date' in arg) {
    let text = f.dates.get(arg.date);
    if (text === undefined) {
      text = f.date.format(new Date(`${arg.date}T00:00:00Z`));
      f.dates.set(arg.date, text);
    }
    return text;
  }
  return f.list.format(arg.list);
}

function formatNumber(f: Formatters, kind: keyof Formatters['numbers'], value: number): string {
  const memo = f.numbers[kind];
  let text = memo.get(value);
  if (text === undefined) {
    text = f[kind].format(value);
    if (memo.size >= NUMBER_MEMO_LIMIT) memo.clear();
    memo.set(value, text);
  }
  return text;
}

/** A message split once at its placeholders: literal text, and argument indexes (0-based) in between. */
type Template = readonly (string | number)[];
const templates: Record<Locale, Map<string, Template>> = { en: new Map(), de: new Map() };

function templateOf(locale: Locale, key: MessageKey): Template {
  let template = templates[locale].get(key);
  if (template === undefined) {
    const entry = CATALOGS[locale][key];
    if (entry === undefined) throw new Error(`fillMessage: no message "${key}" in ${locale}.json`);
    const parts: (string | number)[] = [];
    let text = '';
    let at = 0;
    for (const m of entry.message.matchAll(/\$(\$|[1-9])/g)) {
      text += entry.message.slice(at, m.index);
      at = m.index + m[0].length;
      if (m[1] === '$') text += '$';
      else {
        parts.push(text, Number(m[1]) - 1);
        text = '';
      }
    }
    parts.push(text + entry.message.slice(at));
    template = parts;
    templates[locale].set(key, template);
  }
  return template;
}

/**
 * Fills a message's $1…$9 with the already formatted strings; `$$` is a dollar sign.
 * @throws {Error} when the key is unknown or a placeholder has no argument
 * @example fillMessage('en', 'tp_cross_sell_title', ['Toner']) // => 'Offer Toner'
 */
export function fillMessage(locale: Locale, key: MessageKey, args: readonly string[]): string {
  const template = templateOf(locale, key);
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = args[part];
    if (value === undefined)
      throw new Error(`fillMessage: ${locale}.json "${key}" needs $${part + 1}, got ${args.length} arguments`);
    out += value;
  }
  return out;
}

/**
 * A message in every locale, its arguments formatted per locale.
 * @example localize('tp_decline_title', [{ percent: 0.4 }]) // => { en: 'Revenue down 40%', de: 'Umsatz um 40 % gesunken' }
 */
export function localize(key: MessageKey, args: readonly MessageArg[] = []): LocalizedText {
  const text: LocalizedText = {
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
  SOURCES.set(text, { key, args });
  return text;
}

/** A localized text's message key and arguments, as `localize` made it. */
export interface MessageSource {
  key: MessageKey;
  args: readonly MessageArg[];
}

/** The sources of the texts `localize` made, so that the compact snapshot (snapshot-v2.ts) stores keys, not texts. */
const SOURCES = new WeakMap<LocalizedText, MessageSource>();

/**
 * The key and arguments a text was rendered from, or undefined for a text `localize` did not make (or a copy).
 * @example sourceOf(localize('tp_win_back_title'))?.key // => 'tp_win_back_title'
 */
export function sourceOf(text: LocalizedText): MessageSource | undefined {
  return SOURCES.get(text);
}

/** Whether a string is a key of the talking-point catalogue. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
