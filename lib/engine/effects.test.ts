import { describe, expect, it } from 'vitest';
import { buildSnapshot } from './build-snapshot.ts';
import {
  coveredKinds,
  effectVerdict,
  estimateEffects,
  measureEffects,
  pointConversions,
  upliftOf,
  type Effect,
} from './effects.ts';
import { generateDataset } from './generate.ts';
import { plantEffects } from './generate/experiment.ts';
import { allTalkingPoints, holdoutHash, isHeldOut } from './holdout.ts';
import { DEFAULT_MODEL_CONFIG, resolveModelConfig } from './model-config.ts';
import { rescoreAccount } from './rescore.ts';
import type { OrderLine } from './records.ts';
import type { ScoredAccount, Snapshot, TalkingPoint } from './snapshot.ts';

const experiment = {
  holdoutShare: 0.1,
  salt: 's1',
  kinds: ['cross-sell', 'reorder-due', 'win-back', 'decline'] as const,
};

describe('hold-outs', () => {
  it('holds out about the configured share of (account, kind) pairs, the same every time', () => {
    const exp = { ...experiment, kinds: [...experiment.kinds] };
    let held = 0;
    for (let i = 0; i < 20_000; i++) if (isHeldOut(exp, `K-${i}`, 'cross-sell')) held++;
    expect(held / 20_000).toBeGreaterThan(0.09);
    expect(held / 20_000).toBeLessThan(0.11);
    expect(isHeldOut(exp, 'K-17', 'cross-sell')).toBe(isHeldOut({ ...exp }, 'K-17', 'cross-sell'));
    expect(holdoutHash('s1\u0000K-1\u0000cross-sell')).toBe(holdoutHash('s1\u0000K-1\u0000cross-sell'));
  });

  it('draws the kinds of one account independently and a new split for a new salt', () => {
    const exp = { ...experiment, holdoutShare: 0.5, kinds: [...experiment.kinds] };
    let both = 0;
    let same = 0;
    for (let i = 0; i < 10_000; i++) {
      const a = isHeldOut(exp, `K-${i}`, 'cross-sell');
      if (a && isHeldOut(exp, `K-${i}`, 'reorder-due')) both++;
      if (a === isHeldOut({ ...exp, salt: 's2' }, `K-${i}`, 'cross-sell')) same++;
    }
    expect(both / 10_000).toBeGreaterThan(0.23); // independent halves: a quarter in both
    expect(both / 10_000).toBeLessThan(0.27);
    expect(same / 10_000).toBeGreaterThan(0.47);
    expect(same / 10_000).toBeLessThan(0.53);
  });

  it('never holds out kinds that orders cannot judge, nor anything without an experiment', () => {
    const exp = { ...experiment, holdoutShare: 0.5, kinds: [...experiment.kinds] };
    for (let i = 0; i < 1000; i++) expect(isHeldOut(exp, `K-${i}`, 'follow-up')).toBe(false);
    expect(isHeldOut(undefined, 'K-1', 'cross-sell')).toBe(false);
    expect(isHeldOut({ ...exp, holdoutShare: 0 }, 'K-1', 'cross-sell')).toBe(false);
  });

  it('merges a partial model file over the defaults', () => {
    const model = resolveModelConfig({ experiment: { holdoutShare: 0.1 } });
    expect(model.weights).toEqual(DEFAULT_MODEL_CONFIG.weights);
    expect(model.experiment).toEqual({ holdoutShare: 0.1, salt: '', kinds: [...experiment.kinds] });
    expect(resolveModelConfig({ weights: { clv: 0.5 } }).weights.revenue12m).toBe(0.25);
    expect(() => resolveModelConfig({ experiment: { holdoutShare: 0.9 } })).toThrow(/holdoutShare/);
    expect(resolveModelConfig({})).toEqual(DEFAULT_MODEL_CONFIG);
  });
});

