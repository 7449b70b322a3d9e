/** The wire schemas: what a client may send and what the hub promises to answer. */
import { describe, expect, it } from 'vitest';
import {
  AnyMutationSchema,
  MutationSchema,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
  PUSH_LIMITS,
} from './protocol.ts';

const insight = {
  id: '01JNP6K8Y0000000000000000A',
  accountId: 'K-1001',
  author: 'ana@example.com',
  createdAt: '2026-03-02T09:00:00Z',
  updatedAt: '2026-03-02T09:00:00Z',
  type: 'need',
  title: 'Second cutting line',
};
const put = (mutationId: number) => ({ kind: 'insight.put', mutationId, insight: { ...insight, rev: 1 }, baseRev: 0 });

describe('PushRequestSchema', () => {
  it('accepts increasing mutation ids and fills insight defaults', () => {
    const r = PushRequestSchema.parse({ protocolVersion: 1, clientId: 'ana-laptop', mutations: [put(1), put(2)] });
    const first = r.mutations[0]!;
    expect(first.kind === 'insight.put' && first.insight).toMatchObject({
      body: '',
      sentiment: 0,
      visibility: 'team',
      status: 'open',
      rev: 1,
    });
  });

  it('rejects repeated or falling mutation ids', () => {
    const r = PushRequestSchema.safeParse({ protocolVersion: 1, clientId: 'ana-laptop', mutations: [put(2), put(2)] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('mutation ids must be strictly increasing');
  });

  it('rejects empty and oversized batches, other protocol versions and odd client ids', () => {
    const base = { protocolVersion: 1, clientId: 'ana-laptop', mutations: [put(1)] };
    expect(PushRequestSchema.safeParse({ ...base, mutations: [] }).success).toBe(false);
    const many = Array.from({ length: PUSH_LIMITS.maxMutations + 1 }, (_, k) => put(k + 1));
    expect(PushRequestSchema.safeParse({ ...base, mutations: many }).success).toBe(false);
    expect(PushRequestSchema.safeParse({ ...base, protocolVersion: 2 }).success).toBe(false);
    expect(PushRequestSchema.safeParse({ ...base, clientId: 'short' }).success).toBe(false);
    expect(PushRequestSchema.safeParse({ ...base, clientId: 'has space in it' }).success).toBe(false);
  });

  it('keeps every MutationSchema mutation valid and adds conflict.resolve', () => {
    const del = {
      kind: 'insight.delete',
      mutationId: 3,
      insightId: insight.id,
      baseRev: 1,
      deletedAt: '2026-03-03T08:00:00Z',
    };
    expect(AnyMutationSchema.parse(del)).toEqual(MutationSchema.parse(del));
    expect(AnyMutationSchema.parse({ kind: 'conflict.resolve', mutationId: 4, conflictId: 7 })).toEqual({
      kind: 'conflict.resolve',
      mutationId: 4,
      conflictId: 7,
    });
    expect(AnyMutationSchema.safeParse({ kind: 'conflict.resolve', mutationId: 4, conflictId: 0 }).success).toBe(false);
  });
});

describe('pull', () => {
  it('takes an optional decimal cursor', () => {
    expect(PullQuerySchema.parse({ clientId: 'ana-laptop' })).toEqual({ clientId: 'ana-laptop' });
    expect(PullQuerySchema.parse({ clientId: 'ana-laptop', cursor: '42' }).cursor).toBe('42');
    expect(PullQuerySchema.safeParse({ clientId: 'ana-laptop', cursor: '4e2' }).success).toBe(false);
  });

  it('describes an empty answer', () => {
    const empty = {
      protocolVersion: 1,
      cursor: '0',
      reset: false,
      lastMutationId: 0,
      insights: [],
      revokedInsightIds: [],
      conflicts: [],
      snapshot: null,
      model: null,
    };
    expect(PullResponseSchema.parse(empty)).toEqual(empty);
    expect(PullResponseSchema.safeParse({ ...empty, snapshot: { kind: 'delta', snapshotId: 1 } }).success).toBe(false);
  });
});
