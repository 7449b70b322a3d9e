/**
 * The built `lens` command (lib/cli/dist/lens.mjs, its `bin`, rebuilt here from the sources) as a child process, on small German exports under tests/fixtures/cli (semicolons, BOM, dd.mm.yyyy,
 * decimal commas) and on the CDNOW summary. Expected values are worked out from the fixtures by hand.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSnapshot, type Snapshot } from '../../lib/engine/snapshot.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string): string => join(root, 'tests/fixtures/cli', name);
const cdnow = process.env['CDNOW_SUMMARY_CSV'] ?? join(root, 'tests/fixtures/cdnow/cdnow-summary.csv');

execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root });
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; bin: { lens: string } };

function lens(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(root, pkg.bin.lens), args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'de_DE.UTF-8' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const german = [
  '--accounts',
  fixture('kunden.csv'),
  '--orders',
  fixture('umsaetze.csv'),
  '--products',
  fixture('artikel.csv'),
];

describe('lens --version and --help', () => {
  it('prints the package version', () => {
    expect(lens('--version')).toEqual({ status: 0, stdout: `lens ${pkg.version}\n`, stderr: '' });
  });

  it('lists every command with the exit codes, and explains each command on its own', () => {
    const help = lens('--help');
    expect(help.status).toBe(0);
    for (const command of ['score', 'clv', 'basket', 'generate', 'publish']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} +--`, 'm'));
      const one = lens(command, '--help');
      expect(one.status).toBe(0);
      expect(one.stdout).toMatch(new RegExp(`^usage: lens ${command} +--`));
      expect(one.stdout).toContain('64 wrong command line');
    }
    // --help wins over missing or wrong options, so it never fails.
    expect(lens('basket', '--frobnicate', '--help').status).toBe(0);
  });

  it('prints the usage to stderr and exits 64 without a command', () => {
    const r = lens();
    expect(r.status).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^usage: lens <command>/);
  });
});

describe('lens score', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'lens-')), 'snapshot.json');
  const run = lens('score', ...german, '--insights', fixture('insights.json'), '--out', out);
  const snapshot: Snapshot =
    run.status === 0 ? parseSnapshot(JSON.parse(readFileSync(out, 'utf8'))) : (undefined as never);
  const account = (id: string) => snapshot.accounts.find((a) => a.id === id)!;

  it('writes a valid snapshot as of the day after the last order, with progress on stderr', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/imported 7 accounts, 69 order lines/);
    expect(run.stderr).toMatch(/scoring: clv/);
    // The last order is 10002's on 17.12.2024.
    expect(snapshot.asOf).toBe('2024-12-18');
    expect(snapshot.accounts).toHaveLength(7);
  });

  it('reads German amounts and dates into the patterns', () => {
    // 10002: two lines of 250,00 per order; the orders 276, 176, 76 and 1 days before asOf fall in the last 12
    // months (4 × 500), those 376 … 676 days before in the 12 before (4 × 500).
    expect(account('10002').patterns).toMatchObject({ orders12m: 4, revenue12m: 2000, revenuePrev12m: 2000, trend: 0 });
    // 10007: only the order 16 days before asOf is in the last 12 months (366 days is not): 2 × 1.050,50.
    expect(account('10007').patterns.revenue12m).toBe(2101);
    expect(account('10006').valueScore).toBe(0); // no orders at all
    expect(account('10001').domains).toEqual(['mueller-buero.de']);
  });

  it('turns the insights into talking points and the risk criterion', () => {
    const first = account('10002').talkingPoints[0]!;
    expect(first.kind).toBe('follow-up');
    expect(first.title.de).toBe('Nachfassen: Braucht einen zweiten Drucker für die Filiale');
    expect(first.why.de).toBe(
      'Wiedervorlage fällig am 16.12.2024 (vor 2 Tagen), notiert von anna.schmidt@haendler.example am 02.12.2024.',
    );
    expect(account('10003').talkingPoints.some((p) => p.kind === 'competitor')).toBe(true);
    expect(account('10003').criteria.find((c) => c.id === 'risk')!.points).toBeLessThan(0);
  });

  it('names cross-sell products from the products file', () => {
    // 10002 buys toner and paper together in all 8 orders and never the fuser unit, which 13 of the 21 such orders
    // in the portfolio contain.
    const gap = account('10002').crossSell.find((g) => g.sku === 'FIX-1')!;
    expect(gap).toMatchObject({ name: 'Fixiereinheit', antecedentShare: 1 });
    expect(gap.confidence).toBeCloseTo(13 / 21, 10);
  });

  it('takes --as-of and --model', () => {
    const custom = join(mkdtempSync(join(tmpdir(), 'lens-')), 'custom.json');
    const r = lens('score', ...german, '--as-of', '2024-06-30', '--model', fixture('model.json'), '--out', custom);
    expect(r.status).toBe(0);
    const s = parseSnapshot(JSON.parse(readFileSync(custom, 'utf8')));
    expect(s.asOf).toBe('2024-06-30');
    expect(s.model.weights.revenue12m).toBe(0.5);
    expect(s.model.segments).toEqual({ a: 60, b: 30 });
  });
});

describe('lens score on bad input', () => {
  it('prints the import report with every bad row and exits 2', () => {
    const r = lens('score', '--accounts', fixture('kunden.csv'), '--orders', fixture('umsaetze-fehler.csv'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    for (const bad of ['31.02.2024', '99999', 'zwölf']) expect(r.stderr).toContain(bad);
    for (const row of ['4', '5', '6']) expect(r.stderr).toMatch(new RegExp(`\\b${row}\\b`));
  });

  it('exits 2 for an unreadable file or invalid insights', () => {
    expect(lens('score', '--accounts', fixture('fehlt.csv'), '--orders', fixture('umsaetze.csv')).status).toBe(2);
    const insights = lens('score', ...german, '--insights', fixture('model.json'));
    expect(insights.status).toBe(2);
    expect(insights.stderr).toMatch(/--insights .* is not a list of insights/);
  });

  it('exits 64 for a wrong command line', () => {
    expect(lens('score', ...german, '--as-of', '31.12.2024').status).toBe(64);
    expect(lens('score', ...german, '--frobnicate', 'x').status).toBe(64);
    expect(lens('score', '--orders', fixture('umsaetze.csv')).status).toBe(64);
    expect(lens('unknown').status).toBe(64);
  });
});

describe('lens clv', () => {
  it('reproduces the published BG/NBD and Gamma-Gamma estimates on CDNOW', () => {
    // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4; Gamma-Gamma on the 946
    // repeat buyers: p = 6.25, q = 3.74, γ = 15.44 (tests/fixtures/cdnow/README.md).
    const r = lens('clv', '--summary', cdnow);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      customers: number;
      bgnbd: Record<string, number>;
      gammaGamma: Record<string, number>;
    };
    expect(out.customers).toBe(2357);
    expect(out.bgnbd['r']).toBeCloseTo(0.243, 3);
    expect(out.bgnbd['alpha']).toBeCloseTo(4.414, 3);
    expect(out.bgnbd['a']).toBeCloseTo(0.793, 3);
    expect(out.bgnbd['b']).toBeCloseTo(2.426, 3);
    expect(out.bgnbd['logLikelihood']).toBeCloseTo(-9582.4, 1);
    expect(out.gammaGamma['p']).toBeCloseTo(6.25, 2);
    expect(out.gammaGamma['q']).toBeCloseTo(3.74, 2);
    expect(out.gammaGamma['gamma']).toBeCloseTo(15.44, 1);
  });

  it('names the missing columns of a summary and exits 2', () => {
    const r = lens('clv', '--summary', fixture('koerbe.dat'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/missing column\(s\) frequency, recency, t/);
  });
});

describe('lens basket', () => {
  it('mines a basket file', () => {
    // Baskets {a b c}, {a b}, {b c}, {a b c d} at support ≥ 0.5 (2 of 4): a 3, b 4, c 3, ab 3, bc 3, ac 2, abc 2.
    const r = lens(
      'basket',
      '--transactions',
      fixture('koerbe.dat'),
      '--min-support',
      '0.5',
      '--min-confidence',
      '0.9',
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      transactions: number;
      itemsetCount: number;
      itemsetsBySize: Record<string, number>;
      rules: unknown[];
    };
    expect(out.transactions).toBe(4);
    expect(out.itemsetCount).toBe(7);
    expect(out.itemsetsBySize).toEqual({ 1: 3, 2: 3, 3: 1 });
    // Confidence 1: a → b (3/3), c → b (3/3), a c → b (2/2); all lift 1 since b is in every basket.
    expect(out.rules).toEqual([
      { antecedent: ['a'], consequent: ['b'], support: 0.75, confidence: 1, lift: 1 },
      { antecedent: ['c'], consequent: ['b'], support: 0.75, confidence: 1, lift: 1 },
      { antecedent: ['a', 'c'], consequent: ['b'], support: 0.5, confidence: 1, lift: 1 },
    ]);
  });

  it('reads a German orders export as one basket per order', () => {
    // 31 orders in umsaetze.csv; toner and paper together in 21 of them (10001: 8, 10002: 8, 10003: 5).
    const r = lens('basket', '--transactions', fixture('umsaetze.csv'), '--min-support', '0.3');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      transactions: number;
      rules: { antecedent: string[]; consequent: string[]; support: number }[];
    };
    expect(out.transactions).toBe(31);
    expect(
      out.rules.find((x) => x.antecedent.join() === 'PAP-1' && x.consequent.join() === 'TON-1')!.support,
    ).toBeCloseTo(21 / 31, 10);
  });

  it('rejects a support outside (0, 1] as a usage error', () => {
    expect(lens('basket', '--transactions', fixture('koerbe.dat'), '--min-support', '5').status).toBe(64);
  });
});

describe('lens generate', () => {
  it('writes the four German CSVs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lens-gen-'));
    const r = lens('generate', '--accounts', '5', '--seed', '3', '--out', dir);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['artikel.csv', 'kontakte.csv', 'kunden.csv', 'umsaetze.csv']);
    expect(
      readFileSync(join(dir, 'kunden.csv'), 'utf8')
        .split('\r\n')
        .filter((l) => l !== ''),
    ).toHaveLength(6); // header + 5
    expect(lens('generate', '--accounts', 'five', '--out', dir).status).toBe(64);
  });
});
