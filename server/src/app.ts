/**
 * The hub's HTTP surface (Hono): health, the sync API, review and admin routes under /v1, and the review page.
 * Cross-cutting rules live here: CORS for the extension's origins only, body size limits, bearer-token
 * authentication, a rate limit per token, zod validation of every body and query, and errors as `{error}` JSON
 * that never carry other users' data.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { z } from 'zod';
import { PROTOCOL_VERSION, textIssue } from '../../lib/sync/protocol.ts';
import type { Database } from './db/database.ts';
import { HttpError } from './http-error.ts';
import { originMatcher } from './origins.ts';
import { createRateLimiter } from './rate-limit.ts';
import { adminRoutes } from './routes/admin.ts';
import { reviewRoutes } from './routes/review.ts';
import { syncRoutes } from './routes/sync.ts';
import { siteRoutes } from './routes/sites.ts';
import { reviewPage } from './review-page/page.ts';
import { sitesPage } from './review-page/sites-page.ts';
import { createChangeLog, type ChangeLog } from './change-log.ts';
import { createRescorer, type Rescorer } from './rescorer.ts';
import { createScoring, type ScoringEngine } from './scoring.ts';
import { authenticate, hashToken, type Principal } from './users.ts';

export const HUB_VERSION = '0.1.0';

export interface HubOptions {
  db: Database;
  engine: ScoringEngine;
  /** ALLOWED_ORIGINS syntax (see origins.ts); default: any chrome-extension:// and moz-extension:// origin. */
  allowedOrigins?: string | undefined;
  /** Requests per minute and token (default 1200, bursts of a sixth of that). */
  rateLimitPerMinute?: number | undefined;
  /** Largest JSON body for sync and review routes in bytes (default 4 MiB). */
  maxBodyBytes?: number | undefined;
  /** Largest dataset upload in bytes (default 64 MiB). */
  maxDatasetBytes?: number | undefined;
  /** How long a checked token is trusted without asking the database again (default 10 s; 0 turns it off). */
  authCacheMs?: number | undefined;
  /**
   * Least time between two re-scoring runs (default 10 ms): under load one run then covers several pushes
   * instead of one (each run is a transaction of its own); a pull waits at most this much longer.
   */
  rescoreGapMs?: number | undefined;
  /** Backoff for accounts the engine failed to re-score (default: RESCORE_RETRY, 30 s doubling up to an hour). */
  rescoreRetry?: { firstMs: number; maxMs: number } | undefined;
}

export type HubEnv = { Variables: { principal: Principal; requestId: string } };

export interface Hub {
  app: Hono<HubEnv>;
  /** Re-scoring after pushes (see rescorer.ts); `stop()` it before closing the database. */
  rescorer: Rescorer;
  /** The hub's write path and in-memory pulls (see change-log.ts). */
  log: ChangeLog;
  /** Drops the cached token checks, so a token revoked in this process stops working at once. */
  forgetTokens: () => void;
}

