import { useRef, useState } from 'preact/hooks';
import { formatDate, formatNumber, formatPercent, t, uiLanguage } from '../../lib/i18n.ts';
import type { ImportProgress, ImportRequest } from '../../lib/import-job.ts';
import { Card } from './Card.tsx';
import { FileField } from './FileField.tsx';
import { ImportCancelled, startImport, type ImportRun } from './import-client.ts';
import { AcceptedColumns, ColumnReport, type ColumnMappings } from './ColumnReport.tsx';
import { ImportErrors } from './ImportErrors.tsx';
import { createProgressTracker } from './import-progress.ts';
import type { PageOutcome } from './import-protocol.ts';
import { usePageStore } from './page-store.ts';

type Mode = 'csv' | 'snapshot';
type CsvSlot = 'accounts' | 'orders' | 'products' | 'contacts';
type Result = { kind: 'outcome'; outcome: PageOutcome } | { kind: 'crash'; error: string } | { kind: 'cancelled' };

async function fileInput(file: File) {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

function stageText(p: ImportProgress): string {
  if (p.stage === 'parse') return t('optProgressParse', p.file ?? '');
  if (p.stage === 'score') return t('optProgressScore', formatNumber(p.done), formatNumber(p.total));
  return t('optProgressStore');
}

/** Getting data in: CSV exports or a scored snapshot, imported in a worker, with progress and the error report. */
export function DataSection() {
  const store = usePageStore();
  const meta = store.meta.value;
  const lang = uiLanguage();
  const [mode, setMode] = useState<Mode>('csv');
  const [files, setFiles] = useState<Partial<Record<CsvSlot | 'snapshot', File>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ text: string; fraction: number } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [mappings, setMappings] = useState<ColumnMappings>({});
  const run = useRef<ImportRun | null>(null);

  const switchMode = (next: Mode) => {
    setMode(next);
    setFiles({});
    setFormError(null);
    setMappings({});
  };
  const setFile = (slot: CsvSlot | 'snapshot') => (file: File | undefined) => {
    setFiles((f) => ({ ...f, [slot]: file }));
    setMappings(({ [slot as CsvSlot]: _dropped, ...rest }) => rest);
  };

  async function submit(event?: Event) {
    event?.preventDefault();
    setFormError(null);
    setResult(null);
    const chosen = mode === 'csv' ? [files.accounts, files.orders, files.products, files.contacts] : [files.snapshot];
    if (mode === 'csv' ? !files.accounts || !files.orders : !files.snapshot) {
      setFormError(t(mode === 'csv' ? 'optImportNeedCsv' : 'optImportNeedSnapshot'));
      return;
    }
    const track = createProgressTracker(chosen.map((f) => f?.size ?? 0));
    setProgress({ text: t('optProgressStart'), fraction: 0 });
    try {
      let request: ImportRequest;
      if (mode === 'snapshot') request = { kind: 'snapshot', file: await fileInput(files.snapshot!) };
      else {
        request = { kind: 'csv', accounts: await fileInput(files.accounts!), orders: await fileInput(files.orders!) };
        if (files.products) request.products = await fileInput(files.products);
        if (files.contacts) request.contacts = await fileInput(files.contacts);
        if (Object.keys(mappings).length > 0) request.mapping = mappings;
      }
      run.current = startImport(request, lang, (p) => setProgress({ text: stageText(p), fraction: track(p) }));
      const outcome = await run.current.outcome;
      setResult({ kind: 'outcome', outcome });
      if (outcome.ok) await store.refresh();
    } catch (error) {
      if (error instanceof ImportCancelled) setResult({ kind: 'cancelled' });
      else setResult({ kind: 'crash', error: error instanceof Error ? error.message : String(error) });
    } finally {
      run.current = null;
      setProgress(null);
    }
  }

  const running = progress !== null;
  return (
    <Card id="data" title={t('optDataTitle')} intro={t('optDataIntro')}>
      <div class="opt-meta" data-testid="snapshot-meta" aria-live="polite">
        {meta === undefined ? (
          <span class="opt-hint">{t('optLoading')}</span>
        ) : meta === null ? (
          <span>{t('optDataNone')}</span>
        ) : (
          <>
            <span class="opt-meta-count">
              <strong data-testid="account-count">{formatNumber(meta.accountCount)}</strong> {t('optDataAccounts')}
            </span>
            <span class="opt-row-detail">{t('optDataSource', meta.source, formatDate(meta.importedAt))}</span>
          </>
        )}
      </div>

      <form class="opt-form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset class="opt-fieldset opt-segmented" disabled={running}>
          <legend>{t('optImportKind')}</legend>
          <label class="opt-check">
            <input
              type="radio"
              name="import-kind"
              value="csv"
              checked={mode === 'csv'}
              onChange={() => switchMode('csv')}
            />
            {t('optImportKindCsv')}
          </label>
          <label class="opt-check">
            <input
              type="radio"
              name="import-kind"
              value="snapshot"
              checked={mode === 'snapshot'}
              onChange={() => switchMode('snapshot')}
            />
            {t('optImportKindSnapshot')}
          </label>
        </fieldset>

        {mode === 'csv' ? (
          <div class="opt-file-grid">
            <FileField
              label={t('optFileAccounts')}
              required
              accept=".csv,.txt,.json"
              file={files.accounts}
              onFile={setFile('accounts')}
              disabled={running}
              testId="file-accounts"
            />
            <FileField
              label={t('optFileOrders')}
              required
              accept=".csv,.txt,.json"
              file={files.orders}
              onFile={setFile('orders')}
              disabled={running}
              testId="file-orders"
            />
            <FileField
              label={t('optFileProducts')}
              accept=".csv,.txt,.json"
              file={files.products}
              onFile={setFile('products')}
              disabled={running}
              testId="file-products"
            />
            <FileField
              label={t('optFileContacts')}
              accept=".csv,.txt,.json"
              file={files.contacts}
              onFile={setFile('contacts')}
              disabled={running}
              testId="file-contacts"
            />
          </div>
        ) : (
          <div class="opt-file-grid">
            <FileField
              label={t('optFileSnapshot')}
              hint={t('optFileSnapshotHint')}
              required
              accept=".json"
              file={files.snapshot}
              onFile={setFile('snapshot')}
              disabled={running}
              testId="file-snapshot"
            />
          </div>
        )}

        <div class="opt-actions">
          <button type="submit" class="primary" disabled={running} data-testid="import-start">
            {t('optImportStart')}
          </button>
          {running && (
            <button type="button" onClick={() => run.current?.cancel()}>
              {t('optCancel')}
            </button>
          )}
        </div>
        {formError && (
          <p class="opt-message opt-message-error" role="alert">
            {formError}
          </p>
        )}
      </form>

      {progress && (
        <div class="opt-progress" data-testid="import-progress">
          <div class="opt-progress-label">
            <span>{progress.text}</span>
            <span>{formatPercent(progress.fraction)}</span>
          </div>
          <progress max={1} value={progress.fraction} aria-label={progress.text} />
        </div>
      )}
      {result && <ImportResult result={result} lang={lang} />}
      {result?.kind === 'outcome' && result.outcome.columns && result.outcome.columns.length > 0 && (
        <ColumnReport
          columns={result.outcome.columns}
          mappings={mappings}
          onChange={(kind, mapping) => setMappings((m) => ({ ...m, [kind]: mapping }))}
          onReimport={() => void submit()}
          disabled={running}
        />
      )}
      {mode === 'csv' && <AcceptedColumns />}
    </Card>
  );
}

function ImportResult({ result, lang }: { result: Result; lang: 'en' | 'de' }) {
  if (result.kind === 'cancelled')
    return (
      <p class="opt-message" role="status">
        {t('optImportCancelled')}
      </p>
    );
  if (result.kind === 'crash') {
    return (
      <p class="opt-message opt-message-error" role="alert">
        {t('optImportCrashed', result.error)}
      </p>
    );
  }
  const { outcome } = result;
  if (!outcome.ok) return <ImportErrors failure={outcome} lang={lang} />;
  return (
    <p class="opt-message opt-message-good" role="status" data-testid="import-done">
      {t('optImportDone', formatNumber(outcome.accounts), formatNumber(outcome.rules), formatDate(outcome.asOf))}
    </p>
  );
}
