import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach } from 'vitest';
import de from '../public/_locales/de/messages.json';
import en from '../public/_locales/en/messages.json';

type Catalog = Record<string, { message: string }>;
const catalogs: Record<'en' | 'de', Catalog> = { en, de };

/**
 * Chrome's `i18n.getMessage`: the message of the UI language (English unless a test makes `getUILanguage` answer
 * `de…`), `$1`…`$9` replaced by the substitutions (missing ones by ''), `$$` as a literal `$`, '' for an unknown key.
 */
function getMessage(key: string, substitutions?: string | string[]): string {
  const lang = fakeBrowser.i18n.getUILanguage().toLowerCase().startsWith('de') ? 'de' : 'en';
  const entry = catalogs[lang][key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (subs[Number(d) - 1] ?? '')));
}

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = getMessage as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => 'en';
});

// Vitest runs without globals, so @testing-library/preact can't register its own cleanup: unmount after each test.
afterEach(() => {
  cleanup();
});
