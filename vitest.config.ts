import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * Two projects: pure code (engine, sync protocol, hub) runs in Node; everything that touches the DOM, IndexedDB
 * or the `browser` API runs in happy-dom with WXT's fake browser and fake-indexeddb.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'lib/engine/**/*.test.ts',
            'lib/sync/**/*.test.ts',
            'lib/match/**/*.test.ts',
            'server/**/*.test.ts',
            'tests/node/**/*.test.ts',
          ],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: [
            'components/**/*.test.{ts,tsx}',
            'entrypoints/**/*.test.{ts,tsx}',
            'lib/*.test.{ts,tsx}',
            'lib/sites/**/*.test.{ts,tsx}',
            'lib/store/**/*.test.{ts,tsx}',
            'lib/capture/**/*.test.{ts,tsx}',
            'tests/dom/**/*.test.{ts,tsx}',
          ],
          setupFiles: ['tests/setup-dom.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
