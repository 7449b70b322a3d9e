import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * The e2e build (ACCOUNTLENS_E2E=1) pre-grants the test hosts: Chromium's permission prompt can't be answered
 * by Playwright, so the Chromium tests exercise the runtime registration that follows a grant. The permission
 * request itself (in the click, for the site's patterns) runs in tests/firefox/permissions.test.ts against the
 * production Firefox build.
 */
const e2e = process.env.ACCOUNTLENS_E2E === '1';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  outDir: e2e ? '.output-e2e' : '.output',
  vite: () => ({ plugins: [preact()] }),
  // The sources AMO asks for: what `npm ci && npm run build:firefox` needs (README: "Load the built extension"),
  // nothing generated and no local data (server/data holds a hub's database).
  zip: {
    includeSources: [
      'README.md',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
      'entrypoints/**',
      'components/**',
      'lib/**',
      'public/**',
      'server/tsconfig.json',
      'server/src/**',
      'scripts/build-cli.mjs',
      'docs/architecture.md',
    ],
    excludeSources: ['lib/cli/dist/**', 'server/dist/**', 'server/data/**', '**/*.test.ts', '**/*.test.tsx'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Firefox has no sidePanel API (WXT turns the side panel into a sidebar_action there).
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'contextMenus',
      'scripting',
      'activeTab',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(e2e ? { host_permissions: ['https://*/*', 'http://*/*'] } : {}),
    action: { default_title: '__MSG_extName__' },
    // The overlay's card is this extension page, framed by the content script on the sites the rep granted. A
    // manifest can't follow runtime grants, so it is reachable from any http(s) page; framed elsewhere it shows
    // nothing: the background answers it only for a tab whose enabled page reported keys (overlay-tabs.ts).
    web_accessible_resources: [{ resources: ['overlay-frame.html'], matches: ['https://*/*', 'http://*/*'] }],
    commands: {
      'capture-insight': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandCapture__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'accountlens@accountlens.app',
              strict_min_version: '140.0',
              // Nothing leaves the device unless the rep connects a team hub; then their insights (which may name
              // contacts and what they said) go to that hub.
              data_collection_permissions: {
                required: ['none'],
                optional: ['personallyIdentifyingInfo', 'personalCommunications'],
              },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
