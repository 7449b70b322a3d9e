import { COLUMNS } from '../../lib/engine/import/columns.ts';
import type { FileColumns } from '../../lib/import-job.ts';
import { t, type MessageKey } from '../../lib/i18n.ts';

export type Kind = FileColumns['kind'];
/** Columns mapped by hand, per table: canonical column → header ('' = the file has no such column). */
export type ColumnMappings = Partial<Record<Kind, Record<string, string>>>;

const KIND_LABELS: Record<Kind, MessageKey> = {
  accounts: 'optFileAccounts',
  orders: 'optFileOrders',
  products: 'optFileProducts',
  contacts: 'optFileContacts',
};

/**
 * The mapping after the rep chose `column` ('' = not used) for `header`: every other column keeps its header, the
 * column that had this header before loses it (and is not guessed again), the chosen column takes it.
 */
export function remap(file: FileColumns, current: Record<string, string>, header: string, column: string) {
  const next: Record<string, string> = { ...file.mapping, ...current };
  for (const [name, mapped] of Object.entries(next)) if (mapped === header) next[name] = '';
  if (column) next[column] = header;
  return next;
}

export interface ColumnReportProps {
  columns: readonly FileColumns[];
  mappings: ColumnMappings;
  onChange: (kind: Kind, mapping: Record<string, string>) => void;
  onReimport: () => void;
  disabled: boolean;
}

/** Which column of each file was read as what, and which were ignored; any of them can be mapped by hand. */
export function ColumnReport({ columns, mappings, onChange, onReimport, disabled }: ColumnReportProps) {
  const changed = Object.keys(mappings).length > 0;
  return (
    <section class="opt-columns" data-testid="column-report" aria-labelledby="opt-columns-title">
      <h3 id="opt-columns-title">{t('optColumnsTitle')}</h3>
      <p class="opt-hint">{t('optColumnsIntro')}</p>
      {columns.map((file) => {
        const effective = { ...file.mapping, ...(mappings[file.kind] ?? {}) };
        return (
          <div class="opt-table-wrap" key={file.file} data-testid={`columns-${file.kind}`}>
            <table class="opt-table">
              <caption>
                {file.file} · {t(KIND_LABELS[file.kind])}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('optColumnsHeader')}</th>
                  <th scope="col">{t('optColumnsReadAs')}</th>
                </tr>
              </thead>
              <tbody>
                {file.headers.map((header, i) => {
                  const column = Object.keys(effective).find((name) => effective[name] === header) ?? '';
                  return (
                    <tr key={`${i}-${header}`} class={column ? '' : 'opt-column-unused'}>
                      <td>
                        <code>{header || '—'}</code>
                      </td>
                      <td>
                        <select
                          aria-label={t('optColumnsSelect', header)}
                          value={column}
                          disabled={disabled || header === ''}
                          onChange={(e) =>
                            onChange(file.kind, remap(file, mappings[file.kind] ?? {}, header, e.currentTarget.value))
                          }
                        >
                          <option value="">{t('optColumnsNotUsed')}</option>
                          {COLUMNS[file.kind].map((spec) => (
                            <option key={spec.name} value={spec.name}>
                              {spec.name}
                              {spec.required ? ` (${t('optRequired')})` : ''}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
      {changed && (
        <div class="opt-actions">
          <button type="button" class="primary" onClick={onReimport} disabled={disabled} data-testid="import-remapped">
            {t('optColumnsReimport')}
          </button>
        </div>
      )}
    </section>
  );
}

/** Every column the importer reads, with the header names it recognises (German and English). */
export function AcceptedColumns() {
  return (
    <details class="opt-accepted" data-testid="accepted-columns">
      <summary>{t('optColumnsAccepted')}</summary>
      <p class="opt-hint">{t('optColumnsAcceptedIntro')}</p>
      {(Object.keys(COLUMNS) as Kind[]).map((kind) => (
        <div class="opt-table-wrap" key={kind}>
          <table class="opt-table">
            <caption>{t(KIND_LABELS[kind])}</caption>
            <tbody>
              {COLUMNS[kind].map((spec) => (
                <tr key={spec.name}>
                  <th scope="row">
                    <code>{spec.name}</code>
                    {spec.required ? ` (${t('optRequired')})` : ''}
                  </th>
                  <td>{spec.aliases.filter((a) => !a.includes('.')).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </details>
  );
}