export function createHub(options: HubOptions): Hub {
  const { db } = options;
  // Recent changes in memory (PGlite only): most pulls then cost no query.
  const log = createChangeLog(db);
  const scoring = createScoring(db, options.engine, log, options.rescoreRetry);
  // Accounts the engine failed on are tried again when their retry is due (scoring.ts recordFailure).
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const drain = async (started: () => void) => {
    const result = await scoring.drainQueue(started);
    const at = scoring.nextRetryAt();
    clearTimeout(retryTimer);
    if (at !== null) retryTimer = setTimeout(() => rescorer.kick(), Math.max(0, at - Date.now()) + 5).unref();
    return result;
  };
  const loop = createRescorer(drain, options.rescoreGapMs ?? 10);
  const rescorer: Rescorer = {
    ...loop,
    stop: () => {
      clearTimeout(retryTimer);
      return loop.stop();
    },
  };
  rescorer.kick(); // accounts left queued by a hub that stopped before re-scoring them
  const allowed = originMatcher(options.allowedOrigins);
  const limiter = createRateLimiter(options.rateLimitPerMinute ?? 1200);
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const maxDataset = options.maxDatasetBytes ?? 64 * 1024 * 1024;

  const tokens = cachedAuthentication(db, options.authCacheMs ?? 10_000);

  const app = new Hono<HubEnv>();
  app.onError((error, c) => {
    if (error instanceof HttpError)
      return c.json({ error: error.message, ...(error.issues ? { issues: error.issues } : {}) }, error.status);
    if (error instanceof z.ZodError) return c.json({ error: 'invalid request', issues: zodIssues(error) }, 400);
    const id = c.get('requestId') ?? 'unknown';
    console.error(`hub: request ${id} (${c.req.method} ${c.req.path}) failed: ${describeError(error)}`);
    return c.json({ error: `internal error (request ${id})` }, 500);
  });
  app.use('*', async (c, next) => {
    const id = randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    return next();
  });
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));

  const preflight = cors({
    origin: (origin) => (allowed(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  });
  // Other requests get the headers hono/cors would add, but before the handler: added afterwards (its Vary), they
  // make the node adapter rebuild the finished response as a stream (~8 % of the hub's CPU under load).
  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('Origin') ?? '';
    if (allowed(origin)) c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', 'Retry-After');
    c.header('Vary', 'Origin', { append: true });
    return next();
  });
  app.use('/v1/*', async (c, next) => {
    const limit = c.req.path === '/v1/admin/dataset' ? maxDataset : maxBody;
    return bodyLimit({
      maxSize: limit,
      // The body is left unread: the connection cannot carry another request, and the client is told so.
      onError: (cx) => cx.json({ error: `body larger than ${limit} bytes` }, 413, { Connection: 'close' }),
    })(c, next);
  });
  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const header = c.req.header('Authorization') ?? '';
    // RFC 7235: the scheme is case-insensitive.
    const match = /^bearer +([^\s]+) *$/i.exec(header);
    const principal = match ? await tokens.authenticate(match[1]!) : null;
    if (!principal) {
      if (hasBody(c)) {
        // Read and dropped (at most the body limit), so a client still sending it gets this answer instead of a
        // broken pipe; the connection is then closed, as the answer says.
        await discardBody(c);
        c.header('Connection', 'close');
      }
      // Guessing tokens is limited like using one: per client address.
      const wait = match ? limiter.take(`unknown-token ${clientAddress(c)}`) : 0;
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return c.json({ error: `too many unknown tokens; retry in ${wait} s` }, 429);
      }
      c.header('WWW-Authenticate', 'Bearer');
      return c.json({ error: match ? 'unknown or revoked token' : 'missing bearer token' }, 401);
    }
    const wait = limiter.take(principal.tokenId);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return c.json({ error: `rate limit exceeded; retry in ${wait} s` }, 429);
    }
    c.set('principal', principal);
    return next();
  });

  app.get('/health', async (c) => {
    await db.query('SELECT 1');
    return c.json({ status: 'ok', version: HUB_VERSION, protocolVersion: PROTOCOL_VERSION, database: db.kind });
  });
  app.get('/review', (c) => reviewPage(c));
  app.get('/admin/sites', (c) => sitesPage(c));
  app.get('/v1/me', (c) => {
    const p = c.get('principal');
    return c.json({ email: p.email, name: p.name, role: p.role, teamId: p.teamId });
  });
  app.route('/v1', syncRoutes(db, rescorer, log));
  app.route('/v1/review', reviewRoutes(db));
  app.route('/v1', siteRoutes(db));
  app.route('/v1/admin', adminRoutes(scoring));
  return { app, rescorer, log, forgetTokens: tokens.forget };
}

/**
 * Token checks cached for `ttlMs`: most requests then cost no query for authentication. A token revoked by the
 * admin command in another process stops working within `ttlMs` (`forget` drops them all at once). Unknown tokens
 * are never cached.
 */
