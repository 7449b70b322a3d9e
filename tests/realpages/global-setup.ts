import { bringUp } from './lifecycle.ts';

/** Brings the real apps up once for the run (REALPAGES_REUSE=1: use running ones); the specs read the status. */
export default async function globalSetup() {
  const started = performance.now();
  const status = await bringUp();
  const line = Object.entries(status)
    .map(
      ([id, s]) =>
        `${id}: ${s.state === 'up' ? (s.startedByUs ? `up in ${s.seconds.toFixed(1)} s` : 'reused') : s.state}`,
    )
    .join(', ');
  console.log(`realpages: ${line} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
