/**
 * Server-rendered SVG charts for the review page: plain strings with every text escaped, sized by viewBox so they
 * scale with the card. Presentation attributes only (no style attributes), so the page's CSP needs no
 * 'unsafe-inline' for them.
 */
import { INSIGHT_TYPES, type InsightType } from '../../../lib/engine/insight.ts';
import type { Charts } from '../charts.ts';

/** Escapes text for XML content and attribute values. @example xml('<a & "b">') // => '&lt;a &amp; &quot;b&quot;&gt;' */
export function xml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );
}

export const TYPE_COLOURS: Record<InsightType, string> = {
  need: '#2563eb',
  'pain-point': '#7c3aed',
  competitor: '#dc2626',
  budget: '#059669',
  'decision-maker': '#0891b2',
  expansion: '#16a34a',
  risk: '#ea580c',
  referral: '#ca8a04',
  complaint: '#be123c',
  'workshop-note': '#64748b',
  outcome: '#0d9488',
  other: '#94a3b8',
};
const SEGMENT_COLOURS = { A: '#1d4ed8', B: '#60a5fa', C: '#cbd5e1' } as const;
const FONT = 'font-family="Inter, system-ui, sans-serif"';
const AXIS = '#94a3b8';
const GRID = '#e2e8f0';
const INK = '#334155';

function svg(width: number, height: number, body: string, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${xml(label)}" ${FONT} font-size="11">${body}</svg>`;
}

