/** Relative times as CLDR words them through Intl.RelativeTimeFormat with numeric: 'auto' ("2 hours ago", "now"). */
import { fireEvent, render, screen } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { relativeTime, SyncStatus, type SyncStatusProps } from './SyncStatus.tsx';

const NOW = new Date('2026-03-08T12:00:00Z');

function renderStatus(overrides: Partial<SyncStatusProps> = {}) {
  const props: SyncStatusProps = {
    lastSyncAt: '2026-03-08T11:18:00Z',
    pending: 0,
    syncing: false,
    error: null,
    rejections: [],
    hubConfigured: true,
    onSyncNow: vi.fn(),
    now: NOW,
    ...overrides,
  };
  render(<SyncStatus {...props} />);
  return props;
}

describe('relativeTime', () => {
  it('words the distance to now in the largest fitting unit', () => {
    expect(relativeTime('2026-03-08T11:59:30Z', NOW, 'en')).toBe('now');
    expect(relativeTime('2026-03-08T11:18:00Z', NOW, 'en')).toBe('42 minutes ago');
    expect(relativeTime('2026-03-08T10:00:00Z', NOW, 'en')).toBe('2 hours ago');
    expect(relativeTime('2026-03-07T12:00:00Z', NOW, 'en')).toBe('yesterday');
    expect(relativeTime('2026-03-08T11:18:00Z', NOW, 'de')).toBe('vor 42 Minuten');
  });

  it('gives the date and time beyond a week', () => {
    expect(relativeTime('2026-02-20T09:05:00Z', NOW, 'en')).toMatch(/^Feb 20, 2026, \d{1,2}:05\s?[AP]M$/);
  });
});

describe('SyncStatus', () => {
  it('says when it last synced and that nothing waits', () => {
    renderStatus();
    expect(screen.getByTestId('sync-last').textContent).toBe('Last synced 42 minutes ago');
    expect(screen.getByTestId('sync-pending').textContent).toBe('Everything is sent.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('counts queued changes, shows the last error and syncs on request', () => {
    const props = renderStatus({ pending: 3, error: 'Hub unreachable (502)' });
    expect(screen.getByTestId('sync-pending').textContent).toBe('3 changes waiting to be sent');
    expect(screen.getByRole('alert').textContent).toBe('Last attempt failed: Hub unreachable (502)');
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(props.onSyncNow).toHaveBeenCalledOnce();
  });

  it('disables the button while syncing', () => {
    renderStatus({ pending: 1, syncing: true });
    expect(screen.getByTestId('sync-pending').textContent).toBe('1 change waiting to be sent');
    const button = screen.getByRole('button', { name: 'Syncing…' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
  });

  it('lists rejections with their reasons and lets the rep dismiss them', () => {
    const onDismissRejection = vi.fn();
    renderStatus({
      rejections: [
        {
          mutationId: 7,
          reason: 'accountId ACC-9 is not in the snapshot',
          at: '2026-03-07T16:00:00Z',
          title: 'Würth quoted 8% less',
        },
        { mutationId: 9, reason: 'title: too long (max 200 characters)', at: '2026-03-07T16:00:00Z' },
      ],
      onDismissRejection,
    });
    expect(screen.getByText('Refused by the hub (2)')).toBeTruthy();
    expect(screen.getByTestId('rejection-7').textContent).toBe(
      'Würth quoted 8% less Mar 7, 2026accountId ACC-9 is not in the snapshotDismiss',
    );
    expect(screen.getByTestId('rejection-9').textContent).toContain('Change #9');
    fireEvent.click(screen.getByTestId('dismiss-9'));
    expect(onDismissRejection).toHaveBeenCalledWith(9);
  });

  it('says when there is no hub or no sync yet', () => {
    renderStatus({ hubConfigured: false });
    expect(screen.getByTestId('sync-last').textContent).toBe('No hub set up: insights stay on this device.');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('speaks German when the UI does', () => {
    fakeBrowser.i18n.getUILanguage = () => 'de';
    renderStatus({ lastSyncAt: null, pending: 2 });
    expect(screen.getByTestId('sync-last').textContent).toBe('Noch nicht synchronisiert.');
    expect(screen.getByTestId('sync-pending').textContent).toBe('2 Änderungen warten auf Übertragung');
    expect(screen.getByRole('button', { name: 'Jetzt synchronisieren' })).toBeTruthy();
  });
});
