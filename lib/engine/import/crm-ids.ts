/**
 * CRM record ids as the CRMs show them in their URLs, so that the account index matches what a page carries.
 * Salesforce ids are stored in their 18-character, case-safe form; Dynamics ids as lower-case GUIDs.
 */
import type { CrmKey } from '../snapshot.ts';

const SF_SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character form of a 15-character Salesforce id: three check characters that encode which characters are
 * upper case, five at a time, least significant bit first (the CASESAFEID algorithm, described at
 * https://codebycody.com/salesforces-algorithm-for-converting-ids-from-15-to-18-characters). O(1).
 *
 * @throws {Error} if `id` is not 15 alphanumeric characters
 * @example
 * salesforceId18('a0D30000001n7Pi'); // => 'a0D30000001n7PiEAI'
 */
export function salesforceId18(id: string): string {
  if (!/^[a-zA-Z0-9]{15}$/.test(id)) throw new Error(`salesforceId18: "${id}" is not a 15-character Salesforce id`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) flags |= 1 << i;
    }
    suffix += SF_SUFFIX[flags];
  }
  return id + suffix;
}

/**
 * Normalises a CRM id from an export: Salesforce 15 → 18 characters (an 18-character id may have lost its case, as
 * Excel lookups do; its check characters restore it), Dynamics GUIDs lower-cased without braces, HubSpot/Pipedrive/Zoho as digits, a self-hosted CRM's ids as they are (at most 100 characters). Returns undefined for a
 * value that is not an id of that CRM. O(length).
 *
 * @example
 * normaliseCrmId('dynamics', '{6F9619FF-8B86-D011-B42D-00C04FC964FF}'); // => '6f9619ff-8b86-d011-b42d-00c04fc964ff'
 */
export function normaliseCrmId(crm: CrmKey, value: string): string | undefined {
  switch (crm) {
    case 'salesforce':
      if (/^[a-zA-Z0-9]{15}$/.test(value)) return salesforceId18(value);
      if (/^[a-zA-Z0-9]{18}$/.test(value)) return restoreSalesforceCase(value);
      return undefined;
    case 'dynamics': {
      const guid = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/.exec(value);
      return guid?.[1]?.toLowerCase();
    }
    case 'hubspot':
    case 'pipedrive':
    case 'zoho':
      return /^\d{1,20}$/.test(value) ? value : undefined;
    case 'custom':
      return value.length <= 100 && ![...value].some((c) => c.charCodeAt(0) < 32) ? value : undefined;
  }
}

/** The 18-character id with the case of its first 15 characters restored from the check characters. */
function restoreSalesforceCase(id18: string): string | undefined {
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const flags = SF_SUFFIX.indexOf(id18.charAt(15 + chunk).toUpperCase());
    if (flags < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const c = id18.charAt(chunk * 5 + i);
      id15 += flags & (1 << i) ? c.toUpperCase() : c.toLowerCase();
    }
  }
  const restored = salesforceId18(id15);
  return restored.toLowerCase() === id18.toLowerCase() ? restored : undefined;
}
