import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pendingCapture, takePendingCapture } from '../pending-capture.ts';
import { MENU_ID, onCommand, onContextMenuClick } from './launch.ts';

const TAB = { id: 42, url: 'https://mail.example.org/thread/7', title: 'Angebot Pressenlinie' } as Browser.tabs.Tab;

/** Chrome's side panel API, which WXT's fake browser doesn't have: records the tab each open was for. */
function stubSidePanel() {
  const open = vi.fn(async (_options: { tabId: number }) => undefined);
  vi.stubGlobal('chrome', { sidePanel: { open } });
  return open;
}

async function stored() {
  await vi.waitFor(async () => expect(await pendingCapture.getValue()).not.toBeNull());
  return takePendingCapture();
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('onContextMenuClick', () => {
  it('opens the side panel within the click (before any await) and leaves selection, page URL and title', async () => {
    const open = stubSidePanel();
    onContextMenuClick(
      {
        menuItemId: MENU_ID,
        selectionText: 'Max wants a second press',
        pageUrl: 'https://mail.example.org/thread/7#m2',
        editable: false,
      },
      TAB,
    );
    // Synchronously: the user gesture ends with the listener.
    expect(open).toHaveBeenCalledWith({ tabId: 42 });
    const capture = await stored();
    expect(capture).toEqual({
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      source: 'context-menu',
      selection: 'Max wants a second press',
      url: 'https://mail.example.org/thread/7#m2',
      title: 'Angebot Pressenlinie',
    });
  });

  it("carries the account keys the tab's overlay found, so the side panel knows the account", async () => {
    stubSidePanel();
    const keys = [{ kind: 'email', email: 'jana.berg@mueller-maschinenbau.de', role: 'from' }];
    const ask = vi
      .spyOn(fakeBrowser.tabs, 'sendMessage')
      .mockResolvedValue({ context: { site: 'gmail', keys, pageKind: 'mail' } } as never); // typed void by the fake
    onContextMenuClick(
      { menuItemId: MENU_ID, selectionText: 'Termin im März', editable: false } as Browser.contextMenus.OnClickData,
      TAB,
    );
    const capture = await stored();
    expect(ask).toHaveBeenCalledWith(42, { type: 'overlay.context' });
    expect(capture?.keys).toEqual(keys);
  });

  it('starts the capture without keys when the tab has no overlay to ask, or its answer is malformed', async () => {
    stubSidePanel();
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValueOnce(new Error('Receiving end does not exist.'));
    onContextMenuClick(
      { menuItemId: MENU_ID, selectionText: 'a', editable: false } as Browser.contextMenus.OnClickData,
      TAB,
    );
    expect((await stored())?.keys).toBeUndefined();
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValueOnce({
      context: { keys: [{ kind: 'email', email: 42 }] },
    } as never);
    onContextMenuClick(
      { menuItemId: MENU_ID, selectionText: 'b', editable: false } as Browser.contextMenus.OnClickData,
      TAB,
    );
    expect((await stored())?.keys).toBeUndefined();
  });

  it('cuts a long selection to the 20,000 characters a capture holds, and falls back to the tab URL', async () => {
    stubSidePanel();
    onContextMenuClick(
      { menuItemId: MENU_ID, selectionText: 'x'.repeat(25_000), editable: false } as Browser.contextMenus.OnClickData,
      TAB,
    );
    const capture = await stored();
    expect(capture?.selection).toHaveLength(20_000);
    expect(capture?.url).toBe('https://mail.example.org/thread/7');
  });

  it("ignores other extensions' menu items", async () => {
    const open = stubSidePanel();
    onContextMenuClick({ menuItemId: 'someone-else', editable: false } as Browser.contextMenus.OnClickData, TAB);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(open).not.toHaveBeenCalled();
    expect(await pendingCapture.getValue()).toBeNull();
  });

  it('still leaves the capture where there is no side panel API (Firefox opens its sidebar instead)', async () => {
    onContextMenuClick(
      { menuItemId: MENU_ID, selectionText: 'note', editable: false } as Browser.contextMenus.OnClickData,
      TAB,
    );
    expect((await stored())?.selection).toBe('note');
  });
});

describe('onCommand', () => {
  it('capture-insight opens capture for the current page', async () => {
    const open = stubSidePanel();
    onCommand('capture-insight', TAB);
    expect(open).toHaveBeenCalledWith({ tabId: 42 });
    expect(await stored()).toMatchObject({ source: 'shortcut', url: TAB.url, title: TAB.title });
  });

  it('ignores other commands', async () => {
    const open = stubSidePanel();
    onCommand('_execute_action', TAB);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(open).not.toHaveBeenCalled();
    expect(await pendingCapture.getValue()).toBeNull();
  });
});
