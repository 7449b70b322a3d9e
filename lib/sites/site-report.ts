/**
 * "This page is wrong" (issue 16): what a rep sends about a page the extension read badly. It carries what the
 * extension did, never what the page says: the adapter, the extension's version, the kinds of keys it read with
 * their roles and where they came from, whether an account matched, the page's origin and a path pattern (digits
 * and long ids replaced by `*`, no query string, no hash), and the adapter's selector health (hooks that stopped
 * matching). No key values, no page text, no note text.
 */
import * as z from 'zod/mini';

const short = (max: number) => z.string('must be text').check(z.minLength(1, 'must not be empty'), z.maxLength(max));

export const SiteReportSchema = z.object(
  {
    id: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -')),
    adapter: short(80),
    extensionVersion: short(40),
    origin: z.string().check(z.regex(/^https?:\/\/[^/?#]+$/, 'must be an origin such as https://crm.example.com')),
    pathPattern: z
      .string()
      .check(z.regex(/^\/[^?#]*$/, 'must be a path starting with / without query or hash'), z.maxLength(300)),
    keys: z.array(
      z.object({
        kind: z.enum(['crm', 'email', 'domain', 'name']),
        role: z.optional(short(40)),
        source: z.optional(short(120)),
      }),
    ),
    matched: z.enum(['account', 'candidates', 'none']),
    /** Hooks of the adapter that stopped matching (selector health), with how often it was seen locally. */
    brokenHooks: z.optional(
      z.array(z.object({ selector: short(300), expected: z.number(), found: z.number(), seen: z.number() })),
    ),
    reportedAt: z.string().check(z.iso.datetime({ offset: true })),
  },
  'must be an object',
);
export type SiteReport = z.infer<typeof SiteReportSchema>;

export const SiteReportBatchSchema = z.object({ reports: z.array(SiteReportSchema).check(z.maxLength(100)) });

/**
 * The path pattern of a URL: segments with a digit, or longer than 24 characters, become `*`
 * (`/accounts/0015g00000ABCdE/view` → `/accounts/*\/view`); the query and hash are dropped.
 */
export function pathPattern(url: URL): string {
  return url.pathname
    .split('/')
    .map((segment) => (/\d/.test(segment) || segment.length > 24 ? '*' : segment))
    .join('/');
}
