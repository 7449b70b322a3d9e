import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { pendingCapture } from '../../lib/pending-capture.ts';
import { storeSnapshot } from '../../lib/store/index.ts';
import { account, snapshotOf } from '../../tests/store-fixtures.ts';
import { App } from './App.tsx';
import { pageDb } from '../../lib/store/page-db.ts';

describe('the side panel', () => {
  it('picks up a snapshot imported while it is open, and a capture for one of its accounts afterwards', async () => {
    render(<App />);
    await screen.findByText(/No account data yet/);

    // An import elsewhere (the options page's worker) stores a snapshot and announces it.
    await storeSnapshot(
      await pageDb(),
      snapshotOf([account('K-5120', 'Alpenglanz Hotels GmbH')]),
      {},
      {
        source: 'options',
      },
    );
    await waitFor(() => expect(screen.queryByText(/No account data yet/)).toBeNull());

    // "Log insight" on the overlay for that account: the form starts with it, not "not in the imported data".
    await pendingCapture.setValue({ at: new Date().toISOString(), source: 'overlay', accountId: 'K-5120' });
    await waitFor(() => expect((screen.getByTestId('field-account') as HTMLSelectElement).value).toBe('K-5120'));
    expect(screen.queryByTestId('unknown-account')).toBeNull();
  });
});
