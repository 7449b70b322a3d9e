/**
 * The scoring engine's heavy work — importing sales ops' exports and scoring a whole dataset — in a worker thread
 * (node:worker_threads), so that the hub's event loop keeps answering /health, pushes and pulls while a dataset
 * of tens of megabytes is scored (that took seconds of the main thread before). Re-scoring single accounts after a
 * push stays on the main thread: it takes milliseconds.
 *
 * This file is both sides: imported on the main thread it exports `createWorkerEngine`; run as the worker it
 * answers jobs with the real engine (engine.ts). One worker, started at the first job and kept (unref'd, so it
 * never keeps the process alive); jobs run one after another. A worker that dies (e.g. out of memory) fails its
 * jobs with a clear error and is started again for the next one.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import type { Dataset } from '../../lib/engine/records.ts';
import type { Snapshot } from '../../lib/engine/snapshot.ts';
import { DatasetImportError, type ScoringEngine } from './scoring.ts';

type Job =
  | { op: 'import'; args: Parameters<ScoringEngine['importDataset']> }
  | { op: 'build'; args: Parameters<ScoringEngine['buildSnapshot']> };
type Answer =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; message: string; errors?: string[] } };

export interface WorkerEngine extends ScoringEngine {
  /** Stops the worker (the hub calls it when it stops). */
  close(): Promise<void>;
  /** Jobs run in the worker so far (for tests). */
  jobs(): number;
}

/**
 * A ScoringEngine whose importDataset and buildSnapshot run in a worker thread; rescoreAccount runs here.
 * @param inline the engine used here (rescoreAccount) — the real one by default
 */
export function createWorkerEngine(inline: ScoringEngine): WorkerEngine {
  let worker: Worker | null = null;
  let nextId = 1;
  let done = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  const start = (): Worker => {
    // Built (server/dist/hub.mjs), the worker is scoring-worker.mjs beside it; run as TypeScript (tsx: tests,
    // benches), the worker registers tsx's loader for itself, then loads this file.
    const here = import.meta.url;
    const w = here.endsWith('.ts')
      ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(here)}); })`, {
          eval: true,
        })
      : new Worker(new URL('./scoring-worker.mjs', here));
    w.unref();
    w.on('message', (answer: Answer) => {
      const job = pending.get(answer.id);
      if (!job) return;
      pending.delete(answer.id);
      done++;
      if (pending.size === 0) w.unref();
      if (answer.ok) job.resolve(answer.result);
      else if (answer.error.name === 'DatasetImportError')
        job.reject(new DatasetImportError(answer.error.message, answer.error.errors ?? []));
      else {
        const error = new Error(answer.error.message);
        error.name = answer.error.name;
        job.reject(error);
      }
    });
    const fail = (reason: string) => {
      if (worker === w) worker = null;
      for (const [id, job] of pending) {
        pending.delete(id);
        job.reject(new Error(`the scoring worker stopped (${reason}); publish again`));
      }
    };
    w.on('error', (error) => fail(error.message));
    w.on('exit', (code) => fail(`exit code ${code}`));
    return w;
  };

  const run = <T>(job: Job): Promise<T> => {
    worker ??= start();
    const w = worker;
    const id = nextId++;
    w.ref(); // a job in flight keeps the process alive until it is answered
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ id, ...job });
    });
  };

  return {
    importDataset: (files) => run<{ dataset: Dataset; warnings: string[] }>({ op: 'import', args: [files] }),
    buildSnapshot: (dataset, options) => run<Snapshot>({ op: 'build', args: [dataset, options] }),
    rescoreAccount: (snapshot, accountId, insights) => inline.rescoreAccount(snapshot, accountId, insights),
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
    jobs: () => done,
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const { engine } = await import('./engine.ts');
  port.on('message', async (message: { id: number } & Job) => {
    try {
      const result =
        message.op === 'import'
          ? await engine.importDataset(...message.args)
          : await engine.buildSnapshot(...message.args);
      port.postMessage({ id: message.id, ok: true, result } satisfies Answer);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({
        id: message.id,
        ok: false,
        error: { name: e.name, message: e.message, ...(e instanceof DatasetImportError ? { errors: e.errors } : {}) },
      } satisfies Answer);
    }
  });
}
