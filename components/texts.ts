/**
 * The words and number formats a component renders with, as one object: `uiTexts()` answers in the browser's UI
 * language through lib/i18n.ts; `staticTexts(lang)` (static-texts.ts) answers in a fixed language for exports such
 * as the meeting brief's Markdown. Domain formatting (format.ts) is written once against this interface, so the
 * card and the exported brief say the same thing.
 */
import {
  formatCurrency,
  formatDate,
  formatNumber,
  formatPercent,
  t,
  uiLanguage,
  uiLocale,
  type MessageKey,
} from '../lib/i18n.ts';

export interface Texts {
  lang: 'en' | 'de';
  t(key: MessageKey, ...subs: (string | number)[]): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
  currency(value: number, currency: string, compact?: boolean): string;
  percent(value: number, fractionDigits?: number): string;
  /** YYYY-MM-DD or an ISO timestamp, medium style. */
  date(iso: string): string;
  /** YYYY-MM as short month and year ("Mar 2026"). */
  month(yearMonth: string): string;
}

export function monthFormatter(locale: string): (yearMonth: string) => string {
  const format = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return (yearMonth) => {
    const date = new Date(`${yearMonth}-15T12:00:00Z`);
    return Number.isNaN(date.getTime()) ? yearMonth : format.format(date);
  };
}

/** Texts in the browser's UI language (lib/i18n.ts). */
export function uiTexts(): Texts {
  return {
    lang: uiLanguage(),
    t,
    number: formatNumber,
    currency: formatCurrency,
    percent: formatPercent,
    date: formatDate,
    month: monthFormatter(uiLocale()),
  };
}
