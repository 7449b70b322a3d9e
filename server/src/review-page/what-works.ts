/**
 * The review page's "What works" card: per talking-point kind, how often it led to an order or a next
 * step (successes / used), the posterior mean as a percentage and its credible interval as a bar, with one row per
 * segment behind a disclosure button. The same information as the extension's options page
 * (entrypoints/options/WhatWorksSection.tsx), fetched from GET /v1/review/talking-point-rates.
 */
import { CREDIBLE_MASS, OUTCOME_PRIOR } from '../../../lib/engine/outcomes.ts';
import type { TalkingPointKind } from '../../../lib/engine/snapshot.ts';

/** English like the rest of this page; the extension's words are in public/_locales/en (tpKind…). */
export const KIND_LABELS: Record<TalkingPointKind, string> = {
  'cross-sell': 'Cross-sell',
  'reorder-due': 'Reorder due',
  'win-back': 'Win back',
  decline: 'Declining revenue',
  expansion: 'Expansion',
  'referral-ask': 'Ask for a referral',
  'follow-up': 'Follow-up',
  competitor: 'Competitor',
  'open-need': 'Open need',
};

const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** The card's static markup; its rows come from WHAT_WORKS_SCRIPT. */
export function whatWorksSection(prior = OUTCOME_PRIOR, mass = CREDIBLE_MASS): string {
  const { alpha, beta } = prior;
  return `<section class="card what-works" aria-labelledby="what-works-title">
      <div class="table-head"><h2 id="what-works-title">What works</h2><span class="muted" id="what-works-count"></span></div>
      <p class="muted explain">Rates start at ${percent(alpha / (alpha + beta))} and move with evidence: each kind begins as if ${alpha + beta} outcomes were in, ${alpha} of them successes (a Beta(${alpha}, ${beta}) prior); an order or a next step is a success.</p>
      <table class="rates">
        <thead><tr><th scope="col">Talking point</th><th scope="col" class="num">Successes / used</th><th scope="col" class="num">Success rate</th><th scope="col">${percent(mass)} credible interval</th></tr></thead>
        <tbody id="what-works-rows"></tbody>
      </table>
      <p class="muted key" aria-hidden="true"><span class="key-band"></span> ${percent(mass)} credible interval <span class="key-tick"></span> rate <span class="key-prior"></span> ${percent(alpha / (alpha + beta))}, where every rate starts</p>
    </section>`;
}

/** Client code for the card, run inside the page script's scope (uses its `$`, `el` and `json`). */
export const WHAT_WORKS_SCRIPT = String.raw`
  var KIND_LABELS = ${JSON.stringify(KIND_LABELS)};
  function pct(x) { return Math.round(x * 100) + '%'; }
  function loadWhatWorks() {
    json('/v1/review/talking-point-rates').then(function (w) {
      var body = $('what-works-rows'); body.textContent = '';
      $('what-works-count').textContent = w.outcomes === 1 ? 'from 1 outcome' : 'from ' + w.outcomes + ' outcomes';
      if (w.rates.length === 0) {
        var td = el('td', 'muted', w.snapshotId === null ? 'No accounts published to the hub yet.' : 'No outcomes recorded yet. Reps record a meeting’s outcome at the end of its meeting brief.');
        td.colSpan = 4; var tr0 = el('tr'); tr0.appendChild(td); body.appendChild(tr0); return;
      }
      var group = null;
      w.rates.forEach(function (r, k) {
        var tr = el('tr', r.segment === null ? 'kind-row' : 'segment-row');
        var name = el('th'); name.scope = 'row';
        if (r.segment === null) {
          var toggle = el('button', 'disclosure', KIND_LABELS[r.kind] || r.kind);
          toggle.type = 'button'; toggle.setAttribute('aria-expanded', 'false');
          group = { toggle: toggle, rows: [] };
          toggle.addEventListener('click', (function (g) { return function () {
            var open = g.toggle.getAttribute('aria-expanded') !== 'true';
            g.toggle.setAttribute('aria-expanded', String(open));
            g.rows.forEach(function (row) { row.hidden = !open; });
          }; })(group));
          name.appendChild(toggle);
        } else {
          tr.id = 'what-works-' + r.kind + '-' + r.segment; tr.hidden = true;
          group.rows.push(tr);
          group.toggle.setAttribute('aria-controls', group.rows.map(function (row) { return row.id; }).join(' '));
          name.textContent = 'Segment ' + r.segment;
        }
        tr.appendChild(name);
        tr.appendChild(el('td', 'num', r.successes + ' / ' + r.trials));
        tr.appendChild(el('td', 'num rate', pct(r.mean)));
        var cell = el('td'); var interval = el('div', 'interval');
        var bar = el('span', 'interval-bar'); bar.innerHTML = w.svg[k]; interval.appendChild(bar);
        interval.appendChild(el('span', '', pct(r.low) + '–' + pct(r.high)));
        cell.appendChild(interval); tr.appendChild(cell);
        body.appendChild(tr);
      });
    }).catch(function (e) { if (e.message !== '401') $('what-works-count').textContent = e.message; });
  }
`;
