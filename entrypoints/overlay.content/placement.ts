/**
 * Where the overlay goes on the host page. The card must not cover the host's toolbar or the header of the item
 * the rep is looking at (the adapter's anchor hint, the page's h1, banners and toolbars): it docks at the right or
 * left edge below them, or beside the anchor, and when no such spot is tall enough it starts as a badge. The badge
 * goes where no interactive host element lies under it (checked with `elementsFromPoint`). Pure geometry here,
 * plus one function that reads the obstacles from the DOM (a few hundred rects: well under a millisecond).
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}
export interface Size {
  width: number;
  height: number;
}
export type Side = 'left' | 'right' | 'free';
export interface Spot {
  rect: Rect;
  side: Side;
  /** False when every spot covers some of the host's toolbar or the focused item's header. */
  clear: boolean;
}
export interface Obstacles {
  /** Never to be covered: toolbars, banners, the focused item's header. */
  hard: Rect[];
  /** Better not covered: navigation and controls. */
  soft: Rect[];
}

export const MARGIN = 12;
export const CARD_WIDTH = 360;
export const MAX_CARD_HEIGHT = 620;
/** A card less tall than this is not worth opening: the badge is shown instead. */
export const MIN_CARD_HEIGHT = 300;
export const BADGE_SIZE = 56;

export function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

function covered(rect: Rect, rects: readonly Rect[]): number {
  let sum = 0;
  for (const r of rects) sum += overlap(rect, r);
  return sum;
}

/**
 * The best spot for the open card: right edge, left edge, or beside the anchor, each as high as the obstacles in
 * its column allow. Cost: covered hard area first, then covered soft area, then a slight preference for the right
 * edge and for the top.
 */
export function cardSpot(viewport: Size, size: Size, obstacles: Obstacles, anchor?: Rect | null): Spot {
  const width = Math.min(size.width, viewport.width - 2 * MARGIN);
  const wanted = Math.min(size.height, MAX_CARD_HEIGHT);
  const candidates: { left: number; top: number; side: Side }[] = [];
  const columns: { left: number; side: Side }[] = [
    { left: viewport.width - width - MARGIN, side: 'right' },
    { left: MARGIN, side: 'left' },
  ];
  for (const { left, side } of columns) {
    const column = { left, top: 0, width, height: viewport.height };
    const tops = new Set([MARGIN]);
    for (const r of obstacles.hard) if (overlap(column, r) > 0) tops.add(Math.ceil(r.top + r.height + 8));
    for (const top of tops) candidates.push({ left, top, side });
  }
  if (anchor) {
    const right = anchor.left + anchor.width + MARGIN;
    const top = Math.max(MARGIN, Math.round(anchor.top));
    if (right + width <= viewport.width - MARGIN) candidates.push({ left: Math.round(right), top, side: 'free' });
    const left = anchor.left - width - MARGIN;
    if (left >= MARGIN) candidates.push({ left: Math.round(left), top, side: 'free' });
  }
  let best: (Spot & { cost: number }) | null = null;
  for (const c of candidates) {
    const height = Math.min(wanted, viewport.height - c.top - MARGIN);
    if (height < Math.min(MIN_CARD_HEIGHT, wanted)) continue;
    const rect = { left: c.left, top: c.top, width, height };
    const hard = covered(rect, obstacles.hard);
    const cost = hard * 1000 + covered(rect, obstacles.soft) + c.top + (c.side === 'right' ? 0 : 50);
    if (!best || cost < best.cost) best = { rect, side: c.side, clear: hard === 0, cost };
  }
  if (best) return { rect: best.rect, side: best.side, clear: best.clear };
  // Nothing tall enough anywhere: the right edge from the top, marked as not clear (the caller shows the badge).
  const height = Math.max(0, Math.min(wanted, viewport.height - 2 * MARGIN));
  return { rect: { left: viewport.width - width - MARGIN, top: MARGIN, width, height }, side: 'right', clear: false };
}

/** A saved place, kept inside the viewport. */
export function savedSpot(viewport: Size, size: Size, saved: { side: Side; top: number; left: number }): Rect {
  const width = Math.min(size.width, viewport.width - 2 * MARGIN);
  const top = Math.max(0, Math.min(saved.top, viewport.height - Math.min(size.height, BADGE_SIZE) - MARGIN));
  const height = Math.max(0, Math.min(size.height, viewport.height - top - MARGIN));
  const left =
    saved.side === 'left'
      ? MARGIN
      : saved.side === 'right'
        ? viewport.width - width - MARGIN
        : Math.max(0, Math.min(saved.left, viewport.width - width));
  return { left, top, width, height };
}

