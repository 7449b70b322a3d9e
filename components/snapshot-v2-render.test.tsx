/**
 * The compact v2 snapshot renders the same talking points as the v1 document it came from, in English and German:
 * the card (talking points, criteria, series) is rendered from each and the two compared.
 */
import { cleanup, render, screen } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSnapshot } from '../lib/engine/build-snapshot.ts';
import { generateDataset } from '../lib/engine/generate.ts';
import { InsightSchema } from '../lib/engine/insight.ts';
import { encodeSnapshotV2 } from '../lib/engine/snapshot-v2.ts';
import { parseSnapshot, type ScoredAccount } from '../lib/engine/snapshot.ts';
import { AccountCard } from './AccountCard.tsx';

const dataset = generateDataset({ accounts: 40, seed: 7, linesPerAccount: 60 });
const insights = dataset.accounts.slice(0, 12).map((a, i) =>
  InsightSchema.parse({
    id: `01JG${String(i).padStart(22, '0')}`,
    accountId: a.id,
    author: 'rep@example.com',
    createdAt: '2025-10-10T09:00:00Z',
    updatedAt: '2025-10-10T09:00:00Z',
    type: (['competitor', 'need', 'expansion'] as const)[i % 3],
    title: `Note ${i}`,
    sentiment: 1,
    followUpAt: i % 2 === 0 ? '2025-11-20' : null,
  }),
);
const built = buildSnapshot(dataset, { insights });
const v1 = parseSnapshot(JSON.parse(JSON.stringify(built)));
const v2 = parseSnapshot(JSON.parse(JSON.stringify(encodeSnapshotV2(built))));

function cardHtml(account: ScoredAccount): { html: string; points: string } {
  render(
    <AccountCard
      view={{ account, confidence: 1, matchedBy: account.domains[0] ?? account.id, insights: [] }}
      candidates={[]}
      onMark={vi.fn()}
      onLogInsight={vi.fn()}
      onCorrect={vi.fn()}
      onSearch={vi.fn(async () => [])}
    />,
  );
  const points = screen.queryByTestId('talking-points')?.textContent ?? '';
  const html = document.body.innerHTML;
  cleanup();
  return { html, points };
}

afterEach(() => {
  cleanup();
});

describe.each(['en', 'de'] as const)('v1 and v2 snapshots in %s', (lang) => {
  it('render the same card and talking points for every account', () => {
    fakeBrowser.i18n.getUILanguage = () => lang;
    let withPoints = 0;
    for (const [i, account] of v1.accounts.entries()) {
      const a = cardHtml(account);
      const b = cardHtml(v2.accounts[i]!);
      expect(b.points).toBe(a.points);
      expect(b.html).toBe(a.html);
      if (a.points !== '') withPoints += 1;
    }
    expect(withPoints).toBeGreaterThan(10);
    const first = v1.accounts.find((a) => a.talkingPoints.length > 0)!;
    expect(cardHtml(v2.accounts[v1.accounts.indexOf(first)]!).points).toContain(first.talkingPoints[0]!.title[lang]);
  });
});
