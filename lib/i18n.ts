/**
 * Every user-facing string goes through the extension's i18n (public/_locales/{en,de}/messages.json). Keys are
 * typed from the English file, so a missing key fails type-checking; tests/dom/locales.test.ts checks that German
 * has every key and the same placeholders.
 */
import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** The translated message, with `$1`…`$9` replaced by `subs`; the key itself when the message is missing. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  // WXT types getMessage from the build's _locales; the key type above is the source of truth here.
  const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
  const text = getMessage(key, subs.map(String));
  return text === '' ? key : text;
}

/** BCP 47 tag of the UI language, e.g. `de` or `en-US`. */
export function uiLocale(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** 'de' or 'en': the language of engine texts (talking points) that match the UI. */
export function uiLanguage(): 'de' | 'en' {
  return uiLocale().toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(uiLocale(), options).format(value);
}

export function formatCurrency(value: number, currency = 'EUR', compact = false): string {
  return new Intl.NumberFormat(uiLocale(), {
    style: 'currency',
    currency,
    maximumFractionDigits: compact || Math.abs(value) >= 1000 ? 0 : 2,
    ...(compact ? { notation: 'compact' } : {}),
  }).format(value);
}

export function formatPercent(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(uiLocale(), { style: 'percent', maximumFractionDigits: fractionDigits }).format(value);
}

/** A calendar date (YYYY-MM-DD or ISO timestamp) in the UI locale's medium style. */
export function formatDate(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(uiLocale(), {
    dateStyle: 'medium',
    timeZone: iso.length === 10 ? 'UTC' : undefined,
  }).format(date);
}