describe('hold-outs in the snapshot', () => {
  const dataset = generateDataset({ accounts: 120, seed: 3, linesPerAccount: 40 });
  const off = buildSnapshot(dataset);
  const on = buildSnapshot(dataset, {
    model: resolveModelConfig({ experiment: { holdoutShare: 0.3, salt: 'x' } }),
  });

  it('computes the same points and moves the held-out ones aside, in their order', () => {
    let held = 0;
    on.accounts.forEach((account, i) => {
      const all = allTalkingPoints(account).map((p) => p.point);
      const before = off.accounts[i]!.talkingPoints;
      expect([...all].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [...before].sort((a, b) => a.id.localeCompare(b.id)),
      );
      for (const p of account.heldOutTalkingPoints ?? []) {
        expect(isHeldOut(on.model.experiment, account.id, p.kind)).toBe(true);
        held++;
      }
      for (const p of account.talkingPoints) expect(isHeldOut(on.model.experiment, account.id, p.kind)).toBe(false);
    });
    expect(held).toBeGreaterThan(20);
    expect(off.accounts.some((a) => 'heldOutTalkingPoints' in a)).toBe(false);
  });

  it('keeps the split when an account is re-scored', () => {
    for (const account of on.accounts.slice(0, 40)) {
      const again = rescoreAccount(on, account.id, []);
      expect(again.talkingPoints).toEqual(account.talkingPoints);
      expect(again.heldOutTalkingPoints).toEqual(account.heldOutTalkingPoints);
    }
  });
});

const point = (kind: TalkingPoint['kind'], id: string, skus?: string[]): TalkingPoint => ({
  id: `${kind}:${id}`,
  kind,
  title: { en: '', de: '' },
  why: { en: '', de: '' },
  ...(skus ? { skus } : {}),
  priority: 0.5,
});

function account(id: string, shown: TalkingPoint[], heldOut: TalkingPoint[] = [], revenue12m = 3650): ScoredAccount {
  return {
    id,
    segment: 'A',
    talkingPoints: shown,
    ...(heldOut.length > 0 ? { heldOutTalkingPoints: heldOut } : {}),
    patterns: { revenue12m },
  } as unknown as ScoredAccount;
}

const line = (accountId: string, orderDate: string, sku: string, netAmount = 100, quantity = 1): OrderLine => ({
  orderId: `${accountId}-${orderDate}-${sku}`,
  accountId,
  orderDate,
  sku,
  productName: sku,
  category: '',
  quantity,
  netAmount,
});

describe('conversions from orders', () => {
  const snapshot: Pick<Snapshot, 'asOf' | 'accounts'> = {
    asOf: '2026-01-01',
    accounts: [
      account('K1', [point('cross-sell', 'A+B', ['A', 'B']), point('reorder-due', 'account')]),
      account('K2', [point('follow-up', 'n1')], [point('cross-sell', 'A+C', ['A', 'C'])]),
      account('K3', [point('decline', 'account'), point('win-back', 'account')]),
    ],
  };
  it('judges each kind by its rule and window', () => {
    const orders = [
      line('K1', '2025-12-31', 'B'), // before the snapshot
      line('K1', '2026-03-20', 'B'), // day 78: cross-sell converts
      line('K2', '2026-04-02', 'C'), // day 91: outside 90 days
      line('K3', '2026-02-10', 'Z', 900), // 900 ≥ 3650 × 90 / 365 = 900
      line('K9', '2026-01-05', 'A'), // not in the snapshot
    ];
    const marks = [
      { accountId: 'K1', talkingPointId: 'cross-sell:A+B', raisedAt: '2026-01-10T09:00:00Z' },
      { accountId: 'K1', talkingPointId: 'reorder-due:account', raisedAt: '2025-12-20' }, // before: not this snapshot's
      { accountId: 'K2', talkingPointId: 'cross-sell:A+C', raisedAt: '2026-01-03' }, // held out: cannot be raised
    ];
    const result = pointConversions(snapshot, orders, marks);
    expect(result.map((r) => [r.accountId, r.kind, r.heldOut, r.raised, r.converted])).toEqual([
      ['K1', 'cross-sell', false, true, true],
      ['K1', 'reorder-due', false, false, false],
      ['K2', 'cross-sell', true, false, false],
      ['K3', 'decline', false, false, true],
      ['K3', 'win-back', false, false, true],
    ]);
    const shorter = pointConversions(snapshot, [line('K3', '2026-02-10', 'Z', 899)], [], { windowDays: 60 });
    expect(shorter.find((r) => r.kind === 'decline')?.converted).toBe(true); // 899 ≥ 3650 × 60 / 365 = 600
    expect(
      pointConversions(snapshot, [line('K3', '2026-02-10', 'Z', 899)], []).find((r) => r.kind === 'decline')?.converted,
    ).toBe(false);
  });

  it('does not count returns and credit notes as orders', () => {
    const result = pointConversions(snapshot, [line('K1', '2026-01-05', 'B', -100, -1)], []);
    expect(result.every((r) => !r.converted)).toBe(true);
  });

  it('says which kinds later data covers', () => {
    expect(coveredKinds('2026-01-01', '2026-02-15')).toEqual(['reorder-due']);
    expect(coveredKinds('2026-01-01', '2026-04-01')).toEqual(['cross-sell', 'reorder-due', 'win-back', 'decline']);
    expect(coveredKinds('2026-01-01', '2026-01-20', 10)).toHaveLength(4);
  });
});

