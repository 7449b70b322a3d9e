/** The local store's public API: import from here outside lib/store. */
export { openStore, type Db, type OpenOptions } from './open.ts';
export { DB_NAME, DB_VERSION } from './schema.ts';
export type {
  AccountLensDB,
  Conflict,
  Draft,
  Feedback,
  MetaKey,
  MetaValue,
  OutboxEntry,
  QuarantineEntry,
  Rejection,
  SnapshotMeta,
} from './schema.ts';
export { StoreError, type FieldIssue, type StoreErrorCode } from './errors.ts';
export { discardQuarantined, listQuarantine, type Listing, type Lookup } from './read.ts';
export { ensureClientId, getMeta, setMeta } from './meta.ts';
export {
  assignInsight,
  deleteInsight,
  getInsight,
  listInsightsForAccount,
  saveInsight,
  type ChangeContext,
  type SaveInsightInput,
} from './insights.ts';
export {
  foldTokens,
  InsightSearchIndex,
  loadSearchIndex,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from './search.ts';
export {
  ackMutations,
  dismissRejection,
  listRejections,
  outboxStats,
  peekOutbox,
  recordPushFailure,
  recordRejections,
  type OutboxStats,
} from './outbox.ts';
export {
  findAccountsByDomain,
  getAccount,
  getAccountIndex,
  getSnapshot,
  getSnapshotMeta,
  onSnapshotChange,
  replaceAccount,
  storeSnapshot,
} from './snapshot.ts';
export { deleteDraft, getDraft, listDrafts, saveDraft, type DraftInput } from './drafts.ts';
export {
  exportInsights,
  importInsights,
  type ExportOptions,
  type ImportContext,
  type InsightImportIssue,
  type ImportReport,
} from './export.ts';
export { eraseAccount, eraseAll, type EraseReport } from './erase.ts';
export { clearTalkingPointMark, listFeedback, markTalkingPoint } from './feedback.ts';
export { dismissConflict, listConflicts, recordConflict, resolveConflict } from './conflicts.ts';
