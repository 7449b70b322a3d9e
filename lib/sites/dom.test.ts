import { describe, expect, it } from 'vitest';
import { pathTo } from './dom.ts';

describe('pathTo', () => {
  it('names an element in a deep table layout by the nearest tag and class that name one element alone', () => {
    // SqWebMail's header sits some 25 tables and cells deep: a path from the body is far over the limit.
    let html = '<span class="address">t.wendler@wendler-feinmechanik.de</span>';
    html = `<table class="message-rfc822-header"><tbody><tr><td>From:</td><td>${html}</td></tr></tbody></table>`;
    for (let i = 0; i < 12; i++) html = `<table class="box-outer"><tbody><tr><td>${html}</td></tr></tbody></table>`;
    document.body.innerHTML = `<table class="box-outer"></table>${html}`;
    const address = document.querySelector('span.address')!;
    const path = pathTo(address);
    expect(path).toBeDefined();
    expect(path!.length).toBeLessThanOrEqual(200);
    expect(document.querySelectorAll(path!)).toHaveLength(1);
    expect(document.querySelector(path!)).toBe(address);
  });

  it('stops at a unique id and gives up past the limit', () => {
    document.body.innerHTML = '<div id="pane"><p>a</p><p><b>b</b></p></div>';
    expect(pathTo(document.querySelector('b')!)).toBe('#pane > p:nth-child(2) > b:nth-child(1)');
    let html = '<b>deep</b>';
    for (let i = 0; i < 40; i++) html = `<div>${html}</div>`;
    document.body.innerHTML = html;
    expect(pathTo(document.querySelector('b')!)).toBeUndefined();
  });
});
