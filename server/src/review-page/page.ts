/**
 * GET /review: the sales leaders' review page. A static HTML shell (no data in it, so it needs no token): the
 * leader enters their API token, the page keeps it in sessionStorage and fetches the JSON routes under
 * /v1/review with it. Charts arrive as server-rendered SVG. Every user-supplied text is set with textContent;
 * a per-response nonce CSP admits only this page's own script and style.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { INSIGHT_TYPES } from '../../../lib/engine/insight.ts';
import { REVIEW_PAGE_SCRIPT } from './script.ts';
import { REVIEW_PAGE_STYLE } from './style.ts';
import { whatWorksSection } from './what-works.ts';
import { EFFECTS_STYLE, effectsSection } from './effects.ts';

export function reviewPage(c: Context): Response {
  const nonce = randomBytes(16).toString('base64');
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  return c.html(reviewHtml(nonce));
}

export function reviewHtml(nonce: string): string {
  const typeOptions = INSIGHT_TYPES.map((t) => `<option value="${t}">${t}</option>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AccountLens · Team review</title>
<style nonce="${nonce}">${REVIEW_PAGE_STYLE}${EFFECTS_STYLE}</style>
</head>
<body>
<header class="bar">
  <div class="brand"><span class="logo" aria-hidden="true">◎</span> AccountLens <span class="sub">Team review</span></div>
  <div class="who" id="who" hidden><span id="who-name"></span> <span class="role" id="who-role"></span>
    <button type="button" class="ghost" id="sign-out">Sign out</button></div>
</header>

<main>
  <section id="login" class="card login" hidden>
    <h1>Sign in to the team hub</h1>
    <p>Paste the API token your admin gave you (<code>npm run hub -- user add …</code>). It stays in this tab only.</p>
    <form id="login-form">
      <label for="token">API token</label>
      <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" placeholder="al_…" required>
      <button type="submit" class="primary">Sign in</button>
      <p class="error" id="login-error" role="alert"></p>
    </form>
  </section>

  <div id="app" hidden>
    <section class="kpis" aria-label="Key figures">
      <div class="kpi"><span class="kpi-label">Insights (filtered)</span><span class="kpi-value" id="kpi-total">–</span></div>
      <div class="kpi"><span class="kpi-label">Awaiting review</span><span class="kpi-value" id="kpi-new">–</span></div>
      <div class="kpi"><span class="kpi-label">Accounts with open signals</span><span class="kpi-value" id="kpi-signals">–</span></div>
      <div class="kpi"><span class="kpi-label">Reps capturing (30 days)</span><span class="kpi-value" id="kpi-reps">–</span></div>
    </section>

    <section class="grid">
      <figure class="card wide"><figcaption>Insights per week, by type</figcaption><div class="chart" id="chart-perWeek"></div></figure>
      <figure class="card"><figcaption>Value-score distribution</figcaption><div class="chart" id="chart-distribution"></div></figure>
      <figure class="card"><figcaption>Biggest movers since <span id="since"></span></figcaption><div class="chart" id="chart-movers"></div></figure>
      <figure class="card"><figcaption>Open needs, competitor threats, risks</figcaption><div class="chart" id="chart-signals"></div></figure>
      <figure class="card"><figcaption>Capture activity per rep</figcaption><div class="chart" id="chart-activity"></div></figure>
    </section>

    ${whatWorksSection()}

    ${effectsSection()}

    <section class="card">
      <div class="table-head">
        <h2>Captured insights</h2>
        <button type="button" class="secondary" id="export">Export CSV</button>
      </div>
      <form id="filters" class="filters">
        <label>Rep<select name="rep"><option value="">All reps</option></select></label>
        <label>Account<input name="account" placeholder="Account id"></label>
        <label>Type<select name="type"><option value="">All types</option>${typeOptions}</select></label>
        <label>From<input name="from" type="date"></label>
        <label>To<input name="to" type="date"></label>
        <label>Status<select name="status"><option value="">Any</option><option>open</option><option>done</option><option>archived</option></select></label>
        <label>Review<select name="review"><option value="">Any</option><option value="new">New</option><option value="reviewed">Reviewed</option><option value="actioned">Actioned</option></select></label>
        <button type="submit" class="primary">Apply</button>
      </form>
      <table>
        <thead><tr><th>Captured</th><th>Rep</th><th>Account</th><th>Type</th><th>Insight</th><th>Review</th><th></th></tr></thead>
        <tbody id="rows"></tbody>
      </table>
      <div class="pager"><span id="range"></span><span><button type="button" class="ghost" id="prev">← Previous</button><button type="button" class="ghost" id="next">Next →</button></span></div>
    </section>
  </div>

  <dialog id="review-dialog">
    <form method="dialog" id="review-form">
      <h2 id="review-title">Review insight</h2>
      <p class="muted" id="review-subject"></p>
      <ol class="log" id="review-log"></ol>
      <label for="review-comment">Comment (kept in the audit log)</label>
      <textarea id="review-comment" rows="3" maxlength="2000"></textarea>
      <div class="actions">
        <button value="cancel" class="ghost">Cancel</button>
        <button value="reopened" class="ghost">Reopen</button>
        <button value="reviewed" class="secondary">Mark reviewed</button>
        <button value="actioned" class="primary">Mark actioned</button>
      </div>
    </form>
  </dialog>
</main>
<script nonce="${nonce}">${REVIEW_PAGE_SCRIPT}</script>
</body>
</html>`;
}
