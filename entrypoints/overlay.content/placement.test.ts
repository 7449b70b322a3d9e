import { describe, expect, it } from 'vitest';
import { anchorRect, cardSpot, MARGIN, MIN_CARD_HEIGHT, overlap, type Rect } from './placement.ts';

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

/** A page whose elements have the boxes given by `data-box="left,top,width,height"` (happy-dom lays nothing out). */
function laidOut(html: string): Document {
  document.body.innerHTML = html;
  for (const el of document.querySelectorAll<HTMLElement>('[data-box]')) {
    const [left, top, width, height] = el.dataset.box!.split(',').map(Number) as [number, number, number, number];
    el.getBoundingClientRect = () => new DOMRect(left, top, width, height);
  }
  return document;
}

describe('anchorRect', () => {
  // SOGo's message header at 1280 × 720: the sender's column and the To/Cc column side by side, 140 px tall.
  const sogo = (body: string) => `
    <div id="content" data-box="648,128,624,464">
      <div id="header" data-box="664,203,592,140">
        <div id="from-col" data-box="664,203,296,140">
          <div data-box="664,203,296,64"><div data-box="728,216,232,38">
            <span>Thomas Wendler</span><a id="sender" data-box="728,239,209,14">t.wendler@wendler-feinmechanik.de</a>
          </div></div>
        </div>
        <div id="recipients" data-box="960,203,296,124">
          <label>To</label><span>Mara Klein</span><label>Cc</label><span>Petra Ludwig</span><span>Felix Baumann</span>
        </div>
      </div>
      <div id="body" data-box="664,344,592,232">${body}</div>
    </div>`;

  it('widens the sender to the whole header block of short lines, To and Cc included, and stops at the body', () => {
    const doc = laidOut(
      sogo('<p>' + 'The pilot results are in and we want to roll out to the plant. '.repeat(12) + '</p>'),
    );
    expect(anchorRect(doc, '#sender')).toEqual({ left: 664, top: 203, width: 592, height: 140 });
  });

  it('keeps a header block that holds long text (the body) out of the anchor', () => {
    const doc = laidOut(`<div id="pane" data-box="648,128,624,200"><a id="sender" data-box="728,239,209,14">t@x.de</a>
      <p>${'A long body of text that runs on and on. '.repeat(20)}</p></div>`);
    expect(anchorRect(doc, '#sender')).toEqual({ left: 728, top: 239, width: 209, height: 14 });
  });

  it('leaves an anchor that is itself a pane as it is', () => {
    const doc = laidOut(`<div data-box="0,0,1280,720"><div id="pane" data-box="300,60,980,660">x</div></div>`);
    expect(anchorRect(doc, '#pane')).toEqual({ left: 300, top: 60, width: 980, height: 660 });
  });
});
