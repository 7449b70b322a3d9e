/**
 * CSV export of reviewed insights, written by the extension's CSV writer (lib/csv.ts: RFC 4180, formula starts
 * defused, cells with a separator quoted, numbers kept as numbers).
 */
import { toCsv } from '../../lib/csv.ts';
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

export function insightsCsv(items: readonly ReviewItem[]): string {
  return toCsv(
    CSV_COLUMNS,
    items.map(({ insight: i, rep, team, accountName, reviewStatus }) => [
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
    ]),
  );
}
