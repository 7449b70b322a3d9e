/**
 * The overlay's page side: an empty box. A host element with a random name and a closed shadow root holds one
 * iframe, the extension page overlay-frame.html, which renders the card and asks the background for the
 * account itself. This script sends the page's keys to the background and receives nothing back but layout: the
 * frame's size and drags (runtime messages from the frame, checked to come from the extension's own page) and
 * the rep's saved place for this site. The host page's DOM never holds a score, a revenue figure or a note; the
 * frame's document is cross-origin to the page, and the frame trusts no `postMessage`.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Placement } from '../../lib/message-schemas.ts';
import { sendMessage } from '../../lib/messaging.ts';
import type { PageContext } from '../../lib/sites/types.ts';
import {
  anchorRect,
  BADGE_SIZE,
  badgeSpot,
  CARD_WIDTH,
  cardSpot,
  dropped,
  MARGIN,
  MAX_CARD_HEIGHT,
  readObstacles,
  savedSpot,
  type Rect,
  type Size,
} from './placement.ts';

/** What the frame tells this script (see entrypoints/overlay-frame). */
export type FrameMessage = { type: 'overlay.frame'; frameKey: string } & (
  | { kind: 'size'; hidden: boolean; collapsed: boolean; width: number; height: number }
  /** The rep started dragging; the pointer is at x, y in the frame. This script follows it from there. */
  | { kind: 'drag'; x: number; y: number }
  | { kind: 'dock' }
);

export const FRAME_PATH = '/overlay-frame.html';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
function randomLetters(n: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => LETTERS[b % 26]).join('');
}
function randomName(): string {
  return `${randomLetters(6)}-${randomLetters(8)}`;
}

function viewport(): Size {
  return { width: document.documentElement.clientWidth || innerWidth, height: innerHeight };
}

const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  display: 'block',
  position: 'fixed',
  'z-index': '2147483647',
  margin: '0',
  padding: '0',
  border: '0',
  overflow: 'hidden',
  'border-radius': '12px',
  'box-shadow': '0 12px 32px rgba(16, 24, 40, 0.22), 0 2px 6px rgba(16, 24, 40, 0.12)',
  visibility: 'hidden',
  'pointer-events': 'auto',
};

export interface Shell {
  onContext(context: PageContext | null): void;
}

