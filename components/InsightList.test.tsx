import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { excerpt, InsightList, timeline } from './InsightList.tsx';
import { SearchBar, normaliseFilters } from './SearchBar.tsx';
import { INSIGHTS, insight } from '../tests/test-data.ts';

describe('excerpt', () => {
  it('keeps short text and cuts long text at a word boundary', () => {
    expect(excerpt('  Short\n text ', 20)).toBe('Short text');
    expect(excerpt('Plans a second assembly line in Q3', 20)).toBe('Plans a second…');
    // No space in the last 40 %: cut inside the word.
    expect(excerpt('Supercalifragilistic expialidocious', 10)).toBe('Supercalif…');
  });
});

describe('timeline', () => {
  it('orders newest first and drops deleted insights', () => {
    const deleted = insight({
      id: '01JQ0000000000000000000009',
      title: 'Gone',
      createdAt: '2026-03-01T00:00:00Z',
      updatedAt: '2026-03-01T00:00:00Z',
      deletedAt: '2026-03-02T00:00:00Z',
    });
    expect(timeline([...INSIGHTS, deleted]).map((i) => i.id.slice(-1))).toEqual(['2', '1', '3']);
  });
});

describe('InsightList', () => {
  it('shows type, date, sentiment, title, excerpt and follow-up for each insight, newest first', () => {
    render(<InsightList insights={INSIGHTS} today="2026-03-01" />);
    const items = within(screen.getByTestId('insight-list')).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]!.textContent).toBe('CompetitorFeb 20, 2026-1 negativeWürth quoted 8% less');
    expect(items[1]!.textContent).toBe(
      'NeedFeb 10, 2026+1 positiveSecond assembly line plannedPlans a second assembly line in Q3; needs fastening kits for 40 stations.Follow up on Mar 5, 2026',
    );
    expect(items[2]!.textContent).toBe('Workshop noteJan 15, 2026doneWorkshop: torque tools');
  });

  it('flags an open follow-up that is past', () => {
    render(<InsightList insights={INSIGHTS} today="2026-03-08" />);
    const followUp = screen.getByTestId('follow-up');
    expect(followUp.textContent).toBe('Follow-up overdue since Mar 5, 2026');
    expect(followUp.classList.contains('al-neg')).toBe(true);
  });

  it('names the account when asked, and lets the rep open an insight', () => {
    const onSelect = vi.fn();
    const unassigned = insight({
      id: '01JQ0000000000000000000005',
      title: 'Fair contact',
      accountId: null,
      createdAt: '2026-02-01T00:00:00Z',
      updatedAt: '2026-02-01T00:00:00Z',
      visibility: 'private',
    });
    render(
      <InsightList
        insights={[INSIGHTS[0]!, unassigned]}
        today="2026-03-01"
        accountNames={{ 'ACC-1001': 'Müller Maschinenbau GmbH' }}
        onSelect={onSelect}
      />,
    );
    expect(screen.getAllByTestId('account').map((a) => a.textContent)).toEqual([
      'Müller Maschinenbau GmbH',
      'Unassigned',
    ]);
    expect(screen.getByText('Only me')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Fair contact' }));
    expect(onSelect).toHaveBeenCalledWith(unassigned);
  });

  it('says when there is nothing to show', () => {
    render(<InsightList insights={[]} today="2026-03-01" />);
    expect(screen.getByTestId('insight-list-empty').textContent).toBe('No insights yet.');
  });
});

describe('SearchBar', () => {
  it('reports text, type and dates as SearchQuery fields', () => {
    const onChange = vi.fn();
    const { rerender } = render(<SearchBar value={{}} onChange={onChange} />);
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search insights' }), { target: { value: 'line' } });
    expect(onChange).toHaveBeenLastCalledWith({ text: 'line' });
    rerender(<SearchBar value={{ text: 'line' }} onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'competitor' } });
    expect(onChange).toHaveBeenLastCalledWith({ text: 'line', type: ['competitor'] });
    rerender(<SearchBar value={{ text: 'line', type: ['competitor'] }} onChange={onChange} />);
    fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-01-01' } });
    expect(onChange).toHaveBeenLastCalledWith({ text: 'line', type: ['competitor'], from: '2026-01-01' });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({ text: 'line' });
  });

  it('warns about a reversed date range, counts hits and clears all filters', () => {
    const onChange = vi.fn();
    render(<SearchBar value={{ from: '2026-03-01', to: '2026-02-01' }} onChange={onChange} total={1} />);
    expect(screen.getByTestId('search-range-issue').textContent).toBe('The start date is after the end date.');
    expect(screen.getByLabelText('From').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('search-total').textContent).toBe('1 insight');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onChange).toHaveBeenLastCalledWith({});
  });

  it('hides "clear" without filters and counts in the plural', () => {
    render(<SearchBar value={{ text: '  ' }} onChange={vi.fn()} total={12} />);
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
    expect(screen.getByTestId('search-total').textContent).toBe('12 insights');
  });

  it('normaliseFilters drops empty entries', () => {
    expect(normaliseFilters({ text: ' ', type: [], from: '', to: '2026-01-01' })).toEqual({ to: '2026-01-01' });
  });
});