describe('uplifts with intervals', () => {
  it('says not enough data below the minimum count', () => {
    const u = upliftOf({ n: 100, converted: 30 }, { n: 9, converted: 1 }, { n: 50, converted: 20 });
    expect(u).toEqual({ itt: null, raised: null });
    expect(effectVerdict(u.itt)).toBe('not-enough-data');
    const few = upliftOf({ n: 100, converted: 30 }, { n: 20, converted: 2 }, { n: 5, converted: 3 });
    expect(few.itt).not.toBeNull();
    expect(few.raised).toBeNull();
  });

  it('matches the normal approximation for large groups and is the same every time', () => {
    const shown = { n: 4000, converted: 1000 };
    const heldOut = { n: 1000, converted: 200 };
    const u = upliftOf(shown, heldOut, { n: 2000, converted: 600 });
    const ps = 1001 / 4002;
    const ph = 201 / 1002;
    const sd = Math.sqrt((ps * (1 - ps)) / 4003 + (ph * (1 - ph)) / 1003);
    expect(u.itt!.mean).toBeCloseTo(ps - ph, 4);
    expect(u.itt!.lo).toBeCloseTo(ps - ph - 1.645 * sd, 2);
    expect(u.itt!.hi).toBeCloseTo(ps - ph + 1.645 * sd, 2);
    // Raised half of the shown points: the raised effect is about twice the ITT effect.
    expect(u.raised!.mean).toBeCloseTo((ps - ph) / (2001 / 4002), 3);
    expect(u.raised!.hi - u.raised!.lo).toBeGreaterThan(u.itt!.hi - u.itt!.lo);
    expect(upliftOf(shown, heldOut, { n: 2000, converted: 600 })).toEqual(u);
  });
});

