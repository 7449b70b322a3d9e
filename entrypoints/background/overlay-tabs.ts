/**
 * The overlay's two halves meet here. The content script (in the host page) reports what the page is about; the
 * card (an extension frame inside that page) asks for the accounts of its own tab. The page's keys wait in
 * `storage.session` (extension pages only, never content scripts; it outlives a service-worker restart and ends
 * with the browser session), one entry per tab; the frame hears a new entry through `storage.onChanged` and asks
 * again. So the content script never receives account data, and the host page's DOM never holds any.
 */
import { browser, type Browser } from 'wxt/browser';
import type { Request } from '../../lib/message-schemas.ts';
import { overlayTabKey } from '../../lib/messaging.ts';
import type { PageContext } from '../../lib/sites/types.ts';
import { lookupPage, type LookupAnswer } from './lookup.ts';

const tabKey = overlayTabKey;

export interface TabEntry {
  /** Bumped on every report, so the frame can tell a new report of the same keys from an old one. */
  seq: number;
  /** The reporting document's origin and URL, from the sender (never from the payload). */
  origin: string;
  url: string;
  context: PageContext | null;
  /** The content script found no spot where the open card covers nothing of the host's: start as a badge. */
  noRoom: boolean;
  /** The key of the frame the content script mounted; other frames of the page are answered nothing. */
  frameKey: string;
}

export interface FrameAnswer {
  tabId: number;
  entry: TabEntry | null;
  answer: LookupAnswer | null;
}

let seq = 0;

/**
 * The lookup of a tab's latest report, started when the report arrives, so the answer is being prepared while the
 * card's frame loads; the frame's first question for that report takes it, later ones (after a mark, a correction)
 * look up afresh. In memory only: a restarted worker just looks up when asked.
 */
const early = new Map<number, { seq: number; answer: Promise<LookupAnswer | null> }>();

function lookupEntry(entry: TabEntry): Promise<LookupAnswer | null> {
  return entry.context && entry.context.keys.length > 0
    ? lookupPage({ url: entry.url, context: entry.context })
    : Promise.resolve(null);
}

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** A content script's report: stored for its tab, answered with nothing the page could use. */
export async function reportContext(
  { context, noRoom, frameKey }: Request<'overlay.context'>,
  sender: Browser.runtime.MessageSender,
): Promise<{ stored: boolean }> {
  const tabId = sender.tab?.id;
  const origin = originOf(sender.url);
  // Only a top frame's content script speaks for its tab.
  if (tabId === undefined || origin === null || (sender.frameId ?? 0) !== 0) return { stored: false };
  const entry: TabEntry = {
    seq: Date.now() * 1000 + (++seq % 1000),
    origin,
    url: sender.url!.slice(0, 4000),
    context,
    noRoom,
    frameKey,
  };
  const answer = lookupEntry(entry);
  answer.catch(() => undefined); // the frame's question reports a failure; nobody may be asking
  early.set(tabId, { seq: entry.seq, answer });
  await browser.storage.session.set({ [tabKey(tabId)]: entry });
  return { stored: true };
}

/**
 * The frame's question: the accounts for the page its tab shows now. Answered only to the frame the content script
 * mounted (its key) and while the tab still shows the document that reported (same origin): a page that frames
 * overlay-frame.html itself gets nothing.
 */
export async function frameLookup({ frameKey }: Request<'overlay.lookup'>, sender: Browser.runtime.MessageSender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error('overlay.lookup is asked from the overlay frame inside a tab');
  const key = tabKey(tabId);
  const entry = ((await browser.storage.session.get(key))[key] as TabEntry | undefined) ?? null;
  const tabOrigin = originOf(sender.tab?.url);
  if (!entry || tabOrigin !== entry.origin || entry.frameKey !== frameKey)
    return { tabId, entry: null, answer: null } satisfies FrameAnswer;
  const prepared = early.get(tabId);
  early.delete(tabId);
  const answer = await (prepared?.seq === entry.seq ? prepared.answer : lookupEntry(entry));
  return { tabId, entry, answer } satisfies FrameAnswer;
}

/** A closed tab's entry goes with it. */
export function forgetTab(tabId: number) {
  early.delete(tabId);
  void browser.storage.session.remove(tabKey(tabId)).catch(() => undefined);
}
