/**
 * Expected texts come from public/_locales/en (de where said) with the sample account of test-data.ts; money and
 * dates as Intl writes them for 'en' ("€58,200", "Feb 17, 2026").
 */
import { act, fireEvent, render, screen, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountCard, latestInsights, type AccountCardProps } from './AccountCard.tsx';
import { barWidths } from './CriteriaBars.tsx';
import { SEARCH_DEBOUNCE_MS } from './MatchCorrection.tsx';
import { ACCOUNT, INSIGHTS, OTHER_ACCOUNT, insight } from '../tests/test-data.ts';
import type { AccountView } from './types.ts';

const VIEW: AccountView = {
  account: ACCOUNT,
  confidence: 0.92,
  matchedBy: 'mueller-maschinenbau.de',
  insights: INSIGHTS,
};

function renderCard(overrides: Partial<AccountCardProps> = {}) {
  const props: AccountCardProps = {
    view: VIEW,
    candidates: [
      { id: ACCOUNT.id, name: ACCOUNT.name, confidence: 0.92 },
      { id: 'ACC-2002', name: 'Müller Logistik KG', confidence: 0.4 },
    ],
    onMark: vi.fn(),
    onLogInsight: vi.fn(),
    onCorrect: vi.fn(),
    onSearch: vi.fn(async () => []),
    ...overrides,
  };
  render(<AccountCard {...props} />);
  return props;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('AccountCard', () => {
  it('heads the card with name, segment, score and match confidence', () => {
    renderCard();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Müller Maschinenbau GmbH');
    expect(screen.getByTestId('segment').textContent).toBe('A');
    expect(screen.getByLabelText('Segment A')).toBeTruthy();
    expect(screen.getByTestId('value-score').getAttribute('aria-label')).toBe('Value score 74 of 100');
    expect(screen.getByTestId('value-score').textContent).toBe('74/100');
    expect(screen.getByTestId('match-confidence').textContent).toBe('Match 92% via mueller-maschinenbau.de');
  });

  it('breaks the score down into one bar per criterion, risk negative', () => {
    renderCard();
    const rows = within(screen.getByTestId('criteria')).getAllByRole('listitem');
    expect(rows).toHaveLength(10);
    const revenue = screen.getByTestId('criterion-revenue12m');
    expect(revenue.textContent).toBe('Revenue (12 months) €64K+25.0');
    expect((revenue.querySelector('.al-bar-fill') as HTMLElement).style.width).toBe('100%');
    const risk = screen.getByTestId('criterion-risk');
    expect(risk.textContent).toBe('Risk 0.8 notes (weighted)-4.3');
    expect(risk.classList.contains('al-criterion-neg')).toBe(true);
    // |−4.3| / 25 = 17.2 % of the track.
    expect((risk.querySelector('.al-bar-fill') as HTMLElement).style.width).toBe('17.2%');
    expect(screen.getByTestId('criterion-referrals').textContent).toBe('Referrals no data0.0');
    expect(revenue.getAttribute('title')).toBe('Weight 25% · portfolio rank 100%');
    expect(screen.getByText('Why 74 points?')).toBeTruthy();
  });

  it('shows CLV: P(alive), expected revenue and orders', () => {
    renderCard();
    expect(screen.getByTestId('clv-alive').textContent).toBe('94%');
    expect(screen.getByTestId('clv-revenue').textContent).toBe('€58,200');
    expect(screen.getByTestId('clv-orders').textContent).toBe('13.6');
  });

  it('shows the purchase pattern with products, rhythm, trend and a labelled sparkline', () => {
    renderCard();
    expect(screen.getByTestId('revenue-12m').textContent).toBe('Last 12 months: €63,900');
    expect(screen.getByTestId('trend').textContent).toBe('+12% vs. the year before');
    expect(screen.getByTestId('interval').textContent).toBe('every 26 days');
    expect(screen.getByTestId('last-order').textContent).toBe('Feb 17, 2026');
    expect(screen.getByTestId('next-order').textContent).toBe('Mar 15, 2026');
    expect(screen.queryByTestId('overdue')).toBeNull();
    const products = within(screen.getByTestId('top-products')).getAllByRole('listitem');
    expect(products.map((p) => p.textContent)).toEqual([
      'Sechskantschraube M8 verzinkt34%',
      'Drehmomentschlüssel 40–200 Nm21%',
      'Schutzhandschuh Nitril Gr. 912%',
    ]);
    // monthly: 2024-03 … 2026-02, lowest 2,900, highest 7,100, last 3,900 (compact money has no decimals).
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Monthly revenue from Mar 2024 to Feb 2026: lowest €3K, highest €7K, last month €4K',
    );
    expect(screen.getByRole('img').querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(24);
  });

  it('flags an overdue next order and a falling trend', () => {
    renderCard({ view: { ...VIEW, account: OTHER_ACCOUNT } });
    expect(screen.getByTestId('next-order').textContent).toBe('Jan 20, 2026overdue');
    expect(screen.getByTestId('trend').textContent).toBe('-40% vs. the year before');
    expect(screen.getByTestId('trend').classList.contains('al-neg')).toBe(true);
    expect(screen.getByTestId('talking-points-empty').textContent).toBe('No talking points for this account yet.');
  });

  it('says so when the account never ordered', () => {
    const patterns = { ...ACCOUNT.patterns, lastOrderDate: null, topProducts: [], monthly: [] };
    renderCard({ view: { ...VIEW, account: { ...ACCOUNT, patterns } } });
    expect(screen.getByTestId('patterns-empty').textContent).toBe('No orders yet.');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('lists the top three talking points by priority with their evidence', () => {
    renderCard();
    const points = within(screen.getByTestId('talking-points')).getAllByRole('listitem');
    expect(points.map((p) => p.querySelector('.al-point-title')?.textContent)).toEqual([
      'Competitor: Würth quoted 8% less',
      'Reorder due',
      'Offer Unterlegscheibe M8',
    ]);
    expect(points[1]!.querySelector('.al-point-why')?.textContent).toBe(
      'Orders about every 26 days; next order expected on Mar 15, 2026.',
    );
  });

  it('reports feedback on a talking point and takes a mark back when pressed again', () => {
    const props = renderCard({ view: { ...VIEW, marks: { 'reorder-due:ACC-1001': 'used' } } });
    const competitor = screen.getByTestId('talking-point-competitor:01JQ0000000000000000000002');
    fireEvent.click(within(competitor).getByRole('button', { name: 'Not relevant' }));
    expect(props.onMark).toHaveBeenLastCalledWith('ACC-1001', 'competitor:01JQ0000000000000000000002', 'not-relevant');
    const reorder = screen.getByTestId('talking-point-reorder-due:ACC-1001');
    const used = within(reorder).getByRole('button', { name: 'Used' });
    expect(used.getAttribute('aria-pressed')).toBe('true');
    expect(reorder.classList.contains('al-marked-used')).toBe(true);
    fireEvent.click(used);
    expect(props.onMark).toHaveBeenLastCalledWith('ACC-1001', 'reorder-due:ACC-1001', null);
    fireEvent.click(within(reorder).getByRole('button', { name: 'Done' }));
    expect(props.onMark).toHaveBeenLastCalledWith('ACC-1001', 'reorder-due:ACC-1001', 'done');
  });

  it('lists the latest insights newest first and logs a new one', () => {
    const deleted = insight({
      id: '01JQ0000000000000000000009',
      title: 'Deleted',
      createdAt: '2026-03-01T00:00:00Z',
      updatedAt: '2026-03-01T00:00:00Z',
      deletedAt: '2026-03-01T01:00:00Z',
    });
    const props = renderCard({ view: { ...VIEW, insights: [...INSIGHTS, deleted] } });
    const lines = within(screen.getByTestId('latest-insights')).getAllByRole('listitem');
    expect(lines.map((l) => l.textContent)).toEqual([
      'CompetitorWürth quoted 8% lessFeb 20, 2026',
      'NeedSecond assembly line plannedFeb 10, 2026',
      'Workshop noteWorkshop: torque toolsJan 15, 2026',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Log insight' }));
    expect(props.onLogInsight).toHaveBeenCalledWith('ACC-1001');
    expect(screen.queryByTestId('open-brief')).toBeNull();
  });

  it('offers the meeting brief when the caller can open it', () => {
    const onOpenBrief = vi.fn();
    renderCard({ onOpenBrief });
    fireEvent.click(screen.getByRole('button', { name: 'Meeting brief' }));
    expect(onOpenBrief).toHaveBeenCalledWith('ACC-1001');
  });

  it('renders in German when the UI is German', () => {
    fakeBrowser.i18n.getUILanguage = () => 'de';
    renderCard();
    expect(screen.getByText('Gesprächsansätze')).toBeTruthy();
    expect(screen.getByText('Wettbewerber: Würth 8 % günstiger')).toBeTruthy();
    expect(screen.getByTestId('clv-revenue').textContent).toBe('58.200\u00a0€');
    expect(screen.getByTestId('last-order').textContent).toBe('17.02.2026');
    expect(screen.getByTestId('match-confidence').textContent).toBe('Zuordnung 92\u00a0% über mueller-maschinenbau.de');
  });
});

describe('"Not this account?"', () => {
  it('lists the other candidates and reports the one picked', () => {
    const props = renderCard();
    fireEvent.click(screen.getByRole('button', { name: 'Not this account?' }));
    const panel = screen.getByTestId('match-correction');
    expect(within(panel).queryByText('Müller Maschinenbau GmbH')).toBeNull();
    fireEvent.click(within(panel).getByTestId('candidate-ACC-2002'));
    expect(props.onCorrect).toHaveBeenCalledWith('ACC-2002');
    expect(screen.queryByTestId('match-correction')).toBeNull();
  });

  it('searches by name once the rep stops typing and reports the result picked', async () => {
    vi.useFakeTimers();
    const onSearch = vi.fn(async (q: string) => [{ id: 'ACC-7', name: `${q} Werke AG` }]);
    const props = renderCard({ onSearch });
    fireEvent.click(screen.getByRole('button', { name: 'Not this account?' }));
    const input = screen.getByRole('searchbox', { name: 'Search accounts by name' });
    fireEvent.input(input, { target: { value: 'Ha' } });
    fireEvent.input(input, { target: { value: 'Hahn' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    });
    expect(onSearch).not.toHaveBeenCalled();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(onSearch.mock.calls).toEqual([['Hahn']]);
    fireEvent.click(screen.getByRole('button', { name: 'Hahn Werke AG' }));
    expect(props.onCorrect).toHaveBeenCalledWith('ACC-7');
  });

  it('says when nothing was found or the search failed', async () => {
    vi.useFakeTimers();
    const onSearch = vi.fn(async (q: string) => {
      if (q === 'boom') throw new Error('index not loaded');
      return [];
    });
    renderCard({ onSearch });
    fireEvent.click(screen.getByRole('button', { name: 'Not this account?' }));
    const input = screen.getByRole('searchbox');
    fireEvent.input(input, { target: { value: 'Zeta' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    });
    expect(screen.getByTestId('match-no-results').textContent).toBe('No account matches “Zeta”.');
    fireEvent.input(input, { target: { value: 'boom' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    });
    expect(screen.getByRole('alert').textContent).toBe('Search failed: index not loaded');
  });

  it('reports "no account for this page" and can be cancelled', () => {
    const props = renderCard();
    fireEvent.click(screen.getByRole('button', { name: 'Not this account?' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('match-correction')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Not this account?' }));
    fireEvent.click(screen.getByRole('button', { name: 'None of these: no account for this page' }));
    expect(props.onCorrect).toHaveBeenCalledWith(null);
  });
});

describe('helpers', () => {
  it('barWidths scales |points| to the largest', () => {
    expect(barWidths([{ points: 20 }, { points: -5 }, { points: 0 }])).toEqual([100, 25, 0]);
    expect(barWidths([{ points: 0 }])).toEqual([0]);
  });

  it('latestInsights drops deleted ones and sorts newest first', () => {
    expect(latestInsights(INSIGHTS, 2).map((i) => i.title)).toEqual([
      'Würth quoted 8% less',
      'Second assembly line planned',
    ]);
  });
});
