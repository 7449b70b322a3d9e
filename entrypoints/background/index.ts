import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from '../../lib/message-schemas.ts';
import { restrictLocalStorage, siteSettings } from '../../lib/settings.ts';
import { createContextMenu, onCommand, onContextMenuClick } from '../../lib/capture/launch.ts';
import { syncContentScripts } from './content-scripts.ts';
import { invalidateSnapshot } from '../../lib/store/snapshot-cache.ts';
import { watchProfile } from './insights.ts';
import { handlers } from './messages.ts';
import { forgetTab } from './overlay-tabs.ts';
import { registerSync } from './sync.ts';
import { onSnapshotChange } from '../../lib/store/snapshot.ts';

/** Every listener is registered synchronously here, so a restarted service worker hears the event that woke it. */
export default defineBackground(() => {
  browser.runtime.onMessage.addListener(createRouter(handlers));
  void restrictLocalStorage();
  browser.tabs.onRemoved.addListener(forgetTab);

  const resync = () => void syncContentScripts().catch((error) => console.error('AccountLens: content scripts', error));
  browser.runtime.onInstalled.addListener(() => {
    resync();
    createContextMenu();
  });
  browser.runtime.onStartup.addListener(resync);
  browser.permissions.onAdded.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);
  siteSettings.watch(resync);

  browser.contextMenus.onClicked.addListener(onContextMenuClick);
  browser.commands.onCommand.addListener(onCommand);
  onSnapshotChange(invalidateSnapshot);
  watchProfile();
  registerSync();
});
