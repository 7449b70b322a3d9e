/**
 * The built-in sites a rep can enable, with the host patterns each needs. The extension installs with none of them
 * (optional_host_permissions); the options page requests a site's patterns at runtime and the background then
 * registers the overlay content script for exactly the granted patterns.
 */
export const BUILT_IN_SITES = [
  { id: 'salesforce', label: 'Salesforce Lightning', patterns: ['https://*.lightning.force.com/*'] },
  { id: 'hubspot', label: 'HubSpot', patterns: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'] },
  { id: 'dynamics', label: 'Dynamics 365', patterns: ['https://*.dynamics.com/*'] },
  { id: 'pipedrive', label: 'Pipedrive', patterns: ['https://*.pipedrive.com/*'] },
  {
    id: 'zoho',
    label: 'Zoho CRM',
    patterns: ['https://crm.zoho.com/*', 'https://crm.zoho.eu/*', 'https://crm.zoho.in/*', 'https://crm.zoho.com.au/*'],
  },
  { id: 'gmail', label: 'Gmail', patterns: ['https://mail.google.com/*'] },
  {
    id: 'outlook',
    label: 'Outlook on the web',
    patterns: ['https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
  },
  { id: 'google-calendar', label: 'Google Calendar', patterns: ['https://calendar.google.com/*'] },
] as const;

export type BuiltInSiteId = (typeof BUILT_IN_SITES)[number]['id'];

/**
 * Whether `url` is on a host a built-in site asks permission for: the one list the adapters' own host checks use
 * too, so an adapter never claims a site the extension cannot be granted. Match-pattern rules: the scheme must
 * agree, `*.example.com` is example.com or any subdomain of it, any other host must be equal.
 */
export function onBuiltInSite(id: BuiltInSiteId, url: URL): boolean {
  const site = BUILT_IN_SITES.find((s) => s.id === id);
  return !!site && site.patterns.some((pattern) => patternMatchesHost(pattern, url));
}

function patternMatchesHost(pattern: string, url: URL): boolean {
  const parsed = /^(https?):\/\/([^/]+)\//.exec(pattern);
  if (!parsed?.[1] || !parsed[2] || url.protocol !== `${parsed[1]}:`) return false;
  const host = parsed[2];
  if (!host.startsWith('*.')) return url.hostname === host;
  const base = host.slice(2);
  return url.hostname === base || url.hostname.endsWith(`.${base}`);
}

/**
 * A match pattern for one origin the rep typed (`https://crm.example.com` or `crm.example.com`), for the generic
 * and user-defined adapters.
 * @throws {Error} when the text is not an http(s) origin
 */
export function originPattern(text: string): string {
  const trimmed = text.trim();
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`originPattern: "${text}" is not a web address`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`originPattern: "${text}" is not http(s)`);
  if (url.hostname.startsWith('*.')) return `${url.protocol}//${url.hostname}/*`;
  return `${url.protocol}//${url.hostname}/*`;
}
