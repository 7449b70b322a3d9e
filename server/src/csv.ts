/**
 * CSV export of reviewed insights (RFC 4180: comma, CRLF, quotes doubled). Cells that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or CR) get a leading apostrophe: OWASP's advice against CSV injection.
 */
import type { ReviewItem } from './review.ts';

export const CSV_COLUMNS = [
  'id',
  'createdAt',
  'repEmail',
  'repName',
  'team',
  'accountId',
  'accountName',
  'type',
  'title',
  'body',
  'sentiment',
  'status',
  'reviewStatus',
  'visibility',
  'products',
  'tags',
  'followUpAt',
] as const;

/**
 * One CSV cell.
 * @example csvCell('say "hi", then =1+1') // => '"say ""hi"", then =1+1"'
 * @example csvCell('=HYPERLINK("x")') // => '"\'=HYPERLINK(""x"")"'
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text.startsWith("'") ? `"${text.replaceAll('"', '""')}"` : text;
}

export function insightsCsv(items: readonly ReviewItem[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { insight: i, rep, team, accountName, reviewStatus } of items) {
    lines.push(
      [
        i.id,
        i.createdAt,
        rep.email,
        rep.name,
        team,
        i.accountId,
        accountName,
        i.type,
        i.title,
        i.body,
        i.sentiment,
        i.status,
        reviewStatus,
        i.visibility,
        i.products.join('; '),
        i.tags.join('; '),
        i.followUpAt,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
