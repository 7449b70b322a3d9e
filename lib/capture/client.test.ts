import { describe, expect, it } from 'vitest';
import type { CaptureInput } from './form.ts';
import type { Insight } from '../engine/insight.ts';
import { account } from '../../tests/store-fixtures.ts';
import type { Answer } from '../messaging.ts';
import { saveCapture, SaveRefusedError, type SaveAnswer, type SaveTransport } from './client.ts';

const ID = '01JCAPTURE0000000000000001';
const INPUT: CaptureInput = { type: 'need', title: 'Second press line', body: 'Quote by Friday', accountId: 'K-4711' };

function stored(over: Partial<Insight> = {}): Insight {
  return {
    id: ID,
    accountId: 'K-4711',
    author: 'lena.vogt@hansen-industriebedarf.de',
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    type: 'need',
    title: 'Second press line',
    body: 'Quote by Friday',
    sentiment: 0,
    products: [],
    tags: [],
    followUpAt: null,
    source: { kind: 'sidepanel' },
    visibility: 'team',
    status: 'open',
    rev: 1,
    deletedAt: null,
    ...over,
  };
}

/** A transport whose sends play `script` in order: an answer, 'lost' (the channel closed) or 'undefined'. */
function fake(script: (Answer<SaveAnswer> | 'lost' | 'undefined')[], inStore?: Insight) {
  const sent: CaptureInput[] = [];
  const rescored: string[] = [];
  const waits: number[] = [];
  const transport: SaveTransport = {
    async send(input) {
      sent.push(input);
      const step = script.shift();
      if (step === 'lost' || step === undefined)
        throw new Error(
          'A listener indicated an asynchronous response by returning true, but the message channel closed',
        );
      return step === 'undefined' ? undefined : step;
    },
    stored: async (id) => (inStore?.id === id ? inStore : undefined),
    rescore: async (id) => {
      rescored.push(id);
      return account(id);
    },
    wait: async (ms) => void waits.push(ms),
  };
  return { transport, sent, rescored, waits };
}

describe('saveCapture', () => {
  it('gives a new insight its id before sending, as the edit of nothing (rev 0), and returns the answer', async () => {
    const answer = { insight: stored(), account: account('K-4711') };
    const { transport, sent } = fake([{ ok: true, data: answer }]);
    const result = await saveCapture(INPUT, transport, { newId: () => ID });
    expect(sent).toEqual([{ ...INPUT, id: ID, rev: 0 }]);
    expect(result).toEqual({ ...answer, attempts: 1, recovered: false });
  });

  it('sends an edit as it is (its id and the rev it started from)', async () => {
    const edit = { ...INPUT, id: ID, rev: 3 };
    const { transport, sent } = fake([{ ok: true, data: { insight: stored({ rev: 4 }), account: null } }]);
    await saveCapture(edit, transport);
    expect(sent).toEqual([edit]);
  });

  it('throws a refusal of the first attempt as it came, without retrying', async () => {
    const error = 'saveInsight: invalid insight: title: too long (max 200 characters)';
    const { transport, sent } = fake([{ ok: false, error }]);
    await expect(saveCapture(INPUT, transport, { newId: () => ID })).rejects.toThrow(new SaveRefusedError(error));
    expect(sent).toHaveLength(1);
  });

  it('finds the insight in the store when the answer was lost after the commit, and re-scores its account', async () => {
    const { transport, sent, rescored } = fake(['lost'], stored());
    const result = await saveCapture(INPUT, transport, { newId: () => ID });
    expect(sent).toHaveLength(1);
    expect(rescored).toEqual(['K-4711']);
    expect(result).toMatchObject({
      insight: { id: ID, rev: 1 },
      account: { id: 'K-4711' },
      attempts: 1,
      recovered: true,
    });
  });

  it('sends again, with the same id, when the answer was lost before the commit', async () => {
    const answer = { insight: stored(), account: null };
    const { transport, sent, waits } = fake(['lost', 'undefined', { ok: true, data: answer }]);
    const result = await saveCapture(INPUT, transport, { newId: () => ID });
    expect(sent.map((s) => s.id)).toEqual([ID, ID, ID]);
    expect(waits).toEqual([150, 300]);
    expect(result).toMatchObject({ attempts: 3, recovered: false });
  });

  it('takes a retry refused as stale for success when its first attempt is what the store holds', async () => {
    let first = true;
    const { transport } = fake([
      'lost',
      { ok: false, error: 'saveInsight: insight changed meanwhile (stored rev 1, edit started from rev 0)' },
    ]);
    const stored1 = stored();
    // Nothing in the store when the first loss is checked; the first attempt's commit is seen on the second.
    transport.stored = async () => {
      if (first) {
        first = false;
        return undefined;
      }
      return stored1;
    };
    const result = await saveCapture(INPUT, transport, { newId: () => ID });
    expect(result).toMatchObject({ insight: { id: ID }, attempts: 2, recovered: true });
  });

  it("does not take someone else's version of the insight for its own", async () => {
    const { transport } = fake(['lost', 'lost', 'lost'], stored({ title: 'Edited elsewhere', rev: 2 }));
    await expect(saveCapture({ ...INPUT, id: ID, rev: 1 }, transport)).rejects.toThrow(
      /^saveCapture: no answer from the background after 3 attempts: A listener indicated/,
    );
  });
});
