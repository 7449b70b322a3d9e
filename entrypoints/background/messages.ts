import { browser } from 'wxt/browser';
import type { Handlers } from '../../lib/message-schemas.ts';
import { briefHandlers } from './brief.ts';
import { openCaptureUi, startCapture } from './capture.ts';
import { markTalkingPoint, saveInsightMessage } from './insights.ts';
import { correctMatch, lookupPage, searchAccounts } from './lookup.ts';
import { overlaySettings } from './overlay-settings.ts';
import { syncHandlers } from './sync.ts';

/** One handler per message type; lib/messaging.ts validates every payload before it gets here. */
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
  async 'capture.open'(payload, sender) {
    void openCaptureUi(sender.tab?.id);
    await startCapture({ source: 'overlay', ...payload });
    return { opened: true };
  },
  ...syncHandlers,
  ...briefHandlers,
};