/** A "nice" axis maximum (1, 2, 2.5, 5 × 10^k) at or above `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((m) => m * exp).find((v) => v >= max)!;
}

function yGrid(x0: number, x1: number, y0: number, h: number, max: number): string {
  let out = '';
  for (let k = 0; k <= 4; k++) {
    const y = y0 + h - (h * k) / 4;
    const value = (max * k) / 4;
    out += `<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" stroke="${k === 0 ? AXIS : GRID}"/>`;
    out += `<text x="${x0 - 6}" y="${y + 4}" text-anchor="end" fill="${AXIS}">${Number.isInteger(value) ? value : value.toFixed(1)}</text>`;
  }
  return out;
}

function empty(width: number, height: number, label: string, message: string): string {
  return svg(
    width,
    height,
    `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="${AXIS}" font-size="13">${xml(message)}</text>`,
    label,
  );
}

export function insightsPerWeekSvg(data: Charts['insightsPerWeek']): string {
  // Drawn for the page's full-width card, so that its text matches the half-width charts'.
  const W = 1240,
    H = 260,
    left = 40,
    top = 12,
    chartH = 190,
    chartW = W - left - 12;
  const label = 'Insights captured per week, by type';
  if (data.every((w) => w.total === 0)) return empty(W, H, label, 'No insights in this period');
  const max = niceMax(Math.max(...data.map((w) => w.total)));
  const slot = chartW / data.length;
  const barW = Math.min(36, slot * 0.7);
  let body = yGrid(left, W - 12, top, chartH, max);
  data.forEach((w, k) => {
    const x = left + k * slot + (slot - barW) / 2;
    let y = top + chartH;
    for (const t of INSIGHT_TYPES) {
      const n = w.counts[t];
      if (n === 0) continue;
      const h = (chartH * n) / max;
      y -= h;
      body += `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${TYPE_COLOURS[t]}"><title>${xml(`${w.week}: ${n} × ${t}`)}</title></rect>`;
    }
    if (data.length <= 16 || k % 2 === 0) {
      body += `<text x="${(x + barW / 2).toFixed(1)}" y="${top + chartH + 16}" text-anchor="middle" fill="${INK}">${xml(w.week.slice(5))}</text>`;
    }
  });
  const used = INSIGHT_TYPES.filter((t) => data.some((w) => w.counts[t] > 0));
  used.forEach((t, k) => {
    const x = left + (k % 10) * 118;
    const y = top + chartH + 34 + Math.floor(k / 10) * 14;
    body += `<rect x="${x}" y="${y - 8}" width="9" height="9" rx="2" fill="${TYPE_COLOURS[t]}"/><text x="${x + 13}" y="${y}" fill="${INK}">${xml(t)}</text>`;
  });
  return svg(W, H + (used.length > 10 ? 14 : 0), body, label);
}

export function scoreDistributionSvg(data: Charts['scoreDistribution']): string {
  const W = 640,
    H = 250,
    left = 40,
    top = 12,
    chartH = 190,
    chartW = W - left - 12;
  const label = 'Value-score distribution of the current snapshot, by segment';
  const total = (b: Charts['scoreDistribution'][number]) => b.A + b.B + b.C;
  if (data.every((b) => total(b) === 0)) return empty(W, H, label, 'No snapshot yet');
  const max = niceMax(Math.max(...data.map(total)));
  const slot = chartW / data.length;
  let body = yGrid(left, W - 12, top, chartH, max);
  data.forEach((b, k) => {
    const x = left + k * slot + 3;
    let y = top + chartH;
    for (const s of ['C', 'B', 'A'] as const) {
      if (b[s] === 0) continue;
      const h = (chartH * b[s]) / max;
      y -= h;
      body += `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot - 6).toFixed(1)}" height="${h.toFixed(1)}" fill="${SEGMENT_COLOURS[s]}"><title>${xml(`${b.from}–${b.to}: ${b[s]} ${s} accounts`)}</title></rect>`;
    }
    body += `<text x="${(x + (slot - 6) / 2).toFixed(1)}" y="${top + chartH + 16}" text-anchor="middle" fill="${INK}">${b.from}–${b.to}</text>`;
  });
  (['A', 'B', 'C'] as const).forEach((s, k) => {
    const x = left + k * 90;
    body += `<rect x="${x}" y="${top + chartH + 28}" width="9" height="9" rx="2" fill="${SEGMENT_COLOURS[s]}"/><text x="${x + 13}" y="${top + chartH + 36}" fill="${INK}">Segment ${s}</text>`;
  });
  return svg(W, H, body, label);
}

function horizontalBars(
  rows: { label: string; parts: { value: number; colour: string; title: string }[]; note: string }[],
  label: string,
  emptyMessage: string,
  diverging = false,
): string {
  const W = 640,
    rowH = 24,
    top = 8,
    labelW = 200,
    noteW = 70;
  const H = Math.max(60, top * 2 + rows.length * rowH);
  if (rows.length === 0) return empty(W, 80, label, emptyMessage);
  const extent = Math.max(...rows.map((r) => Math.abs(r.parts.reduce((a, p) => a + p.value, 0))), 1e-9);
  const chartW = W - labelW - noteW - 8;
  const zero = diverging ? labelW + chartW / 2 : labelW;
  const scale = (diverging ? chartW / 2 : chartW) / extent;
  let body = diverging ? `<line x1="${zero}" x2="${zero}" y1="${top - 4}" y2="${H - top + 4}" stroke="${AXIS}"/>` : '';
  rows.forEach((r, k) => {
    const y = top + k * rowH;
    const name = r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label;
    body += `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" fill="${INK}"><title>${xml(r.label)}</title>${xml(name)}</text>`;
    let x = zero;
    for (const p of r.parts) {
      const w = Math.abs(p.value) * scale;
      const x0 = p.value < 0 ? x - w : x;
      body += `<rect x="${x0.toFixed(1)}" y="${y + 4}" width="${Math.max(w, 1).toFixed(1)}" height="${rowH - 8}" rx="3" fill="${p.colour}"><title>${xml(p.title)}</title></rect>`;
      x = p.value < 0 ? x0 : x0 + w;
    }
    body += `<text x="${W - 4}" y="${y + 15}" text-anchor="end" fill="${INK}" font-weight="600">${xml(r.note)}</text>`;
  });
  return svg(W, H, body, label);
}

export function moversSvg(data: Charts['movers']): string {
  return horizontalBars(
    data.map((m) => ({
      label: m.name,
      parts: [
        { value: m.delta, colour: m.delta >= 0 ? '#16a34a' : '#dc2626', title: `${m.name}: ${m.before} → ${m.after}` },
      ],
      note: `${m.delta > 0 ? '+' : ''}${m.delta.toFixed(1)}`,
    })),
    'Biggest value-score movers',
    'No score changes in this period',
    true,
  );
}

export function openSignalsSvg(data: Charts['openSignals']): string {
  return horizontalBars(
    data.map((s) => ({
      label: s.name ?? s.accountId,
      parts: [
        { value: s.needs, colour: TYPE_COLOURS.need, title: `${s.needs} open needs` },
        { value: s.competitors, colour: TYPE_COLOURS.competitor, title: `${s.competitors} competitor threats` },
        { value: s.risks, colour: TYPE_COLOURS.risk, title: `${s.risks} risks and complaints` },
      ].filter((p) => p.value > 0),
      note: String(s.needs + s.competitors + s.risks),
    })),
    'Accounts with open needs, competitor threats and risks',
    'No open needs or threats',
  );
}

export function repActivitySvg(data: Charts['repActivity']): string {
  return horizontalBars(
    data.map((r) => ({
      label: r.name,
      parts: [{ value: r.recent, colour: '#2563eb', title: `${r.name}: ${r.recent} in the period, ${r.total} in all` }],
      note: `${r.recent} / ${r.total}`,
    })),
    'Insights captured per rep (period / all time)',
    'No reps yet',
  );
}

export function chartSvgs(c: Charts): Record<'perWeek' | 'distribution' | 'movers' | 'signals' | 'activity', string> {
  return {
    perWeek: insightsPerWeekSvg(c.insightsPerWeek),
    distribution: scoreDistributionSvg(c.scoreDistribution),
    movers: moversSvg(c.movers),
    signals: openSignalsSvg(c.openSignals),
    activity: repActivitySvg(c.repActivity),
  };
}
