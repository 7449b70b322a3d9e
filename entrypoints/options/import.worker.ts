/**
 * The import worker: parses, scores and stores an import off the page's thread. It opens the store itself
 * (IndexedDB works in workers) and answers with progress messages and one outcome; see import-protocol.ts.
 * Terminating it mid-way is safe: the snapshot is written in one transaction at the very end.
 */
import { runImport } from '../../lib/import-job.ts';
import { openStore } from '../../lib/store/open.ts';
import { StartMessageSchema, type WorkerMessage } from './import-protocol.ts';

const send = (message: WorkerMessage) => postMessage(message);

addEventListener('message', (event: MessageEvent<unknown>) => {
  const start = StartMessageSchema.safeParse(event.data);
  if (!start.success) {
    send({
      type: 'crash',
      error: `import worker: invalid start message (${start.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`,
    });
    return;
  }
  void handle(start.data.request, start.data.lang);
});

async function handle(request: unknown, lang: 'en' | 'de') {
  try {
    const db = await openStore(indexedDB);
    try {
      const outcome = await runImport(db, request, (progress) => send({ type: 'progress', progress }), lang);
      send({ type: 'done', outcome });
    } finally {
      db.close();
    }
  } catch (error) {
    send({ type: 'crash', error: error instanceof Error ? error.message : String(error) });
  }
}
