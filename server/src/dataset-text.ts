/**
 * Texts in an upload that PostgreSQL cannot store (a NUL character, broken Unicode), found before the import so
 * that sales ops learn the file, row and column to fix instead of a failed publish. JSON exports are checked after
 * parsing, by record and field (`datasetTextIssues`).
 */
import Papa from 'papaparse';
import { decodeText } from '../../lib/engine/import/decode.ts';
import type { Dataset } from '../../lib/engine/records.ts';
import { textIssue } from '../../lib/sync/protocol.ts';
import type { DatasetFiles } from './scoring.ts';

export interface UploadIssue {
  path: string;
  message: string;
}

const MAX_ISSUES = 20;

/**
 * The cells of `files` that hold text the database refuses, as "<file> row <n>, column "<header>"" (rows counted
 * as a spreadsheet shows them: the header is row 1). O(total size); files without such text are not parsed.
 */
export function uploadTextIssues(files: DatasetFiles): UploadIssue[] {
  const issues: UploadIssue[] = [];
  for (const [kind, source] of Object.entries(files)) {
    if (!source || issues.length >= MAX_ISSUES) continue;
    const content = source.content;
    if (typeof content !== 'string' && !content.includes(0)) continue;
    const text = typeof content === 'string' ? content : decodeText(content).text;
    if (textIssue(text) === null) continue;
    const name = source.name || `${kind}.csv`;
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
    const header = parsed.data[0] ?? [];
    parsed.data.forEach((row, r) => {
      row.forEach((cell, c) => {
        const issue = textIssue(cell);
        if (issue && issues.length < MAX_ISSUES) {
          const column = r === 0 ? `header ${c + 1}` : `column "${(header[c] ?? `${c + 1}`).replaceAll('\u0000', '')}"`;
          issues.push({
            path: kind,
            message: `${name} row ${r + 1}, ${column}: ${issue}; remove it and publish again`,
          });
        }
      });
    });
    if (issues.length === 0)
      issues.push({ path: kind, message: `${name}: ${textIssue(text)}; remove it and publish again` });
  }
  return issues;
}

/** Fields of the imported records that hold text the database refuses (JSON exports), by table, record and field. */
export function datasetTextIssues(dataset: Dataset): UploadIssue[] {
  const issues: UploadIssue[] = [];
  for (const [table, records] of Object.entries(dataset) as [string, Record<string, unknown>[]][]) {
    records.forEach((record, k) => {
      for (const [field, value] of Object.entries(record)) {
        const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
        const issue = texts.map((t) => (typeof t === 'string' ? textIssue(t) : null)).find((x) => x !== null);
        if (issue && issues.length < MAX_ISSUES)
          issues.push({ path: table, message: `${table} record ${k + 1}, field "${field}": ${issue}` });
      }
    });
  }
  return issues;
}
