import { useState } from 'preact/hooks';
import { formatNumber, t } from '../../lib/i18n.ts';
import { profile } from '../../lib/settings.ts';
import {
  ensureClientId,
  exportInsights,
  importInsights,
  StoreError,
  type ImportReport,
} from '../../lib/store/index.ts';
import { Card } from './Card.tsx';
import { datedFileName, downloadText } from './download.ts';
import { EraseControls } from './EraseControls.tsx';
import { usePageStore } from './page-store.ts';

type Notice = { kind: 'good' | 'error'; text: string };

/** The rep's insights: export (CSV or JSON), import an export (idempotent), and erasure. */
export function InsightsSection() {
  const store = usePageStore();
  const count = store.insightCount.value;
  const [notice, setNotice] = useState<Notice | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const failed = (e: unknown) =>
    setNotice({ kind: 'error', text: t('optInsightsFailed', e instanceof Error ? e.message : String(e)) });

  async function exportAs(format: 'csv' | 'json') {
    setNotice(null);
    const text = await exportInsights(await store.db(), { format });
    const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json';
    // A BOM, so Excel opens the CSV as UTF-8 (umlauts in notes).
    downloadText(datedFileName('accountlens-insights', format), format === 'csv' ? `\uFEFF${text}` : text, type);
  }

  async function importFile(file: File) {
    setNotice(null);
    setReport(null);
    const db = await store.db();
    const me = await profile.getValue();
    try {
      const result = await importInsights(db, await file.text(), {
        clientId: await ensureClientId(db),
        author: me.email || me.name || 'local',
      });
      setReport(result);
      await store.refresh();
    } catch (error) {
      if (error instanceof StoreError) setNotice({ kind: 'error', text: t('optInsightsNotExport', file.name) });
      else throw error;
    }
  }

  return (
    <Card id="insights" title={t('optInsightsTitle')} intro={t('optInsightsIntro')}>
      <p class="opt-meta">
        <span class="opt-meta-count">
          <strong data-testid="insight-count">{formatNumber(count)}</strong> {t('optInsightsStored')}
        </span>
      </p>
      <h3>{t('optInsightsExportTitle')}</h3>
      <div class="opt-actions">
        <button
          type="button"
          onClick={() => void exportAs('csv').catch(failed)}
          disabled={count === 0}
          data-testid="export-csv"
        >
          {t('optInsightsExportCsv')}
        </button>
        <button
          type="button"
          onClick={() => void exportAs('json').catch(failed)}
          disabled={count === 0}
          data-testid="export-json"
        >
          {t('optInsightsExportJson')}
        </button>
      </div>
      <h3>{t('optInsightsImportTitle')}</h3>
      <p class="opt-hint">{t('optInsightsImportHint')}</p>
      <div class="opt-actions">
        <label class="opt-file-button">
          <input
            type="file"
            accept=".csv,.json,text/csv,application/json"
            class="opt-sr-only"
            data-testid="insights-import"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void importFile(file).catch(failed);
            }}
          />
          <span>{t('optInsightsImport')}</span>
        </label>
      </div>
      {report && <ImportSummary report={report} />}
      {notice && (
        <p class={`opt-message opt-message-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      <EraseControls />
    </Card>
  );
}

function ImportSummary({ report }: { report: ImportReport }) {
  return (
    <div class="opt-report" data-testid="insights-import-report">
      <p class={`opt-message opt-message-${report.errors.length > 0 ? 'error' : 'good'}`} role="status">
        {t(
          'optInsightsImported',
          formatNumber(report.added),
          formatNumber(report.updated),
          formatNumber(report.skipped),
        )}
        {report.errors.length > 0 && ` ${t('optInsightsImportErrors', formatNumber(report.errors.length))}`}
      </p>
      {report.errors.length > 0 && (
        <div class="opt-table-wrap" tabIndex={0} aria-label={t('optInsightsErrorsCaption')}>
          <table class="opt-table">
            <caption class="opt-sr-only">{t('optInsightsErrorsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('optColRow')}</th>
                <th scope="col">{t('optColField')}</th>
                <th scope="col">{t('optColMessage')}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                <tr key={i}>
                  <td>{e.row}</td>
                  <td>
                    <code>{e.path}</code>
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
