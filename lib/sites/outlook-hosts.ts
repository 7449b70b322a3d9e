import { onBuiltInSite } from '../site-hosts.ts';

/** Outlook on the web: work/school (Microsoft 365) and personal accounts, the hosts lib/site-hosts.ts lists. */
export function isOutlookHost(url: URL): boolean {
  return onBuiltInSite('outlook', url);
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