function cachedAuthentication(db: Database, ttlMs: number) {
  const cache = new Map<string, { principal: Principal; until: number }>();
  const authenticateToken = async (token: string): Promise<Principal | null> => {
    if (ttlMs <= 0) return authenticate(db, token);
    const key = hashToken(token);
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.principal;
    const principal = await authenticate(db, token);
    if (cache.size >= 10_000) cache.clear();
    if (principal) cache.set(key, { principal, until: now + ttlMs });
    else cache.delete(key);
    return principal;
  };
  return { authenticate: authenticateToken, forget: () => cache.clear() };
}

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
}

/**
 * The media type of the request body, lower-cased, without parameters.
 * @example mediaType('Application/JSON; charset=utf-8') // => 'application/json'
 */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Whether the request announces a body (which an early refusal leaves unread). */
function hasBody(c: Context): boolean {
  const length = c.req.header('Content-Length');
  return (length !== undefined && length !== '0') || c.req.header('Transfer-Encoding') !== undefined;
}

/** Reads the request body to its end without keeping it. */
async function discardBody(c: Context): Promise<void> {
  const reader = c.req.raw.body?.getReader();
  if (!reader) return;
  try {
    while (!(await reader.read()).done);
  } catch {
    // the client went away: nothing to answer
  }
}

/** The caller's IP address where the server tells it (the node adapter), else a shared key. */
function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * An unexpected error for the log: its class, SQLSTATE and first message line with quoted values elided, and its
 * stack frames. Never the error object itself: database errors carry the statement's parameters (note text).
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const message = (error.message.split('\n')[0] ?? '').replace(/"[^"]*"/g, '"…"').slice(0, 300);
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .join('\n');
  return `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${message}${frames ? `\n${frames}` : ''}`;
}

/**
 * Where `value` (parsed JSON) holds a string PostgreSQL cannot store, with its path (first 20).
 * @example unstorableTexts({ a: ['x', 'y\u0000'] }) // => [{ path: 'a.1', message: 'contains a NUL character (U+0000)' }]
 */
export function unstorableTexts(
  value: unknown,
  path: (string | number)[] = [],
  found: ZodIssueLine[] = [],
): ZodIssueLine[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    const issue = textIssue(value);
    if (issue) found.push({ path: path.join('.') || '(root)', message: issue });
  } else if (Array.isArray(value)) {
    value.forEach((v, k) => unstorableTexts(v, [...path, k], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const issue = textIssue(k);
      if (issue) found.push({ path: [...path, k].join('.'), message: `key ${issue}` });
      unstorableTexts(v, [...path, k], found);
    }
  }
  return found;
}

type ZodIssueLine = { path: string; message: string };

/**
 * Reads and validates a JSON body: 415 for another content type, 400 for broken JSON, a schema mismatch or (unless
 * `checkTexts` is false: the push checks each mutation on its own) a text the database cannot store.
 */
export async function jsonBody<T extends z.ZodType>(c: Context, schema: T, checkTexts = true): Promise<z.infer<T>> {
  if (mediaType(c.req.header('Content-Type')) !== 'application/json') {
    throw new HttpError(415, 'send the body as application/json');
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, 'invalid request body', zodIssues(parsed.error));
  const unstorable = checkTexts ? unstorableTexts(parsed.data) : [];
  if (unstorable.length > 0) throw new HttpError(400, 'invalid request body', unstorable);
  return parsed.data;
}

/** Validates the query string against `schema` (400 with issues on mismatch). */
export function queryOf<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const query = c.req.query();
  const unstorable = Object.entries(query).flatMap(([path, value]) => {
    const issue = textIssue(value);
    return issue ? [{ path, message: issue }] : [];
  });
  if (unstorable.length > 0) throw new HttpError(400, 'invalid query', unstorable);
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new HttpError(400, 'invalid query', zodIssues(parsed.error));
  return parsed.data;
}

/** Throws 403 unless the principal has one of `roles`. */
export function requireRole(p: Principal, ...roles: Principal['role'][]): void {
  if (!roles.includes(p.role)) throw new HttpError(403, `this route is for: ${roles.join(', ')}`);
}
