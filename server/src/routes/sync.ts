/** POST /v1/push and GET /v1/pull (contract in lib/sync/protocol.ts). */
import { Hono } from 'hono';
import { PullQuerySchema, PushRequestSchema } from '../../../lib/sync/protocol.ts';
import type { HubEnv } from '../app.ts';
import { jsonBody, queryOf } from '../app.ts';
import type { ChangeLog } from '../change-log.ts';
import type { Database } from '../db/database.ts';
import { pullJson } from '../pull.ts';
import { applyPush } from '../push.ts';
import type { Rescorer } from '../rescorer.ts';

/** Pushes are written through `log`; pulls are answered from it when it can, else from the database. */
export function syncRoutes(db: Database, rescorer: Rescorer, log: ChangeLog): Hono<HubEnv> {
  const routes = new Hono<HubEnv>();
  routes.post('/push', async (c) => {
    // Texts the database cannot store reject their mutation alone (push.ts), not the batch.
    const request = await jsonBody(c, PushRequestSchema, false);
    const principal = c.get('principal');
    const { response } = await log.write(async () => {
      const outcome = await applyPush(db, principal, request);
      return { result: outcome, change: outcome.change };
    });
    if (response.rescoringAccountIds.length > 0) rescorer.kick();
    return c.json(response);
  });
  routes.get('/pull', async (c) => {
    const query = queryOf(c, PullQuerySchema);
    await rescorer.caughtUp();
    const principal = c.get('principal');
    const body = (await log.pull(principal, query)) ?? (await pullJson(db, principal, query));
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  });
  return routes;
}
