/** Hosts of Outlook on the web: work/school (Microsoft 365) and personal accounts. */
const OUTLOOK_HOSTS = new Set(['outlook.office.com', 'outlook.office365.com', 'outlook.live.com']);

export function isOutlookHost(url: URL): boolean {
  return OUTLOOK_HOSTS.has(url.hostname);
}

/** The item id after `/id/`, `/item/` or `/deeplink/read/` in an Outlook path (URL-decoded), or null. */
export function outlookItemId(url: URL): string | null {
  const match = /\/(?:id|item|deeplink\/read)\/([^/?#]+)/.exec(url.pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
