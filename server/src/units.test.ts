/** Pure helpers of the hub: version order, CSV cells, origin matching, the rate limiter, SVG escaping and axes. */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { CSV_COLUMNS, insightsCsv } from './csv.ts';
import { InsightSchema } from '../../lib/engine/insight.ts';
import { weekStart } from './charts.ts';
import { originMatcher } from './origins.ts';
import { compareVersions } from './push.ts';
import { createRateLimiter } from './rate-limit.ts';
import { niceMax, xml } from './review-page/svg.ts';
import { sameJson } from './scoring.ts';

describe('compareVersions', () => {
  const v = (rev: number, updatedAt: string, clientId: string) => ({ rev, updatedAt, clientId });
  it('prefers the higher rev, then the later updatedAt, then the higher clientId', () => {
    expect(compareVersions(v(3, '2025-01-01T00:00:00Z', 'a'), v(2, '2026-01-01T00:00:00Z', 'z'))).toBe(1);
    expect(compareVersions(v(2, '2026-01-01T10:00:00Z', 'a'), v(2, '2026-01-01T11:00:00Z', 'a'))).toBe(-1);
    expect(
      compareVersions(v(2, '2026-01-01T10:00:00Z', 'client-b'), v(2, '2026-01-01T10:00:00.000+00:00', 'client-a')),
    ).toBe(1);
    expect(compareVersions(v(2, '2026-01-01T10:00:00Z', 'same'), v(2, '2026-01-01T11:00:00+01:00', 'same'))).toBe(0);
  });
});

describe('insightsCsv', () => {
  it('keeps numbers numbers, defuses formula starts and quotes cells a German Excel would split', () => {
    const item = {
      insight: InsightSchema.parse({
        id: '01JN0000000000000000000001',
        accountId: 'K-1',
        author: 'ana@example.com',
        createdAt: '2026-03-02T09:00:00.000Z',
        updatedAt: '2026-03-02T09:00:00.000Z',
        type: 'need',
        title: 'see;=1+1;',
        body: '-2 units',
        sentiment: -2,
        tags: ['a', 'b'],
      }),
      rep: { email: 'ana@example.com', name: '@Ana' },
      team: 'north',
      accountName: 'Müller, GmbH',
      reviewStatus: 'new' as const,
      receivedAt: '2026-03-02T09:00:00.000Z',
    };
    const [, line] = insightsCsv([item]).split('\r\n');
    const cells = Papa.parse<string[]>(line!).data[0]!;
    const cell = (name: (typeof CSV_COLUMNS)[number]) => cells[CSV_COLUMNS.indexOf(name)];
    expect(cell('title')).toBe('see;=1+1;');
    expect(line).toContain('"see;=1+1;"');
    expect(cell('body')).toBe("'-2 units");
    expect(cell('repName')).toBe("'@Ana");
    expect(cell('sentiment')).toBe('-2');
    expect(line).toContain(',-2,');
    expect(cell('accountName')).toBe('Müller, GmbH');
    expect(cell('tags')).toBe('a; b');
    expect(line).toContain('"a; b"');
  });
});

describe('originMatcher', () => {
  it('admits any extension origin by default and nothing else', () => {
    const allowed = originMatcher();
    expect(allowed('chrome-extension://abcdefghijklmnopabcdefghijklmnop')).toBe(true);
    expect(allowed('moz-extension://4b1c0f9e-1111-2222-3333-444455556666')).toBe(true);
    expect(allowed('https://evil.example')).toBe(false);
    expect(allowed('chrome-extension://x/../evil')).toBe(false);
  });
  it('matches exact origins and refuses malformed entries', () => {
    const allowed = originMatcher('chrome-extension://abc, https://hub.example.com');
    expect(allowed('chrome-extension://abc')).toBe(true);
    expect(allowed('chrome-extension://abd')).toBe(false);
    expect(allowed('https://hub.example.com')).toBe(true);
    expect(() => originMatcher('https://*.example.com')).toThrow(
      'originMatcher: "https://*.example.com" in ALLOWED_ORIGINS',
    );
  });
});

describe('createRateLimiter', () => {
  it('allows a burst, then one request per 60/perMinute seconds', () => {
    let now = 0;
    const limiter = createRateLimiter(60, 2, () => now);
    expect([limiter.take('t'), limiter.take('t'), limiter.take('t')]).toEqual([0, 0, 1]);
    now = 1000;
    expect([limiter.take('t'), limiter.take('t')]).toEqual([0, 1]);
    expect(limiter.take('other')).toBe(0);
    expect(() => createRateLimiter(0)).toThrow('createRateLimiter: perMinute must be positive, got 0');
  });
});

describe('svg helpers', () => {
  it('escapes markup and picks 1-2-2.5-5 axis maxima', () => {
    expect(xml(`<script>"x" & 'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
    expect([0, 1, 3, 7, 18, 24, 230].map(niceMax)).toEqual([1, 1, 5, 10, 20, 25, 250]);
  });
  it('finds the Monday of a week (ISO 8601 weeks start on Monday)', () => {
    // 2026-03-05 is a Thursday, 2026-03-08 a Sunday (calendar).
    expect([weekStart('2026-03-05'), weekStart('2026-03-08'), weekStart('2026-03-09')]).toEqual([
      '2026-03-02',
      '2026-03-02',
      '2026-03-09',
    ]);
  });
});

describe('sameJson', () => {
  it('ignores key order (jsonb reorders keys) but not values or array order', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1, u: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: null }, { a: 0 })).toBe(false);
  });
});
