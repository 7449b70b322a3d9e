import type { AccountKey, CrmName } from '../../lib/sites/types.ts';

const CRM_LABELS: Record<CrmName, string> = {
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  dynamics: 'Dynamics 365',
  pipedrive: 'Pipedrive',
  zoho: 'Zoho CRM',
  custom: 'CRM',
  erp: 'ERP',
};

/** A short, human description of what on the page matched: "acme.de", "Salesforce 001…", "Acme GmbH". */
export function describeKey(key: AccountKey): string {
  switch (key.kind) {
    case 'crm':
      return `${CRM_LABELS[key.crm]} ${key.id}`;
    case 'email':
      return key.email;
    case 'domain':
      return key.domain;
    case 'name':
      return key.name;
  }
}
