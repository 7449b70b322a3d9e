/** Expected texts come from public/_locales/{en,de} and the engine's issue texts in lib/engine/import/report.ts. */
import { cleanup, render, screen, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportErrors, type ImportErrorsProps } from './ImportErrors.tsx';

const failure: ImportErrorsProps['failure'] = {
  ok: false,
  errors: [
    { file: 'Auftraege.csv', row: 7, column: 'Menge', value: 'zwei', message: 'not a number', code: 'number' },
    {
      file: 'Auftraege.csv',
      row: 9,
      column: 'Kundennummer',
      value: '4711',
      message: 'no such account in Kunden.csv',
      code: 'unknown_account',
      params: { accounts: 'Kunden.csv' },
    },
    { file: '', row: 0, column: '', value: '', message: 'and 3 more', code: 'more', params: { count: 3 } },
  ],
  report: 'Auftraege.csv, row 7, column "Menge", value "zwei": not a number',
};

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

afterEach(cleanup);

describe('ImportErrors', () => {
  it('lists every issue with file, row, column, value and message, counting the listed ones', () => {
    render(<ImportErrors failure={failure} lang="en" />);
    expect(screen.getByRole('alert').textContent).toBe(
      'Nothing was imported. Problems found: 2. Your previous data is unchanged.',
    );
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map(cells)).toEqual([
      ['Auftraege.csv', '7', 'Menge', 'zwei', 'not a number'],
      ['Auftraege.csv', '9', 'Kundennummer', '4711', 'no such account in Kunden.csv'],
      ['', '', '', '', 'and 3 more'],
    ]);
  });

  it('speaks German, with the engine’s German issue texts', () => {
    fakeBrowser.i18n.getUILanguage = () => 'de-DE';
    render(<ImportErrors failure={failure} lang="de" />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Datei',
      'Zeile',
      'Spalte',
      'Wert',
      'Problem',
    ]);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => cells(r)[4])).toEqual(['keine Zahl', 'kein solcher Kunde in Kunden.csv', 'und 3 weitere']);
  });
});
