import { act, fireEvent, render, screen, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_DEBOUNCE_MS, InsightForm, type InsightFormProps } from './InsightForm.tsx';

const ACCOUNTS = [
  { id: 'ACC-1001', name: 'Müller Maschinenbau GmbH' },
  { id: 'ACC-2002', name: 'Müller Logistik KG' },
];
const PRODUCTS = [
  { sku: 'BT-1002', name: 'Sechskantschraube M8' },
  { sku: 'BT-1010', name: 'Unterlegscheibe M8' },
];

function renderForm(overrides: Partial<InsightFormProps> = {}) {
  const props: InsightFormProps = {
    accounts: ACCOUNTS,
    productSuggestions: PRODUCTS,
    initial: { accountId: 'ACC-1001' },
    onSubmit: vi.fn(async () => undefined),
    ...overrides,
  };
  render(<InsightForm {...props} />);
  return props;
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
/** Resolves the submit's promise and the state updates after it. */
const settle = () => act(async () => {});

afterEach(() => {
  vi.useRealTimers();
});

describe('InsightForm', () => {
  it('offers every insight type as a chip, "Need" first and chosen', () => {
    renderForm();
    const chips = within(screen.getByTestId('type-chips')).getAllByRole('radio');
    expect(chips).toHaveLength(12);
    expect(chips.map((c) => c.closest('label')?.textContent)).toEqual([
      'Need',
      'Pain point',
      'Competitor',
      'Budget',
      'Decision maker',
      'Expansion',
      'Risk',
      'Referral',
      'Complaint',
      'Workshop note',
      'Outcome',
      'Other',
    ]);
    expect((chips[0] as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('form', { name: 'New insight' })).toBeTruthy();
  });

  it('refuses to save without a title and says why next to the field', async () => {
    const props = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(props.onSubmit).not.toHaveBeenCalled();
    const title = screen.getByLabelText('Title');
    expect(screen.getByTestId('issue-title').textContent).toBe('Give the insight a title.');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(title.getAttribute('aria-describedby')).toBe(screen.getByTestId('issue-title').id);
    expect(document.activeElement).toBe(title);
  });

  it('asks what happened for an outcome, and saves it done with the choice', async () => {
    const props = renderForm();
    expect(screen.queryByTestId('outcome-choices')).toBeNull();
    fireEvent.click(screen.getByLabelText('Outcome'));
    const choices = screen.getByTestId('outcome-choices');
    expect(
      within(choices)
        .getAllByRole('radio')
        .map((r) => r.closest('label')?.textContent),
    ).toEqual(['Order', 'Next step agreed', 'No interest']);
    expect(choices.textContent).toContain('The talking points you marked “used” for this account count as used.');
    type('Title', 'Framework agreement signed');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(props.onSubmit).not.toHaveBeenCalled();
    expect(screen.getByTestId('issue-outcome').textContent).toBe('Choose an outcome first.');
    expect(document.activeElement).toBe(screen.getByTestId('form-outcome-order'));

    fireEvent.click(screen.getByTestId('form-outcome-next-step'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(props.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'outcome', outcome: 'next-step', status: 'done', accountId: 'ACC-1001' }),
    );
    expect(vi.mocked(props.onSubmit).mock.calls[0]![0]).not.toHaveProperty('talkingPoints');
  });

  it('says nothing about an empty title when the rep leaves it, so the form does not move under the pointer', async () => {
    renderForm();
    const title = screen.getByLabelText('Title');
    fireEvent.focus(title);
    fireEvent.blur(title);
    fireEvent.click(screen.getByLabelText('Only me'));
    await settle();
    expect(screen.queryByTestId('issue-title')).toBeNull();
    expect((screen.getByLabelText('Only me') as HTMLInputElement).checked).toBe(true);
  });

  it('says a limit is exceeded while typing, with a counter near the limit', () => {
    renderForm();
    expect(screen.queryByTestId('issue-title')).toBeNull();
    type('Title', 'x'.repeat(170));
    expect(screen.getByText('170/200')).toBeTruthy();
    expect(screen.queryByTestId('issue-title')).toBeNull();
    type('Title', 'x'.repeat(205));
    expect(screen.getByTestId('issue-title').textContent).toBe('At most 200 characters (now 205).');
  });

  it('flags an invalid follow-up date from a draft and does not save it', async () => {
    const props = renderForm({ initial: { accountId: 'ACC-1001', fields: { title: 'T', followUpAt: '31.12.2026' } } });
    expect(screen.getByTestId('issue-followUpAt').textContent).toBe('Enter a valid date.');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(props.onSubmit).not.toHaveBeenCalled();
  });

  it('hands every field to onSubmit, says "Saved" and empties the form but keeps the account', async () => {
    const props = renderForm({ source: { kind: 'overlay', url: 'https://crm.example.com/1' } });
    fireEvent.click(screen.getByLabelText('Competitor'));
    type('Title', 'Würth quoted 8% less');
    type('Details', 'Valid until April.');
    fireEvent.click(screen.getByRole('radio', { name: 'positive' }));
    type('Products (SKUs, comma-separated)', 'unter');
    fireEvent.click(
      within(screen.getByTestId('product-suggestions')).getByRole('button', { name: 'Unterlegscheibe M8 BT-1010' }),
    );
    expect((screen.getByLabelText('Products (SKUs, comma-separated)') as HTMLInputElement).value).toBe('BT-1010, ');
    type('Follow up on', '2026-04-01');
    type('Tags (comma-separated)', 'pricing, q2');
    fireEvent.click(screen.getByLabelText('Only me'));
    fireEvent.submit(screen.getByRole('form'));
    await settle();
    expect(props.onSubmit).toHaveBeenCalledWith({
      accountId: 'ACC-1001',
      type: 'competitor',
      title: 'Würth quoted 8% less',
      body: 'Valid until April.',
      sentiment: 1,
      products: ['BT-1010'],
      tags: ['pricing', 'q2'],
      followUpAt: '2026-04-01',
      visibility: 'private',
      source: { kind: 'overlay', url: 'https://crm.example.com/1' },
    });
    expect(screen.getByTestId('form-status').textContent).toBe('Saved');
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Account') as HTMLSelectElement).value).toBe('ACC-1001');
    expect((screen.getByLabelText('Need') as HTMLInputElement).checked).toBe(true);
  });

  it('makes every field read-only while saving, so nothing typed meanwhile is lost when the form empties', async () => {
    let finish: () => void = () => {};
    renderForm({ onSubmit: vi.fn(() => new Promise<undefined>((resolve) => (finish = () => resolve(undefined)))) });
    type('Title', 'Second press');
    fireEvent.submit(screen.getByRole('form'));
    await settle();
    for (const label of ['Title', 'Details', 'Account', 'Tags (comma-separated)', 'Competitor']) {
      // A disabled fieldset disables every control in it (happy-dom does not compute :disabled through it).
      expect(screen.getByLabelText(label).closest('fieldset[disabled]'), label).not.toBeNull();
    }
    finish();
    await settle();
    expect(screen.getByTestId('form-status').textContent).toBe('Saved');
    expect(screen.getByLabelText('Title').closest('fieldset[disabled]')).toBeNull();
  });

  it('keeps the fields and shows the error when saving fails', async () => {
    const onSubmit = vi.fn(async () => {
      throw new Error('saveInsight: accountId ACC-9 is not in the imported snapshot');
    });
    renderForm({ onSubmit });
    type('Title', 'Lost?');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(screen.getByTestId('form-status').textContent).toBe(
      'Not saved: saveInsight: accountId ACC-9 is not in the imported snapshot',
    );
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Lost?');
  });

  it('can leave the insight unassigned', async () => {
    const props = renderForm();
    type('Title', 'Heard at the fair');
    fireEvent.change(screen.getByLabelText('Account'), { target: { value: '' } });
    fireEvent.keyDown(screen.getByLabelText('Title'), { key: 'Enter', ctrlKey: true });
    await settle();
    expect(vi.mocked(props.onSubmit).mock.calls[0]![0].accountId).toBeNull();
  });

  it('lists a prefilled account that is not among the choices', () => {
    renderForm({ initial: { accountId: 'ACC-77' } });
    const select = screen.getByLabelText('Account') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'Unassigned'],
      ['ACC-77', 'ACC-77'],
      ['ACC-1001', 'Müller Maschinenbau GmbH'],
      ['ACC-2002', 'Müller Logistik KG'],
    ]);
    expect(select.value).toBe('ACC-77');
  });

  it('edits an insight: prefilled, saved with its id and rev', async () => {
    const props = renderForm({
      initial: {
        insightId: '01JQ0000000000000000000001',
        rev: 2,
        accountId: 'ACC-1001',
        fields: {
          type: 'budget',
          title: 'Budget approved',
          sentiment: 2,
          products: ['BT-1002'],
          tags: ['q3'],
          visibility: 'private',
        },
      },
    });
    expect(screen.getByRole('form', { name: 'Edit insight' })).toBeTruthy();
    expect((screen.getByLabelText('Budget') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'very positive' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await settle();
    expect(vi.mocked(props.onSubmit).mock.calls[0]![0]).toMatchObject({
      id: '01JQ0000000000000000000001',
      rev: 2,
      type: 'budget',
      title: 'Budget approved',
      sentiment: 2,
      products: ['BT-1002'],
      tags: ['q3'],
      visibility: 'private',
    });
  });

  it('hands the draft to onChange 300 ms after the last change, not on mount', async () => {
    vi.useFakeTimers();
    const onChange = vi.fn();
    renderForm({ onChange });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(onChange).not.toHaveBeenCalled();
    type('Title', 'Ha');
    type('Title', 'Half a thought');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS - 1);
    });
    expect(onChange).not.toHaveBeenCalled();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(onChange.mock.calls).toEqual([
      [
        {
          insightId: null,
          accountId: 'ACC-1001',
          fields: {
            type: 'need',
            title: 'Half a thought',
            body: '',
            sentiment: 0,
            products: [],
            tags: [],
            followUpAt: null,
            visibility: 'team',
          },
        },
      ],
    ]);
  });

  it('does not autosave what is being submitted, even when the save takes longer than the autosave pause', async () => {
    vi.useFakeTimers();
    const onChange = vi.fn();
    let finishSave: () => void = () => {};
    const onSubmit = vi.fn(() => new Promise<void>((resolve) => (finishSave = resolve)));
    renderForm({ onChange, onSubmit });
    type('Title', 'Submitted right after typing');
    fireEvent.submit(screen.getByRole('form'));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DEBOUNCE_MS * 3); // the save is still under way
    });
    finishSave();
    await settle();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('in workshop mode saves and starts the next note, keeping account, type and tags', async () => {
    const props = renderForm({ mode: 'workshop' });
    fireEvent.click(screen.getByLabelText('Workshop note'));
    type('Tags (comma-separated)', 'workshop-2026-03');
    type('Title', 'Wants kitting');
    fireEvent.click(screen.getByRole('button', { name: 'Save and next' }));
    await settle();
    expect(screen.getByTestId('form-status').textContent).toBe('Saved (1 in this session)');
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(screen.getByLabelText('Title'));
    type('Title', 'Asks for VMI');
    expect(screen.getByTestId('form-status').textContent).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Save and next' }));
    await settle();
    expect(screen.getByTestId('form-status').textContent).toBe('Saved (2 in this session)');
    const second = vi.mocked(props.onSubmit).mock.calls[1]![0];
    expect([second.title, second.type, second.tags, second.accountId]).toEqual([
      'Asks for VMI',
      'workshop-note',
      ['workshop-2026-03'],
      'ACC-1001',
    ]);
  });

  it('speaks German when the UI does', () => {
    fakeBrowser.i18n.getUILanguage = () => 'de';
    renderForm({ mode: 'workshop', onCancel: vi.fn() });
    expect(screen.getByLabelText('Titel')).toBeTruthy();
    expect(screen.getByLabelText('Wiedervorlage am')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Speichern und weiter' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Abbrechen' })).toBeTruthy();
    expect(screen.getByLabelText('Reklamation')).toBeTruthy();
  });
});
