/// <reference types="chrome" />
/**
 * Reading the extension's IndexedDB from one of its pages, with the plain IndexedDB API (no app code), so the
 * capture and durability specs check what is really stored; and leaving a pending capture the way the
 * background's context menu and shortcut handlers do (lib/pending-capture.ts).
 */
import type { Page, Worker } from '@playwright/test';

export type StoredRecord = Record<string, unknown> & { id?: string; title?: string; accountId?: string | null };

export interface StoreCounts {
  insights: number;
  outbox: number;
  drafts: number;
  quarantine: number;
}

/** Every record of one object store of the `accountlens` database. */
export async function storeRecords(page: Page, store: string): Promise<StoredRecord[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('accountlens');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const request = db.transaction(name).objectStore(name).getAll();
      return await new Promise<StoredRecord[]>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result as StoredRecord[]);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, store);
}

export async function storeCounts(page: Page): Promise<StoreCounts> {
  const [insights, outbox, drafts, quarantine] = await Promise.all(
    ['insights', 'outbox', 'drafts', 'quarantine'].map(async (s) => (await storeRecords(page, s)).length),
  );
  return { insights: insights!, outbox: outbox!, drafts: drafts!, quarantine: quarantine! };
}

/** What lib/capture/launch.ts's startCapture leaves in session storage (source, selection, url, title, accountId). */
export async function setPendingCapture(worker: Worker, capture: Record<string, string>) {
  await worker.evaluate(
    async (value) => chrome.storage.session.set({ pendingCapture: { ...value, at: new Date().toISOString() } }),
    capture,
  );
}
