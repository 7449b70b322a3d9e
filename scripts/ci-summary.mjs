// Reads the log of `npm test` (vitest, Playwright, node's test runner) and prints one closing line for CI:
// "ci: N passed, N failed" (plus skipped/flaky when there are any). Exits non-zero when nothing ran or anything failed.
import { readFileSync } from 'node:fs';

// eslint-disable-next-line no-control-regex -- strips the runners' ANSI colour codes
const log = readFileSync(process.argv[2] ?? '/dev/stdin', 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
let skipped = 0;
let flaky = 0;
for (const line of log.split('\n')) {
  const vitest = line.match(/^\s*Tests\s+(.*)\(\d+\)\s*$/);
  if (vitest) {
    passed += Number(vitest[1].match(/(\d+) passed/)?.[1] ?? 0);
    failed += Number(vitest[1].match(/(\d+) failed/)?.[1] ?? 0);
    skipped += Number(vitest[1].match(/(\d+) skipped/)?.[1] ?? 0);
    continue;
  }
  const playwright = line.match(/^\s{2}(\d+) (passed|failed|flaky|skipped)( \(.*\))?\s*$/);
  if (playwright) {
    const n = Number(playwright[1]);
    if (playwright[2] === 'passed') passed += n;
    else if (playwright[2] === 'failed') failed += n;
    else if (playwright[2] === 'flaky') flaky += n;
    else skipped += n;
    continue;
  }
  const node = line.match(/^[#ℹ] (pass|fail|skipped) (\d+)\s*$/);
  if (node) {
    if (node[1] === 'pass') passed += Number(node[2]);
    else if (node[1] === 'fail') failed += Number(node[2]);
    else skipped += Number(node[2]);
  }
}
const extra = [skipped ? `${skipped} skipped` : '', flaky ? `${flaky} flaky (passed on retry)` : ''].filter(Boolean);
console.log(`ci: ${passed} passed, ${failed} failed${extra.length ? `, ${extra.join(', ')}` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
