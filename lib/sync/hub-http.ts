/**
 * Talking to the hub over HTTP: the hub's address as the rep typed it, one request helper that turns every way a
 * request can fail (no network, hub down, timeout, 4xx/5xx with the hub's `{error}` sentence, an answer that is not
 * the protocol's) into a HubError, and `whoAmI` for the connect check. Only the background calls these.
 */
import { z } from 'zod';
import { ErrorResponseSchema } from './protocol.ts';

export interface HubConnection {
  /** Origin plus optional base path, no trailing slash: `https://hub.example.com`. */
  url: string;
  /** The rep's API token (`al_…`), sent as a bearer token. */
  token: string;
}

/** A failed hub request. `status` 0 means no answer at all (offline, refused, timed out). */
export class HubError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** From a 429's Retry-After header, in ms. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The hub URL as typed, checked and trimmed: https, or http on this machine only (a token must not cross the
 * network in clear text). Query and fragment are dropped, a trailing slash too.
 * @throws {Error} naming the input when it is not such a URL
 * @example normaliseHubUrl(' https://hub.example.com/team/ ') // => 'https://hub.example.com/team'
 */
export function normaliseHubUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error(`normaliseHubUrl: "${input}" is not a URL`);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  if (!secure) throw new Error(`normaliseHubUrl: "${input}" must use https (http only for localhost)`);
  if (url.username || url.password) throw new Error(`normaliseHubUrl: "${input}" must not contain credentials`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The origin pattern to request as an optional host permission, e.g. `https://hub.example.com/*`. */
export function hubOriginPattern(url: string): string {
  return `${new URL(url).origin}/*`;
}

export interface RequestOptions {
  fetch?: typeof fetch;
  /** Give up after this many ms (default 30 s). */
  timeoutMs?: number;
}

/**
 * Sends one request to the hub and validates the JSON answer with `schema`.
 * @throws {HubError} status 0 without an answer, the HTTP status with the hub's error sentence otherwise, or
 * status 200 when the answer does not match `schema`
 */
export async function hubRequest<T extends z.ZodType>(
  hub: HubConnection,
  path: string,
  schema: T,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
  options: RequestOptions = {},
): Promise<z.infer<T>> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const where = `${init.method ?? 'GET'} ${path}`;
  let response: Response;
  try {
    response = await doFetch(`${hub.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${hub.token}`,
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    const why = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : (error as Error).message;
    throw new HubError(`hub not reachable (${where}: ${why})`, 0);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const said = ErrorResponseSchema.safeParse(body);
    const text = said.success ? said.data.error : response.statusText || 'no details';
    const retry = Number(response.headers.get('Retry-After'));
    throw new HubError(
      `hub answered ${response.status} to ${where}: ${text}`,
      response.status,
      response.status === 429 && retry > 0 ? retry * 1000 : null,
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const at = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'not JSON';
    throw new HubError(`hub's answer to ${where} is not what this version expects (${at})`, response.status);
  }
  return parsed.data;
}

export const MeSchema = z.object({
  email: z.string(),
  name: z.string(),
  role: z.enum(['rep', 'leader', 'admin']),
  teamId: z.number().nullable(),
});
export type Me = z.infer<typeof MeSchema>;

/** Who the token belongs to (GET /v1/me): the connect check. @throws {HubError} */
export function whoAmI(hub: HubConnection, options: RequestOptions = {}): Promise<Me> {
  return hubRequest(hub, '/v1/me', MeSchema, {}, options);
}
