/**
 * `lens clv --summary S.csv`: fits BG/NBD (and Gamma-Gamma where the file has monetary_value) on an RFM summary
 * with columns `id, frequency, recency, T[, monetary_value]` (header names compare case-insensitively) and prints
 * the parameters and log-likelihoods as JSON.
 */
import Papa from 'papaparse';
import { fitBgNbd, fitGammaGamma, type RfmSummary } from '../../engine/clv.ts';
import { inputError, usageError } from '../cli-error.ts';
import { readText } from '../io.ts';

const REQUIRED = ['frequency', 'recency', 't'] as const;
const MAX_REPORTED = 20;

/**
 * Parses an RFM summary CSV. @throws {CliError} exit 2 listing the bad rows (file row numbers, header = row 1)
 * @example parseSummaryCsv('id,frequency,recency,T\n1,2,30.43,38.86\n', 's.csv') // => [{frequency: 2, recency: 30.43, T: 38.86}]
 */
export function parseSummaryCsv(text: string, file: string): RfmSummary[] {
  const parsed = Papa.parse<Record<string, string>>(text.trim(), {
    header: true,
    skipEmptyLines: true,
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  const missing = REQUIRED.filter((c) => !fields.includes(c));
  if (missing.length > 0)
    throw inputError(`${file}: missing column(s) ${missing.join(', ')} (have: ${fields.join(', ')})`);
  const withMoney = fields.includes('monetary_value');
  const problems: string[] = [];
  const rows = parsed.data.map((row, i) => {
    const num = (column: string): number => {
      const value = Number(row[column]);
      if (row[column] === undefined || row[column].trim() === '' || !Number.isFinite(value)) {
        problems.push(`${file} row ${i + 2}, column ${column}: "${row[column] ?? ''}" is not a number`);
      }
      return value;
    };
    const summary: RfmSummary = { frequency: num('frequency'), recency: num('recency'), T: num('t') };
    if (withMoney) summary.monetaryValue = num('monetary_value');
    return summary;
  });
  if (problems.length > 0) {
    const more = problems.length > MAX_REPORTED ? [`… and ${problems.length - MAX_REPORTED} more`] : [];
    throw inputError([...problems.slice(0, MAX_REPORTED), ...more].join('\n'));
  }
  if (rows.length === 0) throw inputError(`${file}: no rows`);
  return rows;
}

export function runClv(values: { summary?: string }): string {
  if (values.summary === undefined) throw usageError('clv needs --summary S.csv');
  const rows = parseSummaryCsv(readText(values.summary, '--summary'), values.summary);
  let result: object;
  try {
    const bgnbd = fitBgNbd(rows);
    const gammaGamma = rows.some((r) => r.monetaryValue !== undefined && r.monetaryValue > 0 && r.frequency > 0)
      ? fitGammaGamma(rows)
      : null;
    result = { customers: rows.length, bgnbd, gammaGamma };
  } catch (error) {
    throw inputError(`${values.summary}: ${(error as Error).message}`);
  }
  return `${JSON.stringify(result, null, 2)}\n`;
}
