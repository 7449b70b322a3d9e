/**
 * Texts in a fixed language, independent of the browser's UI language: for exports (the meeting brief as Markdown
 * or plain text) that the rep may want in the customer's language. Messages come from the same _locales files as
 * the UI; numbers use 'en-US' / 'de-DE' like the engine's talking points (lib/engine/messages), with the same
 * rules as lib/i18n.ts's formatters (components/format.test.ts checks they agree).
 */
import de from '../public/_locales/de/messages.json';
import en from '../public/_locales/en/messages.json';
import type { MessageKey } from '../lib/i18n.ts';
import { monthFormatter, type Texts } from './texts.ts';

const CATALOGS: Record<'en' | 'de', Record<string, { message: string }>> = { en, de };
export const INTL_LOCALE = { en: 'en-US', de: 'de-DE' } as const;

/**
 * Chrome's substitution rules: `$1`…`$9` by position, `$$` for a dollar sign.
 * @throws {Error} when the key is in neither catalogue (a typo the type checker let through via a cast)
 */
function message(lang: 'en' | 'de', key: MessageKey, subs: readonly (string | number)[]): string {
  const entry = CATALOGS[lang][key];
  if (!entry) throw new Error(`staticTexts: no message '${key}' in _locales/${lang}`);
  return entry.message.replace(/\$(\$|[1-9])/g, (_, d: string) =>
    d === '$' ? '$' : String(subs[Number(d) - 1] ?? ''),
  );
}

export function staticTexts(lang: 'en' | 'de'): Texts {
  const locale = INTL_LOCALE[lang];
  return {
    lang,
    t: (key, ...subs) => message(lang, key, subs),
    number: (value, options) => new Intl.NumberFormat(locale, options).format(value),
    currency: (value, currency, compact = false) =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        maximumFractionDigits: compact || Math.abs(value) >= 1000 ? 0 : 2,
        ...(compact ? { notation: 'compact' } : {}),
      }).format(value),
    percent: (value, fractionDigits = 0) =>
      new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: fractionDigits }).format(value),
    date: (iso) => {
      const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
      if (Number.isNaN(date.getTime())) return iso;
      return new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeZone: iso.length === 10 ? 'UTC' : undefined,
      }).format(date);
    },
    month: monthFormatter(locale),
  };
}
