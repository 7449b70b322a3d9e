// Fails when a tracked file points outside the repository at the shared reference folder some checkouts have beside
// them (../shared: its data, architecture or style notes). A clone alone must build, test, bench and demo, so data
// is vendored under tests/fixtures/ and the architecture is in docs/architecture.md.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const self = 'scripts/check-self-contained.mjs';
const outside = /\.\.\/shared\b|\bshared\/(?:data|realpages|hooks|ARCHITECTURE\.md|STYLE\.md)\b|\/work\/shared\b/;

const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
})
  .split('\0')
  .filter((file) => file && file !== self && file !== 'package-lock.json');
const hits = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // listed but deleted in the work tree
  }
  if (text.includes('\0')) continue; // binary
  text.split('\n').forEach((line, i) => {
    if (outside.test(line)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
  });
}
if (hits.length) {
  console.error(`self-contained: ${hits.length} reference(s) to a folder outside the repository:`);
  for (const hit of hits) console.error(`  ${hit}`);
  process.exit(1);
}
console.log(`self-contained: ${files.length} files, none points outside the repository`);
