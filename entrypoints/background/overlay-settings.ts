/**
 * What the content script needs to know before it reads a page: whether the page's host is on the never-show
 * list, and the rep's user-defined adapters, validated here so that the content script bundles no validator.
 */
import type { Browser } from 'wxt/browser';
import type { Placement, Request } from '../../lib/message-schemas.ts';
import { customAdapters, neverShowDomains, overlayPlacements } from '../../lib/settings.ts';
import { CustomAdapterDefinitionSchema, type CustomAdapterDefinition } from '../../lib/sites/custom-definitions.ts';

export function isNeverShown(hostname: string, domains: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return domains.some((d) => {
    const domain = d.trim().toLowerCase();
    return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
  });
}

export interface OverlaySettings {
  neverShown: boolean;
  customAdapters: CustomAdapterDefinition[];
}

export async function overlaySettings({ hostname }: Request<'overlay.settings'>): Promise<OverlaySettings> {
  const [never, definitions] = await Promise.all([neverShowDomains.getValue(), customAdapters.getValue()]);
  if (isNeverShown(hostname, never)) return { neverShown: true, customAdapters: [] };
  const valid = definitions.flatMap((d) => {
    const parsed = CustomAdapterDefinitionSchema.safeParse(d);
    if (!parsed.success) console.warn('AccountLens: skipped an invalid custom adapter', parsed.error.issues);
    return parsed.success ? [parsed.data] : [];
  });
  return { neverShown: false, customAdapters: valid };
}

/** Sites whose card placement is remembered; the oldest are forgotten past this. */
const MAX_PLACEMENTS = 300;

function senderHost(sender: Browser.runtime.MessageSender): string {
  try {
    return new URL(sender.url ?? '').hostname;
  } catch {
    throw new Error('overlay placement: the sender has no page URL');
  }
}

/** Where the rep left the card on the sender's site, or null (the content script then docks it itself). */
export async function placementFor(
  _payload: Request<'overlay.placement'>,
  sender: Browser.runtime.MessageSender,
): Promise<{ placement: Placement | null }> {
  const host = senderHost(sender);
  return { placement: (await overlayPlacements.getValue())[host] ?? null };
}

/** Remembers the card's place for the sender's site (the site comes from the sender, never the payload). */
export async function savePlacement(
  { placement }: Request<'overlay.placement.save'>,
  sender: Browser.runtime.MessageSender,
): Promise<{ saved: boolean }> {
  const host = senderHost(sender);
  const all = { ...(await overlayPlacements.getValue()) };
  delete all[host];
  all[host] = placement;
  const hosts = Object.keys(all);
  for (const old of hosts.slice(0, Math.max(0, hosts.length - MAX_PLACEMENTS))) delete all[old];
  await overlayPlacements.setValue(all);
  return { saved: true };
}
