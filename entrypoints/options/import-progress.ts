import type { ImportProgress } from '../../lib/import-job.ts';

/** Share of the whole import each stage stands for (reading is byte-counted, scoring account-counted). */
const STAGES = { parse: [0, 0.45], score: [0.45, 0.92], store: [0.92, 1] } as const;

/**
 * Folds progress messages into one overall fraction. Reading reports bytes per file; the files' sizes are known
 * up front, so reading several files advances one bar instead of restarting it per file.
 */
export function createProgressTracker(fileSizes: readonly number[]) {
  const totalBytes = Math.max(
    1,
    fileSizes.reduce((a, b) => a + b, 0),
  );
  const bytesByFile = new Map<string, number>();
  return (p: ImportProgress): number => {
    const [from, to] = STAGES[p.stage];
    let share: number;
    if (p.stage === 'parse') {
      bytesByFile.set(p.file ?? '', p.done);
      share = [...bytesByFile.values()].reduce((a, b) => a + b, 0) / totalBytes;
    } else share = p.total > 0 ? p.done / p.total : 0;
    return from + (to - from) * Math.min(1, Math.max(0, share));
  };
}