/** Snaps a dropped card to an edge it was dropped near; elsewhere it stays where it was dropped. */
export function dropped(viewport: Size, rect: Rect): { side: Side; top: number; left: number } {
  const top = Math.max(0, Math.round(rect.top));
  const left = Math.max(0, Math.round(rect.left));
  if (rect.left < MARGIN * 3) return { side: 'left', top, left: MARGIN };
  if (viewport.width - (rect.left + rect.width) < MARGIN * 3) return { side: 'right', top, left };
  return { side: 'free', top, left };
}

/** Badge spots to try, in order: down the right edge, then down the left edge, then the bottom corners. */
export function badgeCandidates(viewport: Size): Rect[] {
  const spots: Rect[] = [];
  const step = 40;
  for (const left of [viewport.width - BADGE_SIZE - MARGIN, MARGIN]) {
    for (let top = MARGIN; top + BADGE_SIZE <= viewport.height - MARGIN; top += step)
      spots.push({ left, top, width: BADGE_SIZE, height: BADGE_SIZE });
  }
  return spots;
}

const HARD_SELECTOR = [
  '[role="banner"]',
  '[role="toolbar"]',
  '[role="menubar"]',
  '[role="tablist"]',
  'header',
  '[class~="toolbar" i]',
  '[id*="toolbar" i]',
  'h1',
].join(',');
const SOFT_SELECTOR = 'nav,[role="navigation"],button,a[href],input,select,textarea,[role="button"],[role="tab"]';
const INTERACTIVE =
  'a[href],button,input,select,textarea,summary,label,[role="button"],[role="link"],[role="tab"],[role="menuitem"],[role="checkbox"],[role="option"],[contenteditable="true"],[onclick],[tabindex]:not([tabindex="-1"])';
const MAX_OBSTACLES = 400;

function visibleRects(doc: Document, selector: string, viewport: Size, skip: Element): Rect[] {
  const rects: Rect[] = [];
  const nodes = doc.querySelectorAll(selector);
  for (let i = 0; i < nodes.length && rects.length < MAX_OBSTACLES; i++) {
    const node = nodes[i]!;
    if (node === skip) continue;
    const r = node.getBoundingClientRect();
    if (r.width < 1 || r.height < 1 || r.bottom <= 0 || r.top >= viewport.height) continue;
    if (r.right <= 0 || r.left >= viewport.width) continue;
    rects.push({ left: r.left, top: r.top, width: r.width, height: r.height });
  }
  return rects;
}

/** The element the adapter named as the focused item's header, if it is on screen. */
export function anchorRect(doc: Document, selector: string | undefined): Rect | null {
  if (!selector) return null;
  try {
    const r = doc.querySelector(selector)?.getBoundingClientRect();
    return r && r.width >= 1 && r.height >= 1 ? { left: r.left, top: r.top, width: r.width, height: r.height } : null;
  } catch {
    return null;
  }
}

export function readObstacles(doc: Document, viewport: Size, host: Element, anchor: Rect | null): Obstacles {
  const hard = visibleRects(doc, HARD_SELECTOR, viewport, host);
  // The anchor's top band is the item's header; an anchor as tall as a dialog stays whole.
  if (anchor) hard.push(anchor);
  return { hard, soft: visibleRects(doc, SOFT_SELECTOR, viewport, host) };
}

/** Whether any point of `rect` (centre and corners, inset) lies on an interactive host element or a hard obstacle. */
function busy(doc: Document, rect: Rect, host: Element, hard: readonly Rect[]): boolean {
  if (covered(rect, hard) > 0) return true;
  const inset = 4;
  const points = [
    [rect.left + rect.width / 2, rect.top + rect.height / 2],
    [rect.left + inset, rect.top + inset],
    [rect.left + rect.width - inset, rect.top + inset],
    [rect.left + inset, rect.top + rect.height - inset],
    [rect.left + rect.width - inset, rect.top + rect.height - inset],
  ] as const;
  for (const [x, y] of points) {
    for (const el of doc.elementsFromPoint(x, y)) {
      if (el === host) continue;
      if (el.closest(INTERACTIVE)) return true;
    }
  }
  return false;
}

/** The first badge spot with nothing interactive of the host's under it; the bottom right corner if none is free. */
export function badgeSpot(doc: Document, viewport: Size, host: Element, obstacles: Obstacles): Rect {
  const candidates = badgeCandidates(viewport);
  for (const spot of candidates) if (!busy(doc, spot, host, obstacles.hard)) return spot;
  return {
    left: viewport.width - BADGE_SIZE - MARGIN,
    top: viewport.height - BADGE_SIZE - MARGIN,
    width: BADGE_SIZE,
    height: BADGE_SIZE,
  };
}
