// Builds the two Node commands to plain JavaScript with esbuild, so they start without transpiling:
//   lib/cli/dist/lens.mjs  (`lens`: the engine and its libraries bundled, each command in a chunk loaded when it runs)
//   server/dist/hub.mjs    (`accountlens-hub`: the hub; its npm dependencies stay in node_modules, since PGlite
//                           loads its WebAssembly from its own package folder; scoring-worker.mjs beside it)
// Runs on `npm ci`/`npm install` (the `prepare` script) and before `npm run lens` / `npm run hub`; takes well under
// a second.
import { chmodSync, rmSync } from 'node:fs';

let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  // `npm ci --omit=dev` on a hub server: keep whatever was built before rather than fail the install.
  console.warn('build-cli: esbuild is not installed (dev dependencies omitted); lens and the hub are not rebuilt');
  process.exit(0);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  format: 'esm',
  logLevel: 'warning',
  legalComments: 'none',
  // Bundled CommonJS packages (papaparse) call require() for Node built-ins.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __lensRequire } from 'node:module'; const require = __lensRequire(import.meta.url);",
  },
};

rmSync('lib/cli/dist', { recursive: true, force: true });
rmSync('server/dist', { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: { lens: 'lib/cli/lens.ts' },
    outdir: 'lib/cli/dist',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minifySyntax: true,
    minifyWhitespace: true,
  }),
  build({
    ...common,
    // The scoring worker (server/src/scoring-worker.ts) is its own file: hub.mjs starts it as a worker thread.
    entryPoints: { hub: 'server/src/main.ts', 'scoring-worker': 'server/src/scoring-worker.ts' },
    outdir: 'server/dist',
    outExtension: { '.js': '.mjs' },
    packages: 'external',
  }),
]);
for (const bin of ['lib/cli/dist/lens.mjs', 'server/dist/hub.mjs']) chmodSync(bin, 0o755);
