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
  /** The tallest the card may grow at this spot (down to the next toolbar below it, or the viewport's bottom). */
  room: number;
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
    // As tall as wanted, down to the next toolbar below it in its column (a second button bar under the message)
    // when that still leaves a card worth opening.
    let room = Math.min(MAX_CARD_HEIGHT, viewport.height - c.top - MARGIN);
    const band = { left: c.left, top: c.top, width, height: room };
    const below = obstacles.hard.filter((r) => r.top > c.top && overlap(band, r) > 0).map((r) => r.top - 8 - c.top);
    const fit = Math.min(room, ...below);
    if (fit >= Math.min(MIN_CARD_HEIGHT, wanted)) room = fit;
    const height = Math.min(wanted, room);
    if (height < Math.min(MIN_CARD_HEIGHT, wanted)) continue;
    const rect = { left: c.left, top: c.top, width, height };
    const hard = covered(rect, obstacles.hard);
    const cost = hard * 1000 + covered(rect, obstacles.soft) + c.top + (c.side === 'right' ? 0 : 50);
    if (!best || cost < best.cost) best = { rect, side: c.side, clear: hard === 0, room, cost };
  }
  if (best) return { rect: best.rect, side: best.side, clear: best.clear, room: best.room };
  // Nothing tall enough anywhere: the right edge from the top, marked as not clear (the caller shows the badge).
  const height = Math.max(0, Math.min(wanted, viewport.height - 2 * MARGIN));
  const rect = { left: viewport.width - width - MARGIN, top: MARGIN, width, height };
  return { rect, side: 'right', clear: false, room: viewport.height - 2 * MARGIN };
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

function rectOf(el: Element): Rect {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

/** A few header lines: always part of the anchor's block. */
const LINES_HEIGHT = 96;
/** A header block with all its recipients: at most this tall, and this much text. */
const HEADER_HEIGHT = 240;
const HEADER_TEXT = 600;

function headerBlock(el: Element, r: Rect): boolean {
  if (r.height > HEADER_HEIGHT) return false;
  const text = el.textContent ?? '';
  return text.length <= HEADER_TEXT * 2 && text.replace(/\s+/g, ' ').trim().length <= HEADER_TEXT;
}

/**
 * The focused item's header: the element the adapter named, widened to the block of lines it sits in (its
 * ancestors as long as they stay a few lines tall, or a header block of short text: a sender's line is read with
 * the To and Cc lines below and beside it).
 */
export function anchorRect(doc: Document, selector: string | undefined): Rect | null {
  if (!selector) return null;
  try {
    const el = doc.querySelector(selector);
    if (!el) return null;
    let band = rectOf(el);
    if (band.width < 1 || band.height < 1) return null;
    // The sender's line, and the block of header lines it belongs to (Date, From, To, Cc): up to a few lines, or
    // up to a header's height while the block holds only short text (the body is where text runs long). An anchor
    // that is itself a pane or a dialog stays as it is.
    if (band.height <= LINES_HEIGHT)
      for (let p = el.parentElement; p && p !== doc.body && p !== doc.documentElement; p = p.parentElement) {
        const r = rectOf(p);
        if (r.height > LINES_HEIGHT && !headerBlock(p, r)) break;
        if (r.width >= band.width) band = r;
      }
    return band;
  } catch {
    return null;
  }
}

/** What a toolbar is made of: buttons, tabs and links (not form fields or check boxes: a form's rows are content). */
const CONTROL =
  'button,[role="button"],[role="tab"],[role="menuitem"],input[type="button"],input[type="submit"],input[type="image"],a[href]';
const MAX_CONTROLS = 800;
/** Controls closer than this side by side belong to one bar; a bar has at least three. */
const BAR_GAP = 40;
const BAR_CONTROLS = 3;
const BAR_HEIGHT = 80;

/**
 * Host toolbars that no role or class names: rows of at least three buttons, tabs or links side by side, each no
 * taller than a control, as wide as the bar that holds them (their common ancestor, when it is no taller than a
 * bar). Real apps draw their toolbars out of plain `div`s and `a`s as often as with `role="toolbar"`.
 */
export function controlBars(doc: Document, viewport: Size, skip: Element): Rect[] {
  const controls: { el: Element; r: Rect; cy: number }[] = [];
  const nodes = doc.querySelectorAll(CONTROL);
  for (let i = 0; i < nodes.length && controls.length < MAX_CONTROLS; i++) {
    const el = nodes[i]!;
    if (el === skip) continue;
    const r = rectOf(el);
    if (r.width < 4 || r.height < 4 || r.height > 56 || r.width > 360) continue;
    if (r.top + r.height <= 0 || r.top >= viewport.height || r.left + r.width <= 0 || r.left >= viewport.width)
      continue;
    controls.push({ el, r, cy: r.top + r.height / 2 });
  }
  controls.sort((a, b) => a.cy - b.cy || a.r.left - b.r.left);
  const rows: (typeof controls)[] = [];
  for (const c of controls) {
    const row = rows.at(-1);
    if (row && Math.abs(row[0]!.cy - c.cy) <= 6) row.push(c);
    else rows.push([c]);
  }
  const bars: Rect[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.r.left - b.r.left);
    let cluster: typeof row = [];
    const flush = () => {
      if (cluster.length >= BAR_CONTROLS) bars.push(barOf(cluster.map((c) => c.el)));
      cluster = [];
    };
    for (const c of row) {
      const last = cluster.at(-1);
      if (last && c.r.left - (last.r.left + last.r.width) > BAR_GAP) flush();
      // Nested controls (a link inside a tab) count once.
      if (!last || !(last.el.contains(c.el) || c.el.contains(last.el))) cluster.push(c);
    }
    flush();
  }
  return bars;
}

/** The bar that holds `controls`: their common ancestor if it is no taller than a bar, else their own extent. */
function barOf(controls: Element[]): Rect {
  const rects = controls.map(rectOf);
  const top = Math.min(...rects.map((r) => r.top));
  const bottom = Math.max(...rects.map((r) => r.top + r.height));
  const left = Math.min(...rects.map((r) => r.left));
  const right = Math.max(...rects.map((r) => r.left + r.width));
  const own: Rect = { left, top, width: right - left, height: bottom - top };
  // The bar is as wide as the widest ancestor of its controls that is still no taller than a bar: a toolbar's
  // buttons often sit in a group at one end of the band that holds them.
  let bar = own;
  const limit = Math.max(BAR_HEIGHT, own.height + 16);
  for (let p = controls[0]!.parentElement; p && p.localName !== 'body'; p = p.parentElement) {
    if (!controls.every((c) => p.contains(c))) continue;
    const r = rectOf(p);
    if (r.height > limit) break;
    if (r.width >= bar.width) bar = r;
  }
  return bar;
}

export function readObstacles(doc: Document, viewport: Size, host: Element, anchor: Rect | null): Obstacles {
  const hard = [...visibleRects(doc, HARD_SELECTOR, viewport, host), ...controlBars(doc, viewport, host)];
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
