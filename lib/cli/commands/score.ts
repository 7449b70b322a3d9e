/**
 * `lens score --accounts A.csv --orders O.csv [--products P.csv] [--contacts C.csv] [--insights I.json]
 * [--as-of YYYY-MM-DD] [--model model.json] [--out snapshot.json]`: imports the exports, scores the portfolio and
 * writes the snapshot (validated with parseSnapshot first). Import errors print the importer's full report.
 */
import { z } from 'zod';
import { buildSnapshot } from '../../engine/build-snapshot.ts';
import { formatImportReport, importDataset } from '../../engine/import/index.ts';
import { InsightSchema, type Insight } from '../../engine/insight.ts';
import { DEFAULT_MODEL_CONFIG, ModelConfigInputSchema, type ModelConfig } from '../../engine/model-config.ts';
import { parseSnapshot } from '../../engine/snapshot.ts';
import { encodeSnapshotV2 } from '../../engine/snapshot-v2.ts';
import { CliError, inputError, usageError } from '../cli-error.ts';
import { progress, readJson, streamSource, writeOutput } from '../io.ts';

export interface ScoreValues {
  accounts?: string;
  orders?: string;
  products?: string;
  contacts?: string;
  insights?: string;
  'as-of'?: string;
  model?: string;
  out?: string;
}

const zodIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 10)
    .map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('\n');

/** Reads insights: a JSON array of insights, or an object with an `insights` array. @throws {CliError} exit 2 */
export function parseInsights(value: unknown, file: string): Insight[] {
  const list = Array.isArray(value) ? value : (value as { insights?: unknown } | null)?.insights;
  const result = z.array(InsightSchema).safeParse(list);
  if (!result.success) throw inputError(`--insights ${file} is not a list of insights:\n${zodIssues(result.error)}`);
  return result.data;
}

/** Reads a model config, possibly partial (merged over the defaults). @throws {CliError} exit 2 */
export function parseModel(value: unknown, file: string): ModelConfig {
  const result = ModelConfigInputSchema.safeParse(value);
  if (!result.success) throw inputError(`--model ${file} is not a valid model config:\n${zodIssues(result.error)}`);
  return result.data;
}

function checkAsOf(asOf: string | undefined): void {
  if (asOf === undefined) return;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(asOf) && new Date(`${asOf}T00:00:00Z`).toISOString().startsWith(asOf);
  if (!ok) throw usageError(`--as-of must be a date YYYY-MM-DD, got "${asOf}"`);
}

export async function runScore(values: ScoreValues, locale: 'de' | 'en'): Promise<string> {
  if (values.accounts === undefined || values.orders === undefined)
    throw usageError('score needs --accounts A.csv and --orders O.csv');
  checkAsOf(values['as-of']);
  const insights =
    values.insights === undefined ? [] : parseInsights(readJson(values.insights, '--insights'), values.insights);
  const model =
    values.model === undefined ? DEFAULT_MODEL_CONFIG : parseModel(readJson(values.model, '--model'), values.model);
  const started = performance.now();
  const sources = {
    accounts: streamSource(values.accounts, '--accounts'),
    orders: streamSource(values.orders, '--orders'),
    ...(values.products === undefined ? {} : { products: streamSource(values.products, '--products') }),
    ...(values.contacts === undefined ? {} : { contacts: streamSource(values.contacts, '--contacts') }),
  };
  const reported = new Map<string, number>();
  const imported = await importDataset(sources, {
    // The lines are folded into histories as they are read: memory grows with accounts, not with lines.
    fold: values['as-of'] === undefined ? true : { asOf: values['as-of'] },
    onProgress: (p) => {
      const tenths = p.totalBytes > 0 ? Math.floor((10 * p.bytes) / p.totalBytes) : 10;
      if (tenths > (reported.get(p.file) ?? 0)) {
        reported.set(p.file, tenths);
        progress(`import ${p.file}: ${tenths * 10} % (${p.rows} rows)`);
      }
    },
  });
  if (!imported.ok) throw new CliError(formatImportReport(imported.errors, locale), 2);
  if (imported.warnings.length > 0) process.stderr.write(`${formatImportReport(imported.warnings, locale)}\n`);
  const { stats } = imported;
  progress(
    `imported ${stats.accounts} accounts, ${stats.orders} order lines in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const scoringStarted = performance.now();
  let snapshot;
  try {
    snapshot = buildSnapshot(imported.dataset, {
      insights,
      model,
      ...(imported.folded === undefined ? {} : { folded: imported.folded }),
      onProgress: (p) => {
        if (p.done === 0) progress(`scoring: ${p.stage}`);
      },
    });
  } catch (error) {
    throw inputError((error as Error).message);
  }
  // Written in the compact v2 form (lib/engine/snapshot-v2.ts); read back once so that nothing invalid is written.
  const compact = encodeSnapshotV2(snapshot);
  const valid = parseSnapshot(compact);
  const text = `${JSON.stringify(compact)}\n`;
  writeOutput(values.out, text);
  progress(
    `scored ${valid.accounts.length} accounts as of ${valid.asOf} in ${((performance.now() - scoringStarted) / 1000).toFixed(1)} s; ` +
      `${valid.rules.length} rules${values.out === undefined ? '' : `; wrote ${values.out}`}`,
  );
  return '';
}
