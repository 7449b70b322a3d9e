import { useState } from 'preact/hooks';
import { formatImportReport } from '../../lib/engine/import/index.ts';
import type { ImportIssue } from '../../lib/engine/import/types.ts';
import { formatNumber, t } from '../../lib/i18n.ts';
import type { PageOutcome } from './import-protocol.ts';

type Failure = Extract<PageOutcome, { ok: false }>;
type Issue = Failure['errors'][number];

/** The issue's text in the UI language (the engine renders German from the issue's code). */
function issueText(issue: Issue, lang: 'en' | 'de'): string {
  if (lang === 'en' || !issue.code) return issue.message;
  try {
    const bare = {
      file: '',
      row: 0,
      column: '',
      value: '',
      message: issue.message,
      code: issue.code,
      params: issue.params,
    };
    return formatImportReport([bare as ImportIssue], lang);
  } catch {
    return issue.message;
  }
}

export interface ImportErrorsProps {
  failure: Failure;
  lang: 'en' | 'de';
}

/** The engine's complete error report as a table, with the plain-text report to copy. */
export function ImportErrors({ failure, lang }: ImportErrorsProps) {
  const [copied, setCopied] = useState(false);
  const counted = failure.errors.filter((e) => e.code !== 'more').length;
  return (
    <div class="opt-report" data-testid="import-errors">
      <p class="opt-message opt-message-error" role="alert">
        {t('optImportFailed', formatNumber(counted))}
      </p>
      <div class="opt-table-wrap" tabIndex={0} aria-label={t('optImportErrorsCaption')}>
        <table class="opt-table">
          <caption class="opt-sr-only">{t('optImportErrorsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('optColFile')}</th>
              <th scope="col" class="opt-num">
                {t('optColRow')}
              </th>
              <th scope="col">{t('optColColumn')}</th>
              <th scope="col">{t('optColValue')}</th>
              <th scope="col">{t('optColMessage')}</th>
            </tr>
          </thead>
          <tbody>
            {failure.errors.map((e, i) => (
              <tr key={i}>
                <td>{e.file}</td>
                <td class="opt-num">{e.row > 0 ? e.row : ''}</td>
                <td>{e.column}</td>
                <td>
                  <code>{e.value}</code>
                </td>
                <td>{issueText(e, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="opt-actions">
        <button
          type="button"
          class="small"
          onClick={() =>
            void navigator.clipboard.writeText(failure.report).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t('optCopyReport')}
        </button>
        <span role="status" class="opt-saved">
          {copied ? t('optCopied') : ''}
        </span>
      </div>
    </div>
  );
}
