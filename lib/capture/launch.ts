/**
 * Capture entry points that start in the background: the context menu "Log selection as insight" and the keyboard
 * command. Both leave a pending capture for the side panel and open it; opening the side panel must happen inside
 * the user gesture, so it is called synchronously from the listener, before any await.
 */
import { browser, type Browser } from 'wxt/browser';
import { t } from '../i18n.ts';
import { pendingCapture, PendingCaptureSchema, type PendingCapture } from '../pending-capture.ts';

export const MENU_ID = 'accountlens-log-selection';

export function createContextMenu() {
  browser.contextMenus.removeAll().then(() =>
    browser.contextMenus.create({
      id: MENU_ID,
      title: t('contextMenuLogSelection'),
      contexts: ['selection', 'page'],
    }),
  );
}

/** Opens the capture UI for a tab: Chrome's side panel, Firefox's sidebar. Must run inside a user gesture. */
export function openCaptureUi(tabId: number | undefined) {
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: { open(o: { tabId: number }): Promise<void> } } })
    .chrome?.sidePanel;
  if (chromeSidePanel && tabId !== undefined) return chromeSidePanel.open({ tabId }).catch(() => undefined);
  const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  return sidebar?.open().catch(() => undefined);
}

export async function startCapture(capture: Omit<PendingCapture, 'at'>) {
  await pendingCapture.setValue({ ...capture, at: new Date().toISOString() });
}

/**
 * The account keys the tab's overlay found, or none: a tab without the content script (site not enabled) or one
 * that doesn't answer within 500 ms gives nothing, and the side panel falls back to the URL and the selection.
 */
export async function tabKeys(tabId: number | undefined): Promise<PendingCapture['keys']> {
  if (tabId === undefined) return undefined;
  const answer = await Promise.race([
    // Whatever goes wrong asking (no receiver, a throwing API), the capture goes on without keys.
    Promise.resolve()
      .then(() => browser.tabs.sendMessage(tabId, { type: 'overlay.context' }))
      .catch(() => null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 500)),
  ]);
  const parsed = PendingCaptureSchema.shape.keys.safeParse(
    (answer as { context?: { keys?: unknown } } | null)?.context?.keys,
  );
  return parsed.success ? parsed.data : undefined;
}

export function onContextMenuClick(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) {
  if (info.menuItemId !== MENU_ID) return;
  void openCaptureUi(tab?.id);
  void tabKeys(tab?.id).then((keys) =>
    startCapture({
      source: 'context-menu',
      selection: info.selectionText?.slice(0, 20_000),
      url: info.pageUrl ?? tab?.url,
      title: tab?.title?.slice(0, 500),
      ...(keys?.length ? { keys } : {}),
    }),
  );
}

export function onCommand(command: string, tab?: Browser.tabs.Tab) {
  if (command !== 'capture-insight') return;
  void openCaptureUi(tab?.id);
  void tabKeys(tab?.id).then((keys) =>
    startCapture({
      source: 'shortcut',
      url: tab?.url,
      title: tab?.title?.slice(0, 500),
      ...(keys?.length ? { keys } : {}),
    }),
  );
}
