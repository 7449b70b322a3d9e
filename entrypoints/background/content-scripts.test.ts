/**
 * The overlay's content-script registration when the events that update it come together (startup, install,
 * permission and settings changes): a fake `scripting` API that, like Chrome's, answers asynchronously and refuses
 * a second script with the same id.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { siteSettings } from '../../lib/settings.ts';
import { syncContentScripts } from './content-scripts.ts';

interface Registered {
  id: string;
  matches?: string[];
}

function fakeScripting() {
  const registered = new Map<string, Registered>();
  const later = () => new Promise((resolve) => setTimeout(resolve, 1));
  const scripting = {
    async getRegisteredContentScripts({ ids }: { ids: string[] }) {
      await later();
      return [...registered.values()].filter((s) => ids.includes(s.id));
    },
    async unregisterContentScripts({ ids }: { ids: string[] }) {
      await later();
      for (const id of ids) {
        if (!registered.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
        registered.delete(id);
      }
    },
    async registerContentScripts(scripts: Registered[]) {
      await later();
      for (const s of scripts) {
        if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        registered.set(s.id, s);
      }
    },
  };
  Object.assign(fakeBrowser, { scripting });
  return registered;
}

describe('syncContentScripts', () => {
  it('runs one at a time: three calls at once neither fail on a duplicate id nor leave stale patterns', async () => {
    const registered = fakeScripting();
    fakeBrowser.permissions.getAll = async () => ({ origins: ['https://*/*'], permissions: [] });
    await siteSettings.setValue({ ...(await siteSettings.getValue()), origins: ['https://crm.example.com/*'] });
    const first = syncContentScripts();
    await siteSettings.setValue({ ...(await siteSettings.getValue()), origins: ['https://crm.example.org/*'] });
    const results = await Promise.allSettled([first, syncContentScripts(), syncContentScripts()]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const [script] = [...registered.values()];
    expect(registered.size).toBe(1);
    expect(script?.matches).toContain('https://crm.example.org/*');
    expect(script?.matches).not.toContain('https://crm.example.com/*');
  });

  it('goes on after a failed run', async () => {
    const registered = fakeScripting();
    fakeBrowser.permissions.getAll = async () => ({ origins: ['https://*/*'], permissions: [] });
    await siteSettings.setValue({ ...(await siteSettings.getValue()), origins: ['https://crm.example.com/*'] });
    const failing = fakeBrowser.scripting.registerContentScripts;
    fakeBrowser.scripting.registerContentScripts = async () => {
      throw new Error('browser busy');
    };
    await expect(syncContentScripts()).rejects.toThrow('browser busy');
    fakeBrowser.scripting.registerContentScripts = failing;
    await expect(syncContentScripts()).resolves.toContain('https://crm.example.com/*');
    expect(registered.size).toBe(1);
  });
});
