/**
 * What the content script needs to know before it reads a page: whether the page's host is on the never-show
 * list, and the rep's user-defined adapters, validated here so that the content script bundles no validator.
 */
import type { Request } from '../../lib/message-schemas.ts';
import { customAdapters, neverShowDomains } from '../../lib/settings.ts';
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
