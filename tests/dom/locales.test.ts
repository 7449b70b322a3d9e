import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it } from 'vitest';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { t, uiLanguage } from '../../lib/i18n.ts';

type Catalog = Record<string, { message: string }>;
const placeholders = (text: string): string[] => [...new Set(text.match(/\$[1-9]/g) ?? [])].sort();

describe('_locales', () => {
  it('has every English key in German and no other', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    const differing = Object.entries(en as Catalog)
      .filter(
        ([key, { message }]) => placeholders(message).join() !== placeholders((de as Catalog)[key]!.message).join(),
      )
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it('has no empty message and only key names Chrome accepts', () => {
    for (const catalog of [en, de] as Catalog[]) {
      for (const [key, { message }] of Object.entries(catalog)) {
        expect(key).toMatch(/^[A-Za-z0-9_]+$/);
        expect(message.trim()).not.toBe('');
      }
    }
  });

  it('numbers placeholders without gaps', () => {
    for (const [key, { message }] of Object.entries(en as Catalog)) {
      const used = placeholders(message).map((p) => Number(p.slice(1)));
      expect({ key, used }).toEqual({ key, used: used.map((_, i) => i + 1) });
    }
  });
});

describe('the i18n mock of tests/setup-dom.ts', () => {
  it('substitutes $1…$9 from the English catalogue', () => {
    expect(t('overlayExpand', 'Müller GmbH')).toBe('Open AccountLens for Müller GmbH');
    expect(t('formTooLong', 200, 230)).toBe('At most 200 characters (now 230).');
    expect(uiLanguage()).toBe('en');
  });

  it('answers in German when the UI language is German', () => {
    fakeBrowser.i18n.getUILanguage = () => 'de-DE';
    expect(t('overlayExpand', 'Müller GmbH')).toBe('AccountLens für Müller GmbH öffnen');
    expect(uiLanguage()).toBe('de');
  });
});
