/** POST /v1/push and GET /v1/pull (contract in lib/sync/protocol.ts). */
import { Hono } from 'hono';
import { PullQuerySchema, PushRequestSchema } from '../../../lib/sync/protocol.ts';
import type { HubEnv } from '../app.ts';
import { jsonBody, queryOf } from '../app.ts';
import type { Database } from '../db/database.ts';
import { pullJson } from '../pull.ts';
import { applyPush } from '../push.ts';
import type { Rescorer } from '../rescorer.ts';

export function syncRoutes(db: Database, rescorer: Rescorer): Hono<HubEnv> {
  const routes = new Hono<HubEnv>();
  routes.post('/push', async (c) => {
    const request = await jsonBody(c, PushRequestSchema);
    const { response } = await applyPush(db, c.get('principal'), request);
    if (response.rescoringAccountIds.length > 0) rescorer.kick();
    return c.json(response);
  });
  routes.get('/pull', async (c) => {
    const query = queryOf(c, PullQuerySchema);
    await rescorer.caughtUp();
    return c.body(await pullJson(db, c.get('principal'), query), 200, { 'Content-Type': 'application/json' });
  });
  return routes;
}
