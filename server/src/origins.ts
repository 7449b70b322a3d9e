/**
 * CORS origins: the extension's pages only. ALLOWED_ORIGINS is a comma-separated list of exact origins or
 * `scheme://*` wildcards; the default admits any Chrome or Firefox extension.
 */
export const DEFAULT_ALLOWED_ORIGINS = 'chrome-extension://*,moz-extension://*';

/**
 * Builds the origin check from an ALLOWED_ORIGINS value.
 * @throws {Error} for an entry that is neither an origin nor a `scheme://*` wildcard
 * @example originMatcher('chrome-extension://abc')('chrome-extension://abc') // => true
 */
export function originMatcher(list: string = DEFAULT_ALLOWED_ORIGINS): (origin: string) => boolean {
  const entries = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const exact = new Set<string>();
  const schemes: string[] = [];
  for (const e of entries) {
    const wildcard = /^([a-z][a-z0-9+.-]*):\/\/\*$/.exec(e);
    if (wildcard) schemes.push(`${wildcard[1]}://`);
    else if (/^[a-z][a-z0-9+.-]*:\/\/[^/*\s]+$/.test(e)) exact.add(e);
    else throw new Error(`originMatcher: "${e}" in ALLOWED_ORIGINS is neither an origin nor scheme://*`);
  }
  return (origin) =>
    exact.has(origin) || schemes.some((s) => origin.startsWith(s) && /^[A-Za-z0-9.-]+$/.test(origin.slice(s.length)));
}
