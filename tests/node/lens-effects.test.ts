/**
 * `lens points` and `lens effects` as child processes, on a generated portfolio scored with an experiment and
 * planted effects (lib/engine/generate/experiment.ts), written as a German ERP export and a German marks file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../lib/engine/build-snapshot.ts';
import { measureEffects, type Effect } from '../../lib/engine/effects.ts';
import { generateDataset } from '../../lib/engine/generate.ts';
import { datasetToCsv } from '../../lib/engine/generate/csv.ts';
import { plantEffects } from '../../lib/engine/generate/experiment.ts';
import { resolveModelConfig } from '../../lib/engine/model-config.ts';
import { parseSnapshot } from '../../lib/engine/snapshot.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function lens(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'lib/cli/lens.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'lens-effects-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const dataset = generateDataset({ accounts: 700, seed: 21, linesPerAccount: 40 });
const snapshot = buildSnapshot(dataset, {
  model: resolveModelConfig({ experiment: { holdoutShare: 0.3, salt: 'cli' } }),
});
const planted = plantEffects(snapshot, {
  seed: 4,
  kinds: {
    'cross-sell': { base: 0.1, raised: 0.3, raiseShare: 0.5 },
    'reorder-due': { base: 0.5, raised: 0.5, raiseShare: 0.5 },
  },
});
const before = file('before.json', JSON.stringify(snapshot));
const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const marks = file(
  'marks.csv',
  `\uFEFFKundennummer;Gesprächspunkt;Angesprochen am\n${planted.marks
    .map((m) => `${m.accountId};${m.talkingPointId};${germanDate(m.raisedAt)}`)
    .join('\n')}\n`,
);
// The later export holds the whole history, as an ERP export would, plus a last line on the window's last day.
const end = { ...planted.orders[0]!, orderId: 'END', accountId: dataset.accounts[0]!.id, orderDate: '2026-03-31' };
const after = file(
  'after.csv',
  datasetToCsv({ ...dataset, orders: [...dataset.orders, ...planted.orders, end] }, 'de').orders,
);

describe('lens points', () => {
  it('prints every talking point, shown or held out, with its suggested SKU', () => {
    const run = lens('points', '--snapshot', before);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('account_id;talking_point_id;kind;sku;priority;held_out');
    const rows = lines.slice(1).map((l) => l.split(';'));
    const total = snapshot.accounts.reduce(
      (n, a) => n + a.talkingPoints.length + (a.heldOutTalkingPoints?.length ?? 0),
      0,
    );
    expect(rows).toHaveLength(total);
    const held = rows.filter((r) => r[5] === 'true');
    expect(held.length).toBe(snapshot.accounts.reduce((n, a) => n + (a.heldOutTalkingPoints?.length ?? 0), 0));
    expect(held.length / rows.length).toBeGreaterThan(0.1);
    const cross = rows.find((r) => r[2] === 'cross-sell')!;
    expect(cross[1]!.endsWith(`+${cross[3]}`)).toBe(true);
    expect(rows.find((r) => r[2] === 'reorder-due')![3]).toBe('');
  });

  it('names the file when the snapshot is not one (exit 2)', () => {
    const run = lens('points', '--snapshot', file('bad.json', '{"schemaVersion": 1}'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--snapshot .*bad\.json: parseSnapshot: not a valid AccountLens snapshot/);
  });
});

describe('lens effects', () => {
  const run = lens('effects', '--snapshot', before, '--marks', marks, '--orders', after, '--json');
  const result = run.status === 0 ? (JSON.parse(run.stdout) as { effects: Effect[] }) : { effects: [] };
  const all = (kind: string) => result.effects.find((e) => e.kind === kind && e.segment === null)!;

  it('prints the effects in the documented JSON shape', () => {
    expect(run.stderr).not.toMatch(/warning/);
    expect(run.status).toBe(0);
    const cell = all('cross-sell');
    expect(Object.keys(cell)).toEqual(['kind', 'segment', 'shown', 'heldOut', 'raised', 'ittUplift', 'raisedUplift']);
    expect(Object.keys(cell.ittUplift!)).toEqual(['mean', 'lo', 'hi']);
    expect(result.effects.some((e) => e.segment === 'A')).toBe(true);
  });

  it('recovers the planted effects: raising cross-sell triples conversion, reorder reminders change nothing', () => {
    const cross = all('cross-sell').raisedUplift!;
    expect(cross.lo).toBeLessThan(0.2);
    expect(cross.hi).toBeGreaterThan(0.2);
    expect(cross.lo).toBeGreaterThan(0);
    const reorder = all('reorder-due').ittUplift!;
    expect(reorder.lo).toBeLessThan(0);
    expect(reorder.hi).toBeGreaterThan(0);
  });

  it('gives the engine’s numbers for the same inputs', () => {
    const snapshotBack = parseSnapshot(JSON.parse(readFileSync(before, 'utf8')));
    const orders = [...dataset.orders, ...planted.orders];
    expect(result.effects).toEqual(measureEffects(snapshotBack, orders, planted.marks));
  });

  it('prints a table with the uplifts in points and their reading', () => {
    const table = lens('effects', '--snapshot', before, '--marks', marks, '--orders', after);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^kind\s+segment\s+shown\s+held out\s+raised/);
    expect(table.stdout).toMatch(
      /\ncross-sell\s+all\s+\d+ \/ \d+ \(\d+%\).*\+\d+\.\d \(\+\d+\.\d to \+\d+\.\d\)\s+works/,
    );
    expect(table.stdout).toMatch(/\nreorder-due\s+all\s.*no effect/);
  });

  it('warns when the orders end before a window does, and takes --window-days', () => {
    const short = file(
      'short.csv',
      datasetToCsv({ ...dataset, orders: planted.orders.filter((o) => o.orderDate < '2026-02-01') }, 'en').orders,
    );
    const r = lens('effects', '--snapshot', before, '--marks', marks, '--orders', short, '--window-days', '20');
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    const w = lens('effects', '--snapshot', before, '--marks', marks, '--orders', short, '--json');
    expect(w.status).toBe(0);
    expect(w.stderr).toMatch(
      /warning: the orders end on 2026-01-\d\d, before the cross-sell window ends on 2026-03-31/,
    );
  });

  it('names file, row and column of a bad mark (exit 2)', () => {
    const bad = file(
      'bad-marks.csv',
      'account_id;talking_point_id;raised_at\nK-1;cross-sell:A+B;2026-01-05\nK-2;cross-sell:A+C;31.02.2026\n',
    );
    const r = lens('effects', '--snapshot', before, '--marks', bad, '--orders', after);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad-marks\.csv, row 3, column "raised_at", value "31\.02\.2026": not a date/);
    const missing = file('no-column.csv', 'Kundennummer;Datum\nK-1;05.01.2026\n');
    const m = lens('effects', '--snapshot', before, '--marks', missing, '--orders', after);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/no-column\.csv, row 1: column "talking_point_id" is missing/);
  });

  it('names the row of a bad order line (exit 2) and refuses a wrong command line (exit 64)', () => {
    const bad = file(
      'bad-orders.csv',
      'Belegnummer;Kundennummer;Belegdatum;Artikelnummer;Menge;Nettobetrag\nRE-1;K1;31.13.2026;A;1;10,00\n',
    );
    const r = lens('effects', '--snapshot', before, '--marks', marks, '--orders', bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad-orders\.csv, row 2, column "Belegdatum"/);
    expect(lens('effects', '--snapshot', before, '--marks', marks).status).toBe(64);
    const w = lens('effects', '--snapshot', before, '--marks', marks, '--orders', after, '--window-days', 'x');
    expect(w.status).toBe(64);
    expect(w.stderr).toMatch(/--window-days must be a whole number/);
  });
});

describe('lens score with a partial model file', () => {
  it('merges {"experiment": …} over the defaults and records hold-outs in the snapshot', () => {
    const csv = datasetToCsv(generateDataset({ accounts: 60, seed: 2, linesPerAccount: 30 }), 'de');
    const out = join(dir, 'scored.json');
    const r = lens(
      'score',
      '--accounts',
      file('kunden.csv', csv.accounts),
      '--orders',
      file('auftraege.csv', csv.orders),
      '--model',
      file('model.json', '{"experiment": {"holdoutShare": 0.5}}'),
      '--out',
      out,
    );
    expect(r.status).toBe(0);
    const scored = parseSnapshot(JSON.parse(readFileSync(out, 'utf8')));
    expect(scored.model.experiment?.holdoutShare).toBe(0.5);
    expect(scored.model.weights.revenue12m).toBe(0.25);
    expect(scored.accounts.some((a) => (a.heldOutTalkingPoints?.length ?? 0) > 0)).toBe(true);
  });
});
