/**
 * The review page's "Measured on orders" card: per talking-point kind, what showing and raising it changed in
 * later orders (shown vs held-out points of an experiment), with an uplift bar for the 90 % interval, next to the
 * rate reps reported, in the order the engine ranks talking points; each row says what it is ranked by. Segments
 * open behind a disclosure button, like "What works". Data: GET /v1/review/effects (effects-review.ts).
 */

/** The card's static markup; its rows come from EFFECTS_SCRIPT. */
export function effectsSection(): string {
  return `<section class="card what-works effects" aria-labelledby="effects-title">
      <div class="table-head"><h2 id="effects-title">What works, measured on orders</h2><span class="muted" id="effects-source"></span></div>
      <p class="muted explain">With hold-outs on, the model holds back a share of talking points at random: reps never see them. Conversion of the points reps saw against the held-back ones is the effect of showing a point; divided by the share reps marked “used”, the effect of raising it. Bars show the 90 % interval in percentage points; the line is “no effect”. Talking points are ranked by the measured effect where there is one, by the reported rate otherwise. Counts: converted / points; reported: successes / uses.</p>
      <table class="rates">
        <thead><tr><th scope="col">Talking point</th><th scope="col" class="num">Shown</th><th scope="col" class="num">Held out</th><th scope="col" class="num">Raised</th><th scope="col">Effect of raising, points (90 % interval)</th><th scope="col" class="num">Reported</th><th scope="col">Ranked by</th></tr></thead>
        <tbody id="effects-rows"></tbody>
      </table>
    </section>`;
}

export const EFFECTS_STYLE = `
.effects .rates { max-width: none; width: 100%; }
.effects .rates tbody th { white-space: nowrap; }
.effects .rates td:last-child { min-width: 190px; }
.effects .ranked-none { background: #fff; color: var(--muted); border: 1px solid var(--line); }
.effects .ranked { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 10px; padding: 2px 8px; line-height: 1.35; }
.effects .ranked-measured { background: #dcfce7; color: #166534; }
.effects .ranked-reported { background: #f1f5f9; color: #334155; }
.effects .uplift { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; font-variant-numeric: tabular-nums; font-size: 13px; color: #334155; }
.effects .uplift strong { color: var(--ink); }
`;

/** Client code for the card, run inside the page script's scope (uses its `$`, `el`, `json` and KIND_LABELS). */
export const EFFECTS_SCRIPT = String.raw`
  function pts(x) { return (x >= 0 ? '+' : '−') + Math.round(Math.abs(x) * 100); }
  function conv(g) { return g.n === 0 ? '–' : g.converted + ' / ' + g.n + ' (' + Math.round(100 * g.converted / g.n) + '%)'; }
  function upliftCell(e, svg) {
    var cell = el('td');
    if (e === null) { cell.appendChild(el('span', 'muted', 'no order signal')); return cell; }
    var u = e.raisedUplift, what = 'raising';
    if (u === null && e.ittUplift !== null) { u = e.ittUplift; what = 'showing'; }
    if (u === null) { cell.appendChild(el('span', 'muted', 'not enough data')); return cell; }
    var box = el('div', 'uplift');
    if (svg) { var bar = el('span', 'interval-bar'); bar.innerHTML = svg; box.appendChild(bar); }
    box.appendChild(el('strong', '', pts(u.mean)));
    box.appendChild(el('span', '', '(' + pts(u.lo) + ' to ' + pts(u.hi) + ')' + (what === 'showing' ? ' showing' : '') + (u.lo <= 0 && u.hi >= 0 ? ' · no effect' : '')));
    if (what === 'showing') box.title = 'Too few points were raised to measure raising; this is the effect of showing.';
    cell.appendChild(box); return cell;
  }
  function effectRow(cls, label, e, reported, rankedBy, svg) {
    var tr = el('tr', cls);
    tr.appendChild(label);
    tr.appendChild(el('td', 'num', e ? conv(e.shown) : '–'));
    tr.appendChild(el('td', 'num', e ? conv(e.heldOut) : '–'));
    tr.appendChild(el('td', 'num', e ? conv(e.raised) : '–'));
    tr.appendChild(upliftCell(e, svg));
    tr.appendChild(el('td', 'num', reported ? reported.successes + ' / ' + reported.trials + ' · ' + Math.round(reported.mean * 100) + '%' : '–'));
    var by = el('td');
    if (rankedBy) {
      var text = rankedBy === 'measured' && e && e.raisedUplift ? 'raised for ' + e.raised.n + ' accounts: ' + pts(e.raisedUplift.mean) + ' points of conversion' : rankedBy === 'reported' ? 'reported outcomes' : 'no data yet';
      by.appendChild(el('span', 'ranked ranked-' + rankedBy, text));
    }
    tr.appendChild(by);
    return tr;
  }
  function loadEffects() {
    json('/v1/review/effects').then(function (r) {
      var body = $('effects-rows'); body.textContent = '';
      var m = r.measurement;
      $('effects-source').textContent = m === null ? '' : 'points of the snapshot of ' + m.measuredAsOf + ', orders up to ' + m.until + ', ' + m.marks + ' marks' + (r.earlier > 0 ? ' · ' + r.earlier + ' earlier measurement' + (r.earlier === 1 ? '' : 's') : '');
      if (r.rows.length === 0) {
        var td = el('td', 'muted', 'No experiment measured yet. Turn hold-outs on in the model ({"experiment": {"holdoutShare": 0.1}}); effects appear once a later dataset covers the 30–90 days after a snapshot.');
        td.colSpan = 7; var tr0 = el('tr'); tr0.appendChild(td); body.appendChild(tr0); return;
      }
      r.rows.forEach(function (row) {
        var name = el('th'); name.scope = 'row';
        var label = KIND_LABELS[row.kind] || row.kind;
        var segmentRows = [];
        if (row.segments.length > 0) {
          var toggle = el('button', 'disclosure', label); toggle.type = 'button'; toggle.setAttribute('aria-expanded', 'false');
          toggle.setAttribute('aria-controls', row.segments.map(function (s) { return 'effects-' + row.kind + '-' + s.segment; }).join(' '));
          toggle.addEventListener('click', function () {
            var open = toggle.getAttribute('aria-expanded') !== 'true';
            toggle.setAttribute('aria-expanded', String(open));
            segmentRows.forEach(function (s) { s.hidden = !open; });
          });
          name.appendChild(toggle);
        } else name.textContent = label;
        body.appendChild(effectRow('kind-row', name, row.effect, row.reported, row.rankedBy, row.svg));
        row.segments.forEach(function (s) {
          var seg = el('th', '', 'Segment ' + s.segment); seg.scope = 'row';
          var tr = effectRow('segment-row', seg, s, null, null, null);
          tr.id = 'effects-' + row.kind + '-' + s.segment; tr.hidden = true;
          segmentRows.push(tr); body.appendChild(tr);
        });
      });
    }).catch(function (e) { if (e.message !== '401') $('effects-source').textContent = e.message; });
  }
`;
