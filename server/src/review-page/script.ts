/**
 * The review page's script, plain ES2020 served inline. It talks only to /v1/me and /v1/review/* with the token
 * from sessionStorage and renders user text with textContent (never innerHTML); only the server-built SVG charts
 * are inserted as markup.
 */
import { TYPE_COLOURS } from './svg.ts';
import { WHAT_WORKS_SCRIPT } from './what-works.ts';
import { EFFECTS_SCRIPT } from './effects.ts';

export const REVIEW_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var KEY = 'accountlens.hubToken';
  var PAGE = 50;
  var state = { offset: 0, total: 0, filters: {}, items: [], current: null };
  var $ = function (id) { return document.getElementById(id); };
  var TYPE_COLOURS = ${JSON.stringify(TYPE_COLOURS)};

  function token() { return sessionStorage.getItem(KEY); }
  function api(path, init) {
    init = init || {};
    var headers = Object.assign({ Authorization: 'Bearer ' + token() }, init.headers || {});
    return fetch(path, Object.assign({}, init, { headers: headers })).then(function (res) {
      if (res.status === 401) { signOut('Your token was not accepted. Please sign in again.'); throw new Error('401'); }
      if (!res.ok) return res.json().catch(function () { return {}; }).then(function (b) { throw new Error(b.error || ('HTTP ' + res.status)); });
      return res;
    });
  }
  function json(path, init) { return api(path, init).then(function (r) { return r.json(); }); }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined && text !== null) e.textContent = String(text); return e; }
  function query(extra) {
    var p = new URLSearchParams();
    Object.keys(state.filters).forEach(function (k) { if (state.filters[k]) p.set(k, state.filters[k]); });
    Object.keys(extra || {}).forEach(function (k) { p.set(k, extra[k]); });
    return p.toString();
  }
  function fmtDate(iso) { return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' }); }

  function signOut(message) {
    sessionStorage.removeItem(KEY);
    $('app').hidden = true; $('who').hidden = true; $('login').hidden = false;
    $('login-error').textContent = message || '';
  }

  function start() {
    json('/v1/me').then(function (me) {
      if (me.role !== 'leader' && me.role !== 'admin') { signOut('Review is for sales leaders and admins; this token belongs to a ' + me.role + '.'); return; }
      $('login').hidden = true; $('app').hidden = false; $('who').hidden = false;
      $('who-name').textContent = me.name; $('who-role').textContent = me.role;
      return json('/v1/review/reps').then(function (reps) {
        var select = document.querySelector('#filters select[name=rep]');
        while (select.options.length > 1) select.remove(1);
        reps.forEach(function (r) { var o = el('option', '', r.name); o.value = r.email; select.appendChild(o); });
        loadCharts(); loadWhatWorks(); loadEffects(); loadRows();
      });
    }).catch(function (e) { if (e.message !== '401') $('login-error').textContent = e.message; });
  }

  function loadCharts() {
    json('/v1/review/charts').then(function (c) {
      ['perWeek', 'distribution', 'movers', 'signals', 'activity'].forEach(function (k) { $('chart-' + k).innerHTML = c.svg[k]; });
      $('since').textContent = fmtDate(c.range.since);
      $('kpi-signals').textContent = c.openSignals.length;
      $('kpi-reps').textContent = c.repActivity.filter(function (r) { return r.recent > 0; }).length;
    }).catch(function () {});
    json('/v1/review/insights?' + query({ review: 'new', limit: 1 })).then(function (r) { $('kpi-new').textContent = r.total; }).catch(function () {});
  }

${WHAT_WORKS_SCRIPT}
${EFFECTS_SCRIPT}
  function loadRows() {
    json('/v1/review/insights?' + query({ limit: PAGE, offset: state.offset })).then(function (r) {
      state.total = r.total; state.items = r.items;
      $('kpi-total').textContent = r.total;
      var body = $('rows'); body.textContent = '';
      if (r.items.length === 0) { var td = el('td', 'muted', 'No insights match these filters.'); td.colSpan = 7; var tr0 = el('tr'); tr0.appendChild(td); body.appendChild(tr0); }
      r.items.forEach(function (item, k) {
        var i = item.insight, tr = el('tr');
        tr.appendChild(el('td', '', fmtDate(i.createdAt)));
        var rep = el('td'); rep.appendChild(el('div', '', item.rep.name)); rep.appendChild(el('div', 'muted', item.team || '')); tr.appendChild(rep);
        var acc = el('td'); acc.appendChild(el('div', '', item.accountName || i.accountId || '—')); if (item.accountName) acc.appendChild(el('div', 'muted', i.accountId)); tr.appendChild(acc);
        var type = el('td'); var pill = el('span', 'pill type', i.type); pill.style.setProperty('--type', TYPE_COLOURS[i.type] || '#64748b'); type.appendChild(pill); tr.appendChild(type);
        var text = el('td'); text.appendChild(el('div', 'title', i.title)); if (i.body) text.appendChild(el('div', 'body', i.body)); tr.appendChild(text);
        var rv = el('td'); rv.appendChild(el('span', 'pill ' + item.reviewStatus, item.reviewStatus)); tr.appendChild(rv);
        var act = el('td'); var b = el('button', 'secondary', 'Review'); b.type = 'button'; b.addEventListener('click', function () { openReview(k); }); act.appendChild(b); tr.appendChild(act);
        body.appendChild(tr);
      });
      var end = Math.min(state.offset + PAGE, state.total);
      $('range').textContent = state.total === 0 ? '' : (state.offset + 1) + '–' + end + ' of ' + state.total;
      $('prev').disabled = state.offset === 0; $('next').disabled = end >= state.total;
    }).catch(function (e) { if (e.message !== '401') $('range').textContent = e.message; });
  }

  function openReview(k) {
    var item = state.items[k]; state.current = item;
    $('review-subject').textContent = item.rep.name + ' · ' + (item.accountName || item.insight.accountId || 'no account') + ' · ' + item.insight.title;
    $('review-comment').value = '';
    var log = $('review-log'); log.textContent = '';
    json('/v1/review/insights/' + encodeURIComponent(item.insight.id) + '/log').then(function (entries) {
      if (entries.length === 0) log.appendChild(el('li', 'muted', 'Not reviewed yet.'));
      entries.forEach(function (e) { log.appendChild(el('li', '', fmtDate(e.at) + ' — ' + e.by.name + ': ' + e.action + (e.comment ? ' — “' + e.comment + '”' : ''))); });
    }).catch(function () {});
    $('review-dialog').showModal();
  }

  $('review-dialog').addEventListener('close', function () {
    var action = $('review-dialog').returnValue;
    if (!state.current || ['reviewed', 'actioned', 'reopened'].indexOf(action) < 0) return;
    json('/v1/review/insights/' + encodeURIComponent(state.current.insight.id) + '/review', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: action, comment: $('review-comment').value })
    }).then(function () { loadRows(); loadCharts(); }).catch(function (e) { alert(e.message); });
  });

  $('login-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    sessionStorage.setItem(KEY, $('token').value.trim()); $('token').value = '';
    start();
  });
  $('sign-out').addEventListener('click', function () { signOut(''); });
  $('filters').addEventListener('submit', function (ev) {
    ev.preventDefault();
    state.filters = Object.fromEntries(new FormData($('filters')).entries());
    state.offset = 0; loadRows();
  });
  $('prev').addEventListener('click', function () { state.offset = Math.max(0, state.offset - PAGE); loadRows(); });
  $('next').addEventListener('click', function () { state.offset += PAGE; loadRows(); });
  $('export').addEventListener('click', function () {
    api('/v1/review/insights.csv?' + query({})).then(function (r) { return r.blob(); }).then(function (blob) {
      var a = document.createElement('a'); a.href = URL.createObjectURL(blob);
      a.download = 'accountlens-insights-' + new Date().toISOString().slice(0, 10) + '.csv';
      document.body.appendChild(a); a.click(); a.remove(); setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }).catch(function (e) { if (e.message !== '401') alert(e.message); });
  });

  if (token()) start(); else signOut('');
})();
`;
