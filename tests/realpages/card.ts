/// <reference types="chrome" />
/**
 * What the extension shows on a real page, read in ONE place so the specs and the bench don't depend on where
 * the overlay lives: the card is the extension page overlay-frame.html, framed by the content script behind a
 * closed shadow root (no selector of the page reaches it; Playwright lists it among the page's frames). The page's account keys come from
 * the content script itself (the `overlay.context` question the background asks), not from the DOM.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { overlayFrameNow, serviceWorker } from '../e2e/harness.ts';
import type { PageContext } from '../../lib/sites/types.ts';
import type { KeepClear } from './apps.ts';

export type CardState = 'none' | 'loading' | 'no-match' | 'matched' | 'error' | 'collapsed';

export interface CardReading {
  state: CardState;
  /** The accounts the card offers (every tab when several matched), in order. */
  accounts: string[];
}

/**
 * Reads the card from the overlay frame's document: `(root) => CardReading`. A plain string, so it runs in the
 * frame as it is (tsx's name-keeping helpers don't exist there), also from the bench's in-frame timer.
 */
export const READ_CARD = `(root) => {
  if (!root) return { state: 'none', accounts: [] };
  const q = (id) => root.querySelector('[data-testid="' + id + '"]');
  const tabs = [...root.querySelectorAll('[data-testid="account-tabs"] [role="tab"] .al-tab-name')]
    .map((e) => (e.textContent || '').trim());
  const name = ((q('account-name') || {}).textContent || '').trim();
  if (q('account-card')) return { state: 'matched', accounts: tabs.length > 0 ? tabs : [name] };
  if (q('overlay-no-match')) return { state: 'no-match', accounts: [] };
  if (q('overlay-loading')) return { state: 'loading', accounts: [] };
  if (q('overlay-error')) return { state: 'error', accounts: [] };
  // A badge (no room for the open card, or collapsed by the rep) that names its account shows that account.
  const badge = q('overlay-badge');
  if (badge && badge.dataset.account) return { state: 'matched', accounts: [badge.dataset.account] };
  if (badge) return { state: 'collapsed', accounts: [] };
  return { state: 'none', accounts: [] };
}`;

export async function readCard(page: Page): Promise<CardReading> {
  const frame = overlayFrameNow(page);
  if (!frame) return { state: 'none', accounts: [] };
  return frame
    .evaluate(`(${READ_CARD})(document)`)
    .then((r) => r as CardReading)
    .catch((): CardReading => ({ state: 'none', accounts: [] }));
}

/** The keys the content script found on the page's tab, asked through the background (null: not answered). */
export async function pageContext(
  context: BrowserContext,
  page: Page,
): Promise<{ answered: boolean; context: PageContext | null }> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === url) ?? tabs.find((t) => t.active);
    if (tab?.id === undefined) return { answered: false, context: null };
    try {
      const answer = (await chrome.tabs.sendMessage(tab.id, { type: 'overlay.context' })) as
        { context: PageContext | null } | undefined;
      return { answered: answer !== undefined, context: answer?.context ?? null };
    } catch {
      return { answered: false, context: null };
    }
  }, page.url());
}

export interface ExpectOptions {
  /** What the item is, for the failure message. */
  item: string;
  timeout?: number;
  /** No account card is right too (the page shows too little to be sure); another account never is. */
  orNone?: boolean;
}

/**
 * The card shows exactly `account` (one account, no other tab), or — with null — no account: the "no account"
 * panel, or nothing once the content script has answered for this page with a context that stays the same
 * (its positive sign that the page was read).
 */
export async function expectAccount(
  context: BrowserContext,
  page: Page,
  account: string | null,
  { item, timeout = 5_000, orNone = false }: ExpectOptions,
) {
  if (account !== null && orNone) {
    let previous = '';
    await expect
      .poll(
        async () => {
          const card = await readCard(page);
          if (card.state === 'matched') {
            return card.accounts.length === 1 && card.accounts[0] === account
              ? 'right'
              : `a card for ${card.accounts.join(' + ')}`;
          }
          if (card.state === 'loading') return 'loading';
          const settled = await settledWithoutCard(context, page, card.state, previous);
          previous = settled.now;
          return settled.done ? 'right' : 'reading';
        },
        { message: `${item}: the card shows ${account} or no account`, timeout, intervals: [250] },
      )
      .toBe('right');
    return;
  }
  if (account !== null) {
    await expect
      .poll(async () => readCard(page), { message: `${item}: the card shows ${account}`, timeout })
      .toEqual({ state: 'matched', accounts: [account] });
    return;
  }
  let previous = '';
  await expect
    .poll(
      async () => {
        const card = await readCard(page);
        if (card.state === 'matched') return `a card for ${card.accounts.join(' + ')}`;
        if (card.state === 'loading') return 'loading';
        const settled = await settledWithoutCard(context, page, card.state, previous);
        previous = settled.now;
        return settled.done ? 'no account' : settled.answered ? 'reading' : 'the content script did not answer';
      },
      { message: `${item}: no account card`, timeout, intervals: [250] },
    )
    .toBe('no account');
}

/**
 * No account card, for sure: the "no account" panel, or no card while the content script answers for the page
 * with the same context twice in a row (`previous` is the last answer).
 */
async function settledWithoutCard(
  context: BrowserContext,
  page: Page,
  state: CardState,
  previous: string,
): Promise<{ done: boolean; answered: boolean; now: string }> {
  if (state === 'no-match') return { done: true, answered: true, now: previous };
  const answer = await pageContext(context, page);
  const now = JSON.stringify(answer.context);
  return { done: answer.answered && now === previous, answered: answer.answered, now };
}

/**
 * What of `keep` the extension's box (card or badge) covers on the page now: one line per covered element, empty
 * when nothing is. The box is the frame's element, found by Playwright through the closed shadow root.
 */
export async function coveredByCard(page: Page, keep: KeepClear): Promise<string[]> {
  const frame = overlayFrameNow(page);
  const box = frame ? await (await frame.frameElement()).boundingBox() : null;
  if (!box || box.width < 1 || box.height < 1) return [];
  return page.evaluate(
    ({ keep, box }) => {
      const hits: string[] = [];
      const overlaps = (r: DOMRect) =>
        r.width > 0 &&
        r.height > 0 &&
        r.left < box.x + box.width &&
        r.right > box.x &&
        r.top < box.y + box.height &&
        r.bottom > box.y;
      const name = (el: Element) =>
        `${el.localName}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
      for (const el of document.querySelectorAll(keep.controls)) {
        if (overlaps(el.getBoundingClientRect())) hits.push(`control ${name(el)}`);
      }
      for (const el of document.querySelectorAll(keep.text)) {
        const rects =
          el instanceof HTMLInputElement
            ? [el.getBoundingClientRect()]
            : (() => {
                const range = document.createRange();
                range.selectNodeContents(el);
                return [...range.getClientRects()];
              })();
        if (rects.some(overlaps)) hits.push(`header ${name(el)}`);
      }
      return hits;
    },
    { keep, box },
  );
}