export function createShell(ctx: ContentScriptContext): Shell {
  const frameUrl = browser.runtime.getURL(FRAME_PATH);
  const extensionOrigin = browser.runtime.getURL('/');
  const frameKey = randomLetters(32);
  let host: HTMLElement | null = null;
  let context: PageContext | null = null;
  /** undefined: not asked yet. */
  let placement: Placement | null | undefined;
  /** What the frame last asked for, and where the box is now. */
  let size: { collapsed: boolean; width: number; height: number } | null = null;
  let rect: Rect | null = null;
  /** How tall the card may grow where it was placed (not into a toolbar below it). */
  let room = Infinity;
  let shield: HTMLElement | null = null;
  let shadow: ShadowRoot | null = null;
  /** The page named another item since the box was placed: place it again on the next size. */
  let moved = true;
  let queue: Promise<unknown> = Promise.resolve();

  function setStyle(el: HTMLElement, style: Record<string, string>) {
    for (const [name, value] of Object.entries(style)) el.style.setProperty(name, value, 'important');
  }

  function mount(): HTMLElement {
    if (host?.isConnected) return host;
    host = document.createElement(randomName());
    setStyle(host, HOST_STYLE);
    const root = host.attachShadow({ mode: 'closed' });
    shadow = root;
    const frame = document.createElement('iframe');
    frame.src = `${frameUrl}#${frameKey}`;
    frame.title = 'AccountLens';
    frame.setAttribute('allowtransparency', 'true');
    setStyle(frame, {
      display: 'block',
      border: '0',
      margin: '0',
      padding: '0',
      width: '100%',
      height: '100%',
      background: 'transparent',
      'color-scheme': 'normal',
    });
    root.append(frame);
    (document.body ?? document.documentElement).append(host);
    return host;
  }

  function apply(next: Rect) {
    rect = next;
    if (!host) return;
    setStyle(host, {
      left: `${Math.round(next.left)}px`,
      top: `${Math.round(next.top)}px`,
      width: `${Math.round(next.width)}px`,
      height: `${Math.round(next.height)}px`,
      'border-radius': size?.collapsed ? `${BADGE_SIZE / 2}px` : '12px',
      visibility: 'visible',
    });
  }

  /** Places the box for the frame's current size: the saved place, else a free spot. */
  function place(fresh: boolean) {
    if (!host || !size) return;
    const vp = viewport();
    const want = { width: size.width, height: size.height };
    if (placement) {
      apply(savedSpot(vp, want, placement));
      return;
    }
    if (!fresh && !moved && rect) {
      // Same mode: keep the spot (no jumping while the card's content grows), adjust the height.
      apply({ ...rect, width: want.width, height: Math.min(want.height, room, vp.height - rect.top - MARGIN) });
      return;
    }
    const anchor = anchorRect(document, context?.anchorHint);
    const obstacles = readObstacles(document, vp, host, anchor);
    moved = false;
    if (size.collapsed) {
      room = Infinity;
      apply(badgeSpot(document, vp, host, obstacles));
      return;
    }
    const spot = cardSpot(vp, want, obstacles, anchor);
    room = spot.room;
    apply(spot.rect);
  }

  /** Whether the open card would cover the host's toolbar or the focused item's header wherever it went. */
  function noRoom(next: PageContext): boolean {
    if (placement) return false;
    const vp = viewport();
    const anchor = anchorRect(document, next.anchorHint);
    const obstacles = readObstacles(document, vp, host ?? document.documentElement, anchor);
    const card = { width: CARD_WIDTH, height: Math.min(MAX_CARD_HEIGHT, vp.height - 2 * MARGIN) };
    return !cardSpot(vp, card, obstacles, anchor).clear;
  }

  function hide() {
    size = null;
    rect = null;
    if (host) setStyle(host, { visibility: 'hidden', width: '0px', height: '0px' });
  }

  function savePlace() {
    if (!rect) return;
    placement = dropped(viewport(), rect);
    void sendMessage('overlay.placement.save', { placement }).catch(() => undefined);
  }

  /**
   * Follows a drag the frame started: a transparent shield over the viewport (in the closed shadow root) takes
   * the pointer's events from here on, so the card moves with the pointer even when it leaves the frame; on
   * release the place is saved for this site.
   */
  function follow(frameX: number, frameY: number) {
    if (!rect || !host || shield) return;
    const from = { x: rect.left + frameX, y: rect.top + frameY, left: rect.left, top: rect.top };
    const root = shadow;
    shield = document.createElement('div');
    setStyle(shield, { position: 'fixed', inset: '0', 'z-index': '1', cursor: 'grabbing', background: 'transparent' });
    const move = (e: PointerEvent) => {
      if (!rect) return;
      const vp = viewport();
      apply({
        ...rect,
        left: Math.max(0, Math.min(from.left + e.clientX - from.x, vp.width - rect.width)),
        top: Math.max(0, Math.min(from.top + e.clientY - from.y, vp.height - rect.height)),
      });
    };
    const end = (e: PointerEvent) => {
      move(e);
      shield?.remove();
      shield = null;
      savePlace();
    };
    shield.addEventListener('pointermove', move);
    shield.addEventListener('pointerup', end);
    shield.addEventListener('pointercancel', end);
    root?.append(shield);
  }

  function onFrameMessage(message: FrameMessage) {
    if (message.kind === 'size') {
      if (message.hidden) return hide();
      const fresh = !size || size.collapsed !== message.collapsed;
      size = { collapsed: message.collapsed, width: message.width, height: message.height };
      place(fresh);
    } else if (message.kind === 'drag') {
      follow(message.x, message.y);
    } else if (message.kind === 'dock' && rect) {
      const vp = viewport();
      const toLeft = rect.left + rect.width / 2 > vp.width / 2;
      apply({ ...rect, left: toLeft ? MARGIN : vp.width - rect.width - MARGIN });
      savePlace();
    }
  }

  const listener = (message: unknown, sender: { id?: string; url?: string }) => {
    if ((message as { type?: unknown } | null)?.type !== 'overlay.frame') return undefined;
    // Only the extension speaks to this script (web pages can't send runtime messages at all): its frame page, or
    // the background relaying for it (Firefox gives framed extension pages no tabs API). The frame key decides.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(extensionOrigin)) return undefined;
    onFrameMessage(message as FrameMessage);
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  const onResize = () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => place(true), 150);
  };
  addEventListener('resize', onResize);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(listener);
    removeEventListener('resize', onResize);
    host?.remove();
  });

  async function report(next: PageContext | null) {
    // Another item (or the same one read differently) is placed afresh: the host's toolbar may have been drawn
    // only after the first card was placed; the card keeps its place only while one item's card grows.
    moved = moved || JSON.stringify(next) !== JSON.stringify(context);
    context = next;
    if (!next || next.keys.length === 0) {
      hide();
      await sendMessage('overlay.context', { context: null, noRoom: false, frameKey });
      return;
    }
    // The frame (hidden until it has something to show) loads while the keys go to the background: it hears the
    // report through storage.onChanged, so mounting first only takes the frame's load off the critical path.
    if (!ctx.isInvalid) mount();
    if (placement === undefined) {
      placement = (await sendMessage<'overlay.placement', { placement: Placement | null }>('overlay.placement', {}))
        .placement;
    }
    await sendMessage('overlay.context', { context: next, noRoom: noRoom(next), frameKey });
  }

  return {
    onContext(next) {
      // One report at a time, in order: the background keeps the last one it stored.
      queue = queue
        .then(() => report(next))
        .catch((error: unknown) => {
          if (!String(error).includes('Extension context invalidated')) console.debug('AccountLens: overlay', error);
        });
    },
  };
}
