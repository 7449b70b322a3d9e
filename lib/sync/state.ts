/**
 * What the background's sync keeps and the popup shows: the runner's state as a storage item (it survives
 * service-worker restarts, and the popup watches it) and the answer of the `sync.status` message.
 */
import { storage } from 'wxt/utils/storage';
import type { MetaValue } from '../store/schema.ts';
import { INITIAL_SYNC_STATE, type SyncState } from './runner.ts';

/** The runner's state (last sync, failures, next attempt, last error), watched by the popup. */
export const syncState = storage.defineItem<SyncState>('local:syncState', { fallback: INITIAL_SYNC_STATE, version: 1 });

/** What the popup's sync section shows. */
export interface SyncStatusAnswer {
  hub: { url: string } | null;
  state: SyncState;
  running: boolean;
  pending: number;
  rejections: { mutationId: number; reason: string; at: string; title?: string }[];
  conflicts: { id: number; insightId: string; title: string; body: string; winningRev: number; at: string }[];
  /** The last time sync started over with a new client group, until the rep dismissed it. */
  recovery: MetaValue<'syncRecovery'> | null;
}
