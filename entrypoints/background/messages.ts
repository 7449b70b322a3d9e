import { browser } from 'wxt/browser';
import type { Handlers } from '../../lib/message-schemas.ts';
import { testAdapter } from './adapter-test.ts';
import { briefHandlers } from './brief.ts';
import { openCaptureUi, startCapture } from '../../lib/capture/launch.ts';
import { markTalkingPoint, saveInsightMessage } from './insights.ts';
import { correctMatch, lookupPage, searchAccounts } from './lookup.ts';
import { overlaySettings, placementFor, savePlacement } from './overlay-settings.ts';
import { frameLookup, reportContext } from './overlay-tabs.ts';
import { syncHandlers } from './sync.ts';

/**
 * One handler per message type; lib/message-schemas.ts checks the sender (content scripts may send only
 * CONTENT_SCRIPT_MESSAGES) and validates every payload before it gets here.
 */
export const handlers: Handlers = {
  async ping() {
    return { version: browser.runtime.getManifest().version };
  },
  'page.lookup': lookupPage,
  'match.correct': correctMatch,
  'account.search': searchAccounts,
  'insight.save': saveInsightMessage,
  'feedback.mark': markTalkingPoint,
  'overlay.settings': overlaySettings,
  'overlay.context': reportContext,
  'overlay.lookup': frameLookup,
  async 'overlay.relay'({ message }, sender) {
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Error('overlay.relay: only the card frame inside a tab may relay');
    await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
    return { relayed: true };
  },
  'overlay.placement': placementFor,
  'overlay.placement.save': savePlacement,
  async 'capture.open'(payload, sender) {
    void openCaptureUi(sender.tab?.id);
    await startCapture({ source: 'overlay', ...payload });
    return { opened: true };
  },
  'adapter.test': testAdapter,
  ...syncHandlers,
  ...briefHandlers,
};
