import type { AccountKey } from '../../lib/sites/types.ts';

/** A short, human description of what on the page matched: "acme.de", "Salesforce 001…", "Acme GmbH". */
export function describeKey(key: AccountKey): string {
  switch (key.kind) {
    case 'crm':
      return `${key.crm === 'custom' ? 'CRM' : key.crm[0]!.toUpperCase() + key.crm.slice(1)} ${key.id}`;
    case 'email':
      return key.email;
    case 'domain':
      return key.domain;
    case 'name':
      return key.name;
  }
}
