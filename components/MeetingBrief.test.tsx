import { act, fireEvent, render, screen, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { briefToMarkdown, briefToText } from './brief-format.ts';
import { MeetingBrief } from './MeetingBrief.tsx';
import { ACCOUNT, CONTACTS, INSIGHTS } from '../tests/test-data.ts';

const TODAY = '2026-03-08';

describe('MeetingBrief', () => {
  it('lays out score, outlook, patterns, talking points, gaps, needs, follow-ups, insights and contacts', () => {
    render(<MeetingBrief account={ACCOUNT} insights={INSIGHTS} contacts={CONTACTS} today={TODAY} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Meeting brief: Müller Maschinenbau GmbH');
    expect(screen.getByTestId('brief-subtitle').textContent).toBe('As of Mar 8, 2026 · segment A · value score 74/100');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Value score and why',
      'Outlook',
      'Purchase pattern',
      'Talking points',
      'Cross-sell gaps',
      'Open needs',
      'Follow-ups due',
      'Latest insights',
      'Contacts',
    ]);
    // Only criteria that moved the score, largest first.
    expect(
      within(screen.getByTestId('criteria'))
        .getAllByRole('listitem')
        .map((li) => li.dataset.testid),
    ).toEqual([
      'criterion-revenue12m',
      'criterion-clv',
      'criterion-recency',
      'criterion-frequency',
      'criterion-margin',
      'criterion-regularity',
      'criterion-potential',
      'criterion-trend',
      'criterion-risk',
    ]);
    expect(screen.getByTestId('clv-alive').textContent).toBe('94%');
    expect(within(screen.getByTestId('brief-talking-points')).getAllByRole('listitem')).toHaveLength(4);
    expect(screen.getByTestId('brief-cross-sell').textContent).toBe(
      'Unterlegscheibe M8 BT-1010: in other accounts 62% of orders with Sechskantschraube M8 verzinkt also contain it (lift 2.4)',
    );
    expect(screen.getByTestId('brief-needs').textContent).toBe(
      'Second assembly line planned noted Feb 10, 2026 by anna.berger@example.com',
    );
    const followUp = within(screen.getByTestId('brief-follow-ups')).getByRole('listitem');
    expect(followUp.textContent).toBe('Second assembly line planned Mar 5, 2026 (overdue)');
    expect(followUp.classList.contains('al-neg')).toBe(true);
    expect(within(screen.getByTestId('brief-latest')).getAllByRole('listitem')).toHaveLength(3);
    expect(
      within(screen.getByTestId('brief-contacts'))
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['mailto:einkauf@mueller-maschinenbau.de', 'mailto:k.mueller@mueller-maschinenbau.de']);
  });

  it('keeps its buttons out of print and prints on request', () => {
    const print = vi.fn();
    render(<MeetingBrief account={ACCOUNT} insights={[]} contacts={[]} today={TODAY} print={print} />);
    const print_ = screen.getByRole('button', { name: 'Print' });
    expect(print_.closest('.al-no-print')).not.toBeNull();
    fireEvent.click(print_);
    expect(print).toHaveBeenCalledOnce();
    expect(screen.getByText('No known contacts.')).toBeTruthy();
    expect(screen.getAllByText('Nothing open.')).toHaveLength(2);
  });

  it('copies the brief as Markdown or text in the UI language', async () => {
    fakeBrowser.i18n.getUILanguage = () => 'de';
    const copy = vi.fn(async () => undefined);
    render(<MeetingBrief account={ACCOUNT} insights={INSIGHTS} contacts={CONTACTS} today={TODAY} copy={copy} />);
    fireEvent.click(screen.getByRole('button', { name: 'Als Markdown kopieren' }));
    await act(async () => {});
    expect(copy).toHaveBeenLastCalledWith(
      briefToMarkdown(ACCOUNT, INSIGHTS, CONTACTS, 'de', { today: TODAY, currency: 'EUR' }),
    );
    expect(screen.getByTestId('brief-copy-status').textContent).toBe('Kopiert');
    fireEvent.click(screen.getByRole('button', { name: 'Als Text kopieren' }));
    await act(async () => {});
    expect(copy).toHaveBeenLastCalledWith(
      briefToText(ACCOUNT, INSIGHTS, CONTACTS, 'de', { today: TODAY, currency: 'EUR' }),
    );
  });

  it('says when copying failed', async () => {
    const copy = vi.fn(async () => {
      throw new Error('Document is not focused.');
    });
    render(<MeetingBrief account={ACCOUNT} insights={INSIGHTS} contacts={CONTACTS} today={TODAY} copy={copy} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy as text' }));
    await act(async () => {});
    expect(screen.getByTestId('brief-copy-status').textContent).toBe('Could not copy: Document is not focused.');
  });
});
