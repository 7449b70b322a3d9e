/**
 * Runs one import in a fresh Web Worker and settles with its outcome. Vite bundles the worker from the
 * `new Worker(new URL(…, import.meta.url))` expression (it lands in assets/ of the build).
 */
import type { ImportProgress, ImportRequest } from '../../lib/import-job.ts';
import { WorkerMessageSchema, type PageOutcome } from './import-protocol.ts';

export interface ImportRun {
  outcome: Promise<PageOutcome>;
  /** Stops the worker; the store keeps its previous data (the write is one transaction at the end). */
  cancel(): void;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

export function startImport(
  request: ImportRequest,
  lang: 'en' | 'de',
  onProgress: (p: ImportProgress) => void,
): ImportRun {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  let cancel = () => {};
  const outcome = new Promise<PageOutcome>((resolve, reject) => {
    cancel = () => {
      worker.terminate();
      reject(new ImportCancelled());
    };
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      const message = WorkerMessageSchema.safeParse(event.data);
      if (!message.success) {
        worker.terminate();
        reject(new Error(`import worker sent an invalid message: ${message.error.issues[0]?.message ?? ''}`));
        return;
      }
      const m = message.data;
      if (m.type === 'progress') onProgress(m.progress);
      else {
        worker.terminate();
        if (m.type === 'done') resolve(m.outcome);
        else reject(new Error(m.error));
      }
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the import worker failed to start'));
    });
  });
  const files =
    request.kind === 'csv' ? [request.accounts, request.orders, request.products, request.contacts] : [request.file];
  const transfer = files.flatMap((f) => (f ? [f.bytes.buffer] : []));
  worker.postMessage({ type: 'start', request, lang }, transfer);
  return { outcome, cancel: () => cancel() };
}
