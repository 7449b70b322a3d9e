import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      '.output',
      '.output-e2e',
      '.wxt',
      'demo-output',
      'test-results',
      'server/data',
      '.tmp',
      '.proto-*',
      '.probe*',
      '.cache',
      'docs',
      'lib/cli/dist',
      'server/dist',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // Reference values in tests are written with the digits their source gives.
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-loss-of-precision': 'off' },
  },
  {
    // The engine runs in a Worker, the background, Node and the hub: no DOM, extension, storage or Node imports.
    files: ['lib/engine/**/*.ts'],
    ignores: ['lib/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['node:*', 'wxt/*', 'idb', 'preact', 'preact/*', '../store/*', '../sites/*', '../../entrypoints/*'],
        },
      ],
    },
  },
  {
    // Content-script code stays small: zod/mini only.
    files: ['lib/sites/**/*.ts', 'lib/match/**/*.ts', 'lib/messaging.ts', 'entrypoints/overlay.content/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'zod', message: 'Use zod/mini in content-script code.' }] }],
    },
  },
);
