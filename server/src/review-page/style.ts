/** The review page's stylesheet (inlined with a CSP nonce). */
export const REVIEW_PAGE_STYLE = `
:root { --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; --card: #fff; --brand: #1d4ed8; --brand-ink: #fff;
  font-family: Inter, system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
* { box-sizing: border-box; }
body { margin: 0; }
.bar { display: flex; justify-content: space-between; align-items: center; padding: 14px 28px; background: #0f172a; color: #fff; }
.brand { font-weight: 700; font-size: 17px; letter-spacing: .2px; display: flex; gap: 8px; align-items: center; }
.brand .logo { color: #60a5fa; font-size: 20px; }
.brand .sub { font-weight: 400; color: #94a3b8; margin-left: 6px; padding-left: 10px; border-left: 1px solid #334155; }
.who { display: flex; gap: 10px; align-items: center; font-size: 14px; }
.role { text-transform: uppercase; font-size: 11px; letter-spacing: .6px; background: #1e293b; padding: 3px 8px; border-radius: 999px; color: #93c5fd; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 28px 48px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 18px 20px; box-shadow: 0 1px 2px rgba(15,23,42,.04); margin: 0; }
.login { max-width: 460px; margin: 64px auto; }
.login h1 { font-size: 20px; margin: 0 0 8px; }
.login p { color: var(--muted); font-size: 14px; }
.login form { display: grid; gap: 10px; }
label { font-size: 12px; font-weight: 600; color: var(--muted); display: grid; gap: 4px; }
input, select, textarea { font: inherit; font-size: 14px; padding: 7px 9px; border: 1px solid #cbd5e1; border-radius: 8px; background: #fff; color: var(--ink); }
input:focus, select:focus, textarea:focus, button:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
.bar button:focus-visible { outline-color: #93c5fd; }
button { font: inherit; font-size: 14px; border-radius: 8px; padding: 7px 14px; cursor: pointer; border: 1px solid transparent; }
.primary { background: var(--brand); color: var(--brand-ink); }
.primary:hover { background: #1e40af; }
.secondary { background: #eff6ff; color: var(--brand); border-color: #bfdbfe; }
.ghost { background: transparent; color: inherit; border-color: #cbd5e1; }
.bar .ghost { border-color: #334155; color: #e2e8f0; }
.error { color: #b91c1c; font-size: 13px; min-height: 1em; margin: 0; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; margin-bottom: 16px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 14px 18px; display: grid; gap: 4px; }
.kpi-label { color: var(--muted); font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .5px; }
.kpi-value { font-size: 28px; font-weight: 700; font-variant-numeric: tabular-nums; }
.grid { display: grid; grid-template-columns: repeat(2, 1fr); gap: 16px; margin-bottom: 16px; }
.wide { grid-column: 1 / -1; }
figcaption, h2 { font-size: 15px; font-weight: 650; margin: 0 0 10px; }
.chart svg { width: 100%; height: auto; display: block; }
.table-head { display: flex; justify-content: space-between; align-items: center; }
.filters { display: grid; grid-template-columns: repeat(7, 1fr) auto; gap: 10px; align-items: end; margin: 8px 0 14px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; text-transform: uppercase; letter-spacing: .4px; border-bottom: 1px solid var(--line); padding: 8px; }
td { border-bottom: 1px solid var(--line); padding: 10px 8px; vertical-align: top; }
tr:hover td { background: #f8fafc; }
td .title { font-weight: 600; }
td .body { color: var(--muted); font-size: 13px; margin-top: 2px; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.pill { display: inline-block; font-size: 12px; padding: 2px 8px; border-radius: 999px; background: #f1f5f9; color: #334155; white-space: nowrap; }
/* The chart colour as a dot: several are too light for white text (WCAG 1.4.3), all are fine as a mark (1.4.11). */
.pill.type { display: inline-flex; align-items: center; gap: 6px; }
.pill.type::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: var(--type, #64748b); }
.pill.new { background: #fef3c7; color: #92400e; }
.pill.reviewed { background: #dbeafe; color: #1e40af; }
.pill.actioned { background: #dcfce7; color: #166534; }
.muted { color: var(--muted); font-size: 13px; }
.pager { display: flex; justify-content: space-between; align-items: center; margin-top: 12px; color: var(--muted); font-size: 13px; }
.pager button { margin-left: 8px; }
dialog { border: none; border-radius: 14px; padding: 22px 24px; width: min(520px, 92vw); box-shadow: 0 20px 50px rgba(15,23,42,.25); }
dialog::backdrop { background: rgba(15,23,42,.45); }
dialog form { display: grid; gap: 10px; }
dialog h2 { margin: 0; }
.log { margin: 0; padding-left: 18px; font-size: 13px; color: #334155; max-height: 160px; overflow: auto; }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 6px; }
.what-works { margin-bottom: 16px; }
.what-works .explain { margin: 0 0 12px; }
.what-works .key { display: flex; align-items: center; gap: 6px; margin: 10px 0 0; font-size: 12px; }
.key-band { display: inline-block; width: 22px; height: 10px; border-radius: 3px; background: #93c5fd; }
.key-tick { display: inline-block; width: 2px; height: 14px; background: #1d4ed8; margin-left: 10px; }
.key-prior { display: inline-block; width: 0; height: 14px; border-left: 1px dashed #64748b; margin-left: 10px; }
.rates { max-width: 860px; }
.rates .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.rates tbody th { text-transform: none; letter-spacing: 0; font-size: 14px; color: var(--ink); border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: middle; }
.rates td { vertical-align: middle; padding: 6px 8px; }
.rates .rate { font-weight: 700; }
.rates .segment-row th { font-weight: 400; padding-left: 34px; color: #334155; }
.rates .segment-row td, .rates .segment-row th { background: #f8fafc; font-size: 13px; }
.interval { display: flex; gap: 10px; align-items: center; font-variant-numeric: tabular-nums; color: #334155; font-size: 13px; }
.interval-bar { display: inline-flex; }
.disclosure { background: transparent; border: none; padding: 4px 6px; margin-left: -6px; font-weight: 600; color: var(--ink); display: inline-flex; gap: 6px; align-items: center; }
.disclosure::before { content: ""; width: 0; height: 0; border-style: solid; border-width: 5px 0 5px 7px; border-color: transparent transparent transparent var(--muted); transition: transform .12s; }
.disclosure[aria-expanded="true"]::before { transform: rotate(90deg); }
.disclosure:hover { background: #f1f5f9; }
@media (max-width: 900px) { .kpis, .grid { grid-template-columns: 1fr 1fr; } .filters { grid-template-columns: 1fr 1fr; } }
`;
