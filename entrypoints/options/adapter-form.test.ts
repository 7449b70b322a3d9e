import { describe, expect, it } from 'vitest';
import { checkDraft, EMPTY_DRAFT } from './adapter-form.ts';

const hansen = { ...EMPTY_DRAFT, name: 'Hansen CRM', urlPattern: 'https://crm.hansen.example/accounts/{id}' };

describe('checkDraft', () => {
  it('builds a definition with an id from the name, leaving out empty selectors', () => {
    expect(checkDraft({ ...hansen, nameSelector: ' h1.name ' }, [], null)).toEqual({
      ok: true,
      definition: {
        id: 'hansen-crm',
        name: 'Hansen CRM',
        urlPattern: 'https://crm.hansen.example/accounts/{id}',
        nameSelector: 'h1.name',
      },
    });
  });
  it('keeps the id of the definition being edited and avoids the ids of others', () => {
    const other = { id: 'hansen-crm', name: 'Old', urlPattern: 'https://old.example/{id}' };
    expect(checkDraft(hansen, [other], null)).toMatchObject({ ok: true, definition: { id: 'hansen-crm-2' } });
    expect(checkDraft(hansen, [], 'kept-id')).toMatchObject({ ok: true, definition: { id: 'kept-id' } });
  });
  it('puts each problem at its field, in the UI language', () => {
    expect(checkDraft({ ...EMPTY_DRAFT, urlPattern: 'crm.example.com', emailSelector: 'a[' }, [], null)).toEqual({
      ok: false,
      errors: {
        name: 'Enter a name of up to 80 characters.',
        urlPattern: 'Start with http://, https:// or *:// and a host, with {id} at most once.',
        emailSelector: 'This is not a valid CSS selector.',
      },
    });
  });
  it('asks for {id} or a selector when the pattern finds no account', () => {
    expect(checkDraft({ ...hansen, urlPattern: 'https://crm.hansen.example/accounts/*' }, [], null)).toEqual({
      ok: false,
      errors: { urlPattern: 'Use {id} in the pattern or fill in at least one selector.' },
    });
  });
});
