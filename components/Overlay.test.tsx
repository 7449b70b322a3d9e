import { fireEvent, render, screen, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { describe, expect, it, vi } from 'vitest';
import { badgeContent, Overlay, type OverlayProps, type OverlayState } from './Overlay.tsx';
import { staticTexts } from './static-texts.ts';
import { ACCOUNT, INSIGHTS, OTHER_ACCOUNT } from '../tests/test-data.ts';

const actions = () => ({
  onMark: vi.fn(),
  onLogInsight: vi.fn(),
  onCorrect: vi.fn(),
  onSearch: vi.fn(async () => []),
});

const MATCHED: OverlayState = {
  kind: 'matched',
  views: [{ account: ACCOUNT, confidence: 0.9, insights: INSIGHTS }],
};
const TWO: OverlayState = {
  kind: 'matched',
  views: [
    { account: ACCOUNT, confidence: 0.6, insights: INSIGHTS },
    { account: OTHER_ACCOUNT, confidence: 0.4, insights: [] },
  ],
};

/** The overlay with its collapsed state kept the way the content script keeps it. */
function Harness(
  props: Omit<OverlayProps, 'collapsed' | 'onCollapsedChange'> & {
    startCollapsed?: boolean;
    onToggle?: (c: boolean) => void;
  },
) {
  const [collapsed, setCollapsed] = useState(props.startCollapsed ?? false);
  return (
    <Overlay
      {...props}
      collapsed={collapsed}
      onCollapsedChange={(c) => {
        props.onToggle?.(c);
        setCollapsed(c);
      }}
    />
  );
}

describe('Overlay states', () => {
  it('shows a loading status', () => {
    render(<Harness state={{ kind: 'loading' }} {...actions()} />);
    expect(screen.getByRole('status').textContent).toBe('Looking up the account…');
    expect(screen.getByTestId('overlay-body').getAttribute('aria-busy')).toBe('true');
  });

  it('explains a missing match and lets the rep pick the account', () => {
    const a = actions();
    render(
      <Harness state={{ kind: 'no-match' }} candidates={[{ id: 'ACC-2002', name: 'Müller Logistik KG' }]} {...a} />,
    );
    const box = screen.getByTestId('overlay-no-match');
    expect(box.textContent).toContain('No account found for this page.');
    expect(box.textContent).toContain(
      'Open a customer record or an email from a customer, or pick the account yourself.',
    );
    fireEvent.click(within(box).getByRole('button', { name: 'Pick the account' }));
    fireEvent.click(screen.getByTestId('candidate-ACC-2002'));
    expect(a.onCorrect).toHaveBeenCalledWith('ACC-2002');
  });

  it('shows the caller’s hint instead of the general one', () => {
    render(
      <Harness
        state={{ kind: 'no-match', hint: 'Found k.mueller@example.com, not in the portfolio.' }}
        {...actions()}
      />,
    );
    expect(screen.getByTestId('overlay-no-match').textContent).toContain(
      'Found k.mueller@example.com, not in the portfolio.',
    );
  });

  it('shows an error with its message and a retry', () => {
    const onRetry = vi.fn();
    render(<Harness state={{ kind: 'error', message: 'Background not answering' }} onRetry={onRetry} {...actions()} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('AccountLens could not load this account.Background not answeringTry again');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('reports the start of a drag of its header, where the pointer is; a press without movement is no drag', () => {
    const onDrag = vi.fn();
    render(<Harness state={MATCHED} onDrag={onDrag} {...actions()} />);
    const head = screen.getByTestId('accountlens-overlay').querySelector('header')!;
    fireEvent.pointerDown(head, { button: 0, pointerId: 1, clientX: 50, clientY: 10 });
    fireEvent.pointerMove(head, { pointerId: 1, clientX: 51, clientY: 11 });
    fireEvent.pointerUp(head, { pointerId: 1, clientX: 51, clientY: 11 });
    expect(onDrag).not.toHaveBeenCalled();
    fireEvent.pointerDown(head, { button: 0, pointerId: 2, clientX: 50, clientY: 10 });
    fireEvent.pointerMove(head, { pointerId: 2, clientX: 45, clientY: 12 });
    fireEvent.pointerMove(head, { pointerId: 2, clientX: 30, clientY: 14 });
    expect(onDrag.mock.calls).toEqual([[45, 12]]);
  });

  it('offers the keyboard a way to move it to the other side', () => {
    const onDock = vi.fn();
    render(<Harness state={MATCHED} onDock={onDock} {...actions()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Move AccountLens to the other side' }));
    expect(onDock).toHaveBeenCalledOnce();
  });

  it('says why it shows this account: the adapter, each key with role and source, and what each matched', () => {
    render(
      <Harness
        state={MATCHED}
        explanation={{
          adapter: 'generic',
          keys: [
            {
              key: {
                kind: 'email',
                email: 'jana@mueller-maschinenbau.de',
                role: 'from',
                source: 'mail header',
              } as never,
              matches: [{ accountId: ACCOUNT.id, name: ACCOUNT.name, via: 'domain', confidence: 0.9 }],
            },
            { key: { kind: 'name', name: 'Newsletter' }, matches: [] },
          ],
        }}
        {...actions()}
      />,
    );
    const why = screen.getByTestId('why-this-account');
    expect(why.querySelector('summary')!.textContent).toBe('Why this account?');
    expect(screen.getByTestId('why-adapter').textContent).toBe('Read by the “generic” adapter.');
    const keys = screen.getAllByTestId('why-key').map((li) => li.textContent);
    expect(keys[0]).toBe(
      'Email jana@mueller-maschinenbau.de role: from · from: mail header→ Müller Maschinenbau GmbH (by domain, 90%)',
    );
    expect(keys[1]).toBe('Name Newsletter→ no account');
  });

  it('renders the account card when matched', () => {
    render(<Harness state={MATCHED} {...actions()} />);
    expect(screen.getByRole('complementary', { name: 'AccountLens' })).toBeTruthy();
    expect(screen.getByTestId('account-name').textContent).toBe('Müller Maschinenbau GmbH');
    expect(screen.queryByRole('tablist')).toBeNull();
  });
});

describe('collapsing', () => {
  it('collapses to a badge with segment and score, and expands again', () => {
    const onToggle = vi.fn();
    render(<Harness state={MATCHED} onToggle={onToggle} {...actions()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Collapse AccountLens' }));
    expect(onToggle).toHaveBeenLastCalledWith(true);
    const badge = screen.getByRole('button', { name: 'Open AccountLens for Müller Maschinenbau GmbH' });
    expect(badge.textContent).toBe('A74');
    expect(badge.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByTestId('account-card')).toBeNull();
    expect(document.activeElement).toBe(badge);
    fireEvent.click(badge);
    expect(onToggle).toHaveBeenLastCalledWith(false);
    expect(screen.getByTestId('account-card')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Collapse AccountLens' }));
  });

  it('collapses on Escape from anywhere inside the card', () => {
    render(<Harness state={MATCHED} {...actions()} />);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Log insight' }), { key: 'Escape' });
    expect(screen.getByTestId('overlay-badge')).toBeTruthy();
  });

  it('starts collapsed when the caller says so, without taking focus from the page', () => {
    render(<Harness state={MATCHED} startCollapsed {...actions()} />);
    expect(screen.getByTestId('overlay-badge').textContent).toBe('A74');
    expect(document.activeElement).toBe(document.body);
  });

  it('gives the badge a symbol and a plain label before there is a match', () => {
    const tx = staticTexts('en');
    expect(badgeContent(tx, { kind: 'loading' }, undefined)).toEqual({
      text: '…',
      label: 'Open AccountLens',
      tone: 'al-badge-loading',
    });
    expect(badgeContent(tx, { kind: 'error', message: 'x' }, undefined).text).toBe('!');
    expect(badgeContent(tx, { kind: 'no-match' }, undefined).text).toBe('–');
  });
});

describe('several matches', () => {
  it('switches accounts with tabs and keeps the choice in the badge', () => {
    render(<Harness state={TWO} {...actions()} />);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => [t.textContent, t.getAttribute('aria-selected')])).toEqual([
      ['AMüller Maschinenbau GmbH', 'true'],
      ['CMüller Logistik KG', 'false'],
    ]);
    expect(screen.getByRole('tablist').getAttribute('aria-label')).toBe('2 matching accounts');
    fireEvent.click(tabs[1]!);
    expect(screen.getByTestId('account-name').textContent).toBe('Müller Logistik KG');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tabs[1]!.id);
    fireEvent.click(screen.getByRole('button', { name: 'Collapse AccountLens' }));
    expect(screen.getByTestId('overlay-badge').textContent).toBe('C35');
  });

  it('moves between tabs with the arrow keys, Home and End', () => {
    render(<Harness state={TWO} {...actions()} />);
    const [first, second] = screen.getAllByRole('tab');
    expect([first!.tabIndex, second!.tabIndex]).toEqual([0, -1]);
    fireEvent.keyDown(first!, { key: 'ArrowRight' });
    expect(screen.getByTestId('account-name').textContent).toBe('Müller Logistik KG');
    expect(document.activeElement).toBe(screen.getAllByRole('tab')[1]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(screen.getByTestId('account-name').textContent).toBe('Müller Maschinenbau GmbH');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(screen.getByTestId('account-name').textContent).toBe('Müller Logistik KG');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(screen.getByTestId('account-name').textContent).toBe('Müller Maschinenbau GmbH');
  });
});