describe('planted truths', () => {
  const dataset = generateDataset({ accounts: 900, seed: 11, linesPerAccount: 40 });
  const snapshot = buildSnapshot(dataset, {
    model: resolveModelConfig({ experiment: { holdoutShare: 0.3, salt: 'planted' } }),
  });
  const kinds = {
    // Raising a cross-sell point triples its conversion: +20 points for raised points, +10 for shown ones.
    'cross-sell': { base: 0.1, raised: 0.3, raiseShare: 0.5 },
    // Reorder reminders change nothing.
    'reorder-due': { base: 0.5, raised: 0.5, raiseShare: 0.5 },
  };
  const cell = (effects: Effect[], kind: string) => effects.find((e) => e.kind === kind && e.segment === null)!;

  it('recovers a planted tripling inside its interval and says "no effect" where none was planted', () => {
    const planted = plantEffects(snapshot, { seed: 1, kinds });
    const effects = measureEffects(snapshot, planted.orders, planted.marks);
    const cross = cell(effects, 'cross-sell');
    expect(cross.heldOut.n).toBeGreaterThan(150);
    expect(cross.raisedUplift!.lo).toBeLessThan(0.2);
    expect(cross.raisedUplift!.hi).toBeGreaterThan(0.2);
    expect(cross.ittUplift!.lo).toBeLessThan(0.1);
    expect(cross.ittUplift!.hi).toBeGreaterThan(0.1);
    expect(effectVerdict(cross.raisedUplift)).toBe('positive');
    const reorder = cell(effects, 'reorder-due');
    expect(reorder.heldOut.n).toBeGreaterThan(40);
    expect(effectVerdict(reorder.ittUplift)).toBe('no-effect');
    expect(effectVerdict(reorder.raisedUplift)).toBe('no-effect');
  });

  it('covers the planted effect in about 90 % of experiments (calibration over 20 seeds)', () => {
    let covered = 0;
    let noEffect = 0;
    for (let seed = 100; seed < 120; seed++) {
      const planted = plantEffects(snapshot, { seed, kinds });
      const effects = estimateEffects(pointConversions(snapshot, planted.orders, planted.marks), { draws: 4000 });
      const u = cell(effects, 'cross-sell').raisedUplift!;
      if (u.lo <= 0.2 && u.hi >= 0.2) covered++;
      if (effectVerdict(cell(effects, 'reorder-due').ittUplift) === 'no-effect') noEffect++;
    }
    // Binomial(20, 0.9): 15 or more with probability 0.99.
    expect(covered).toBeGreaterThanOrEqual(15);
    expect(noEffect).toBeGreaterThanOrEqual(15);
  });
});

describe('ranking by measured effects', () => {
  const dataset = generateDataset({ accounts: 80, seed: 4, linesPerAccount: 40 });
  const plain = buildSnapshot(dataset);
  const effect = (kind: Effect['kind'], mean: number): Effect => ({
    kind,
    segment: null,
    shown: { n: 300, converted: 60 },
    heldOut: { n: 98, converted: 9 },
    raised: { n: 40, converted: 12 },
    ittUplift: { mean: mean / 2, lo: 0, hi: mean },
    raisedUplift: { mean, lo: mean / 2, hi: mean * 1.5 },
  });
  const effects = {
    measuredAsOf: '2025-10-01',
    until: '2026-01-01',
    effects: [effect('cross-sell', 0.18), effect('reorder-due', 0)],
  };
  const ranked = buildSnapshot(dataset, { effects });

  it('raises the kinds that measurably work and says so on the point', () => {
    expect(ranked.talkingPointEffects).toEqual(effects);
    const before = plain.accounts.flatMap((a) => a.talkingPoints).filter((p) => p.kind === 'cross-sell');
    const after = ranked.accounts.flatMap((a) => a.talkingPoints).filter((p) => p.kind === 'cross-sell');
    expect(after.length).toBeGreaterThan(10);
    const mean = (ps: TalkingPoint[]) => ps.reduce((s, p) => s + p.priority, 0) / ps.length;
    expect(mean(after.slice(0, before.length))).toBeGreaterThan(mean(before));
    expect(after[0]!.basis?.en).toBe(
      'Measured on orders: raised for 40 accounts, +18 points of conversion (90 % interval +9 to +27).',
    );
    expect(after[0]!.basis?.de).toMatch(/^Gemessen an Aufträgen: bei 40 Kunden angesprochen, \+18 Prozentpunkte/);
    const reorder = ranked.accounts.flatMap((a) => a.talkingPoints).find((p) => p.kind === 'reorder-due')!;
    const reorderBefore = plain.accounts.flatMap((a) => a.talkingPoints).find((p) => p.id === reorder.id)!;
    expect(reorder.priority).toBe(reorderBefore.priority); // measured to change nothing: keeps its priority
    expect(plain.accounts.flatMap((a) => a.talkingPoints).some((p) => p.basis !== undefined)).toBe(false);
  });

  it('keeps the measured ranking when an account is re-scored', () => {
    for (const account of ranked.accounts.slice(0, 20))
      expect(rescoreAccount(ranked, account.id, []).talkingPoints).toEqual(account.talkingPoints);
  });
});
