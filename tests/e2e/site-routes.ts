import { SITE_FIXTURES } from '../fixtures/sites/fixtures.ts';
import { fixtureRoute } from './harness.ts';

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Serves every site fixture at its real origin. Where several fixtures share an origin (Outlook mail and calendar),
 * the one whose URL path shares the longest prefix with the request wins.
 */
export function routeSiteFixtures() {
  const origins = [...new Set(SITE_FIXTURES.map((f) => new URL(f.url).origin))];
  for (const origin of origins) {
    const candidates = SITE_FIXTURES.filter((f) => new URL(f.url).origin === origin);
    fixtureRoute(`${origin}/**`, (url) => {
      const best = candidates.reduce((a, b) =>
        sharedPrefix(new URL(b.url).pathname, url.pathname) > sharedPrefix(new URL(a.url).pathname, url.pathname)
          ? b
          : a,
      );
      return `sites/${best.file}`;
    });
  }
}
