/** Who reads a talking point that quotes a note: exactly who may pull the note (visibility.ts's rule). */
import { describe, expect, it } from 'vitest';
import type { ScoredAccount } from '../../lib/engine/snapshot.ts';
import { maySee, redactAccount, type InsightOwner } from '../src/redact.ts';
import type { Principal } from '../src/users.ts';
import { scoredAccount } from './fixtures.ts';

const who = (role: Principal['role'], userId: number, teamId: number | null): Principal => ({
  role,
  userId,
  teamId,
  email: `${userId}@example.com`,
  name: String(userId),
  tokenId: userId,
});
const ana = who('rep', 1, 10);
const ben = who('rep', 2, 10);
const lead = who('leader', 3, 10);
const cleo = who('rep', 4, 20);
const admin = who('admin', 5, null);

describe('maySee', () => {
  const shared: InsightOwner = { ownerUserId: 1, teamId: 10, visibility: 'team' };
  const secret: InsightOwner = { ownerUserId: 1, teamId: 10, visibility: 'private' };
  it('follows the pull rule for each role', () => {
    expect([ana, ben, lead, cleo, admin].map((p) => maySee(p, shared))).toEqual([true, true, true, false, true]);
    // Private is the author's only.
    expect([ana, ben, lead, cleo, admin].map((p) => maySee(p, secret))).toEqual([true, false, false, false, false]);
    expect([ana, admin].map((p) => maySee(p, undefined))).toEqual([false, true]);
  });
});

describe('redactAccount', () => {
  const account: ScoredAccount = {
    ...scoredAccount('K-1', 'Kunde', 60),
    talkingPoints: [
      {
        id: 'competitor:n1',
        kind: 'competitor',
        title: { en: 'Rival', de: 'Rival' },
        why: { en: '', de: '' },
        priority: 0.9,
        insightIds: ['n1'],
      },
      {
        id: 'reorder-due:account',
        kind: 'reorder-due',
        title: { en: 'Reorder', de: 'Nachbestellung' },
        why: { en: '', de: '' },
        priority: 0.5,
      },
    ],
  };
  const json = JSON.stringify(account);
  const owners = new Map<string, InsightOwner>([['n1', { ownerUserId: 1, teamId: 10, visibility: 'team' }]]);

  it('passes an account on untouched when its reader may see every quoted note, or it quotes none', () => {
    expect(redactAccount(json, ben, (id) => owners.get(id))).toBe(json);
    const plain = JSON.stringify({ ...account, talkingPoints: [account.talkingPoints[1]] });
    expect(redactAccount(plain, cleo, () => undefined)).toBe(plain);
  });

  it('drops the talking points quoting a note the reader may not see, and nothing else', () => {
    const seen = JSON.parse(redactAccount(json, cleo, (id) => owners.get(id))) as ScoredAccount;
    expect(seen).toEqual({ ...account, talkingPoints: [account.talkingPoints[1]] });
  });
});
