import { describe, expect, it } from 'vitest';
import { describeKey } from './describe-key.ts';

describe('describeKey', () => {
  it.each([
    [{ kind: 'crm', crm: 'hubspot', id: '9876543210' }, 'HubSpot 9876543210'],
    [{ kind: 'crm', crm: 'dynamics', id: '3f25' }, 'Dynamics 365 3f25'],
    [{ kind: 'crm', crm: 'custom', id: 'K-4711' }, 'CRM K-4711'],
    [{ kind: 'email', email: 'jana.berg@mueller-maschinenbau.de' }, 'jana.berg@mueller-maschinenbau.de'],
    [{ kind: 'domain', domain: 'kraft-logistik.com' }, 'kraft-logistik.com'],
    [{ kind: 'name', name: 'Bäckerei Straßer e.K.' }, 'Bäckerei Straßer e.K.'],
  ] as const)('%j → %s', (key, text) => {
    expect(describeKey(key)).toBe(text);
  });
});
