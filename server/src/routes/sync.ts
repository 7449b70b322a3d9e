/** POST /v1/push and GET /v1/pull (contract in lib/sync/protocol.ts). */
import { Hono } from 'hono';
import { PullQuerySchema, PushRequestSchema } from '../../../lib/sync/protocol.ts';
import type { HubEnv } from '../app.ts';
import { jsonBody, queryOf } from '../app.ts';
import type { Database } from '../db/database.ts';
import { pull } from '../pull.ts';
import { applyPush } from '../push.ts';
import type { Scoring } from '../scoring.ts';

export function syncRoutes(db: Database, scoring: Scoring): Hono<HubEnv> {
  const routes = new Hono<HubEnv>();
  routes.post('/push', async (c) => {
    const request = await jsonBody(c, PushRequestSchema);
    const { response, affectedAccountIds } = await applyPush(db, c.get('principal'), request);
    try {
      response.rescoredAccountIds = await scoring.rescore(affectedAccountIds);
    } catch (error) {
      // The insights are stored; scores catch up with the next push or dataset. Never fail the push for it.
      console.error('hub: re-scoring after push failed:', error);
    }
    return c.json(response);
  });
  routes.get('/pull', async (c) => c.json(await pull(db, c.get('principal'), queryOf(c, PullQuerySchema))));
  return routes;
}
