/**
 * GET /admin/sites: the admin's page for team site definitions and "this page is wrong" reports (issue 16). Like
 * the review page, a static shell (no data, no token in it): the admin pastes their API token, kept in
 * sessionStorage under the review page's key, and the script calls /v1/sites and /v1/site-reports. User text is set
 * with textContent only; a per-response nonce CSP admits only this page's script and style.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { REVIEW_PAGE_STYLE } from './style.ts';

export function sitesPage(c: Context): Response {
  const nonce = randomBytes(16).toString('base64');
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  return c.html(sitesHtml(nonce));
}

const SCRIPT = String.raw`
(function () {
  'use strict';
  var KEY = 'accountlens.hubToken';
  var $ = function (id) { return document.getElementById(id); };
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = String(text); return e; }
  function api(path, init) {
    init = init || {};
    var headers = Object.assign({ Authorization: 'Bearer ' + sessionStorage.getItem(KEY) }, init.headers || {});
    return fetch(path, Object.assign({}, init, { headers: headers })).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        if (!res.ok) {
          var e = new Error(body.error || ('HTTP ' + res.status));
          e.issues = body.issues || [];
          e.status = res.status;
          throw e;
        }
        return body;
      });
    });
  }
  function show(signedIn) { $('login').hidden = signedIn; $('app').hidden = !signedIn; }
  function describe(d) {
    if (d.kind === 'adapter') return 'Adapter "' + d.adapter.name + '" · ' + d.adapter.urlPattern;
    if (d.override.off) return 'Built-in ' + d.override.site + ': OFF (kill switch)';
    return 'Built-in ' + d.override.site + ': ' + (d.override.mode || 'extra') + ' selectors';
  }
  function loadSites() {
    return api('/v1/sites').then(function (body) {
      $('sites-version').textContent = String(body.version);
      var list = $('sites'); list.textContent = '';
      if (body.definitions.length === 0) list.appendChild(el('li', 'No site definitions published.'));
      body.definitions.forEach(function (d) {
        var li = el('li'); li.className = 'site'; li.dataset.id = d.id;
        li.appendChild(el('code', d.id)); li.appendChild(el('span', ' ' + describe(d) + ' '));
        var remove = el('button', 'Remove'); remove.type = 'button'; remove.className = 'ghost';
        remove.addEventListener('click', function () {
          api('/v1/sites/' + encodeURIComponent(d.id), { method: 'DELETE' }).then(loadSites, fail);
        });
        li.appendChild(remove); list.appendChild(li);
      });
    });
  }
  function loadReports() {
    return api('/v1/site-reports').then(function (body) {
      var tbody = $('reports'); tbody.textContent = '';
      $('reports-empty').hidden = body.groups.length > 0;
      body.groups.forEach(function (g) {
        var tr = el('tr'); tr.className = 'report';
        [g.adapter, g.origin, g.count, g.reporters, g.lastVersion, new Date(g.lastSeen).toLocaleString(), g.paths.join(' '), g.brokenHooks.join(' ')]
          .forEach(function (v) { tr.appendChild(el('td', v)); });
        tbody.appendChild(tr);
      });
    });
  }
  function fail(error) {
    var out = $('publish-result'); out.textContent = error.message;
    var ul = el('ul');
    (error.issues || []).forEach(function (i) { ul.appendChild(el('li', i.path + ': ' + i.message)); });
    out.appendChild(ul);
  }
  function start() {
    api('/v1/me').then(function (me) {
      if (me.role !== 'admin') { sessionStorage.removeItem(KEY); show(false); $('login-error').textContent = 'This page is for admins.'; return; }
      show(true); loadSites().catch(fail); loadReports().catch(fail);
    }, function (error) { sessionStorage.removeItem(KEY); show(false); $('login-error').textContent = error.message; });
  }
  $('login-form').addEventListener('submit', function (event) {
    event.preventDefault(); sessionStorage.setItem(KEY, $('token').value.trim()); start();
  });
  $('publish-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('publish-file').value;
    var out = $('publish-result'); out.textContent = '';
    try { JSON.parse(text); } catch (e) { out.textContent = 'Not valid JSON: ' + e.message + '. Nothing was published.'; return; }
    api('/v1/sites', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text }).then(function (r) {
      out.textContent = 'Published ' + r.published.length + ' definition(s), version ' + r.version + '.';
      return loadSites();
    }, fail);
  });
  $('reports-refresh').addEventListener('click', function () { loadReports().catch(fail); });
  if (sessionStorage.getItem(KEY)) start(); else show(false);
})();
`;

export function sitesHtml(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AccountLens · Team sites</title>
<style nonce="${nonce}">${REVIEW_PAGE_STYLE} table{border-collapse:collapse;width:100%} td,th{text-align:left;padding:4px 8px;border-bottom:1px solid #ddd} textarea{width:100%;min-height:10em;font-family:monospace}</style>
</head>
<body>
<header class="bar"><div class="brand"><span class="logo" aria-hidden="true">◎</span> AccountLens <span class="sub">Team sites</span></div></header>
<main>
  <section id="login" class="card login" hidden>
    <h1>Sign in as an admin</h1>
    <form id="login-form">
      <label for="token">API token</label>
      <input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="al_…" required>
      <button type="submit" class="primary">Sign in</button>
      <p class="error" id="login-error" role="alert"></p>
    </form>
  </section>
  <div id="app" hidden>
    <section class="card" aria-labelledby="sites-title">
      <h2 id="sites-title">Site definitions (version <span id="sites-version">–</span>)</h2>
      <ul id="sites"></ul>
      <form id="publish-form">
        <label for="publish-file">Publish a site definitions file (JSON, see the README)</label>
        <textarea id="publish-file" spellcheck="false"></textarea>
        <button type="submit" class="primary">Publish</button>
      </form>
      <div id="publish-result" role="status"></div>
    </section>
    <section class="card" aria-labelledby="reports-title">
      <h2 id="reports-title">"This page is wrong" reports</h2>
      <button type="button" class="ghost" id="reports-refresh">Refresh</button>
      <p id="reports-empty">No reports yet.</p>
      <table><thead><tr><th>Adapter</th><th>Origin</th><th>Reports</th><th>Reps</th><th>Last version</th><th>Last seen</th><th>Paths</th><th>Broken hooks</th></tr></thead>
      <tbody id="reports"></tbody></table>
    </section>
  </div>
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}
