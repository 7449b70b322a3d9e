import { describe, expect, it } from 'vitest';
import { cardSpot, MARGIN, MIN_CARD_HEIGHT, overlap, type Rect } from './placement.ts';

const VIEWPORT = { width: 1280, height: 720 };
const CARD = { width: 360, height: 620 };
const bar = (top: number, height = 30, left = 218, width = 1062): Rect => ({ left, top, width, height });

describe('cardSpot', () => {
  it('goes below the toolbars that cross its column, never over them', () => {
    const hard = [bar(0, 36, 0, 1280), bar(56), bar(86)];
    const spot = cardSpot(VIEWPORT, CARD, { hard, soft: [] });
    expect(spot.clear).toBe(true);
    expect(spot.rect.top).toBeGreaterThanOrEqual(86 + 30);
    for (const r of hard) expect(overlap(spot.rect, r)).toBe(0);
  });

  it('stops above a second toolbar below the message, and says how tall the card may grow there', () => {
    const hard = [bar(56), bar(86), bar(563)];
    const spot = cardSpot(VIEWPORT, CARD, { hard, soft: [] });
    expect(spot.clear).toBe(true);
    expect(spot.rect.top + spot.rect.height).toBeLessThanOrEqual(563);
    expect(spot.room).toBe(spot.rect.height);
    expect(spot.room).toBeGreaterThanOrEqual(MIN_CARD_HEIGHT);
  });

  it('keeps clear of the focused item header (the anchor) and prefers the right edge', () => {
    const anchor = { left: 236, top: 164, width: 1026, height: 45 };
    const spot = cardSpot(VIEWPORT, CARD, { hard: [bar(56), anchor], soft: [] }, anchor);
    expect(spot.side).toBe('right');
    expect(overlap(spot.rect, anchor)).toBe(0);
  });

  it('is not clear when no spot leaves a card worth opening (the caller shows the badge)', () => {
    // Toolbars every 250 px across the whole width: no gap of MIN_CARD_HEIGHT anywhere.
    const hard = [0, 250, 500].map((top) => bar(top, 30, 0, 1280));
    const spot = cardSpot(VIEWPORT, CARD, { hard, soft: [] });
    expect(spot.clear).toBe(false);
    expect(spot.rect.left).toBe(VIEWPORT.width - CARD.width - MARGIN);
  });
});
