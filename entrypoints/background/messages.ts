import { browser } from 'wxt/browser';
import type { Handlers } from '../../lib/messaging.ts';

export const handlers: Handlers = {
  async ping() {
    return { version: browser.runtime.getManifest().version };
  },
  async 'page.lookup'() {
    return { matches: [] };
  },
  async 'match.correct'() {
    return { ok: true };
  },
  async 'insight.save'() {
    throw new Error('not ready');
  },
  async 'capture.open'() {
    return { ok: true };
  },
};
