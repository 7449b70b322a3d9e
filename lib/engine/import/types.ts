import type { FoldedOrders } from '../build-snapshot.ts';
import type { Dataset } from '../records.ts';

export type TableKind = 'accounts' | 'orders' | 'products' | 'contacts';

/**
 * One input file. Bytes are decoded as `decodeText` does (BOM, UTF-8, else Windows-1252); strings are taken as they
 * are. Large files come as `ChunkedContent` and are read as the chunks arrive (a Node file stream, `File.stream()`).
 */
export interface Source {
  name: string;
  content: string | Uint8Array | ChunkedContent;
}

/** A file's bytes in chunks of any size, e.g. `{ bytes: file.size, chunks: () => file.stream() }`. */
export interface ChunkedContent {
  /** The file's size, for progress. */
  bytes: number;
  chunks: () => AsyncIterable<Uint8Array>;
}

/** What an issue is about, for translation (`formatImportReport`) and for UIs that group issues. */
export type IssueCode =
  | 'empty_file'
  | 'too_large'
  | 'record_too_long'
  | 'encoding'
  | 'no_rows'
  | 'csv'
  | 'json'
  | 'json_shape'
  | 'missing_column'
  | 'mapped_column_missing'
  | 'unknown_mapping'
  | 'duplicate_header'
  | 'ignored_column'
  | 'skipped_lines'
  | 'too_many_fields'
  | 'required'
  | 'number'
  | 'date'
  | 'no_such_date'
  | 'email'
  | 'domain'
  | 'currency'
  | 'crm_id'
  | 'duplicate'
  | 'unknown_account'
  | 'unknown_sku'
  | 'product_name_conflict'
  | 'invalid'
  | 'more';

export interface ImportIssue {
  file: string;
  /** 1-based row as a spreadsheet shows it: the header is row 1 (for JSON: the 1-based position in the array). */
  row: number;
  /** The column's header as the file has it (the canonical name where the column is missing). */
  column: string;
  /** The offending value as it stands in the file. */
  value: string;
  /** English text; `formatImportReport` renders German from `code` and `params`. */
  message: string;
  code?: IssueCode;
  params?: Record<string, string | number>;
}

/** Canonical column → the header in the file. */
export type ColumnMapping = Record<string, string>;

export interface ImportProgress {
  file: string;
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface ImportOptions {
  /** Canonical column → header, per table; a header of '' means "the file has no such column" (not guessed). */
  mapping?: { accounts?: ColumnMapping; orders?: ColumnMapping; products?: ColumnMapping; contacts?: ColumnMapping };
  onProgress?: (p: ImportProgress) => void;
  /** Issues kept before a final "and N more" issue. Default 1000. */
  maxErrors?: number;
  /**
   * Fold the order lines into per-account histories as they are read (HistoryFolder) instead of keeping them:
   * `dataset.orders` stays empty and the result has `folded` for buildSnapshot. `asOf` leaves out lines dated on or
   * after it; without, the histories describe the day after the last line.
   */
  fold?: true | { asOf?: string };
}

export interface ImportFileStats {
  file: string;
  kind: TableKind;
  format: 'csv' | 'json';
  encoding: 'utf-8' | 'windows-1252';
  /** CSV only. */
  delimiter?: string;
  /** The decimal separator used where a number could be read either way. */
  decimal: ',' | '.';
  /** Data rows read (empty rows not counted). */
  rows: number;
  bytes: number;
  /** How the file's columns were mapped: canonical column → header. */
  columns: ColumnMapping;
  /** The file's headers in file order (empty when no header row was found). */
  headers: string[];
}

export interface ImportStats {
  accounts: number;
  orders: number;
  products: number;
  contacts: number;
  /** True when no products file was given and the products were derived from the order lines. */
  productsDerived: boolean;
  firstOrderDate: string | null;
  lastOrderDate: string | null;
  files: ImportFileStats[];
}

export type ImportResult =
  | { ok: true; dataset: Dataset; warnings: ImportIssue[]; stats: ImportStats; folded?: FoldedOrders }
  /** `files`: what was learnt of each file before the import failed (its headers and their mapping). */
  | { ok: false; errors: ImportIssue[]; files?: ImportFileStats[] };
