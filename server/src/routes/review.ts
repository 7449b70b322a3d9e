/**
 * Review routes for leaders and admins (GET lists and aggregates, POST review actions):
 * GET  /v1/review/insights?rep&account&type&from&to&status&review&limit&offset → {total, items}
 * GET  /v1/review/insights.csv?… (same filters, up to 50,000 rows) → text/csv
 * POST /v1/review/insights/:id/review {action: reviewed|actioned|reopened, comment} → {reviewStatus, logId}
 * GET  /v1/review/insights/:id/log → audit entries
 * GET  /v1/review/charts?weeks&until&since → Charts plus server-rendered SVG for each chart
 * GET  /v1/review/reps → reps for the filter list
 * GET  /v1/review/talking-point-rates → WhatWorks (rates learned from the caller's team's outcomes) plus an
 *      interval bar (SVG) per rate, in the order of `rates`
 * GET  /v1/review/effects → EffectsReview: per kind the effect of raising it measured on later orders (with an
 *      uplift bar) next to the reported rate, in ranking order
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { UlidSchema } from '../../../lib/engine/insight.ts';
import type { HubEnv } from '../app.ts';
import { jsonBody, queryOf } from '../app.ts';
import { charts, ChartsQuerySchema } from '../charts.ts';
import { insightsCsv } from '../csv.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http-error.ts';
import {
  assertReviewer,
  auditLog,
  listInsights,
  reviewableReps,
  reviewInsight,
  ReviewActionSchema,
  ReviewQuerySchema,
} from '../review.ts';
import { rateBarSvg } from '../review-page/rate-bar.ts';
import { chartSvgs } from '../review-page/svg.ts';
import { WhatWorksSchema, whatWorks } from '../what-works.ts';
import { effectsReview, EffectsReviewSchema } from '../effects-review.ts';

export const TalkingPointRatesResponseSchema = WhatWorksSchema.extend({ svg: z.array(z.string()) });

export function reviewRoutes(db: Database): Hono<HubEnv> {
  const routes = new Hono<HubEnv>();
  routes.use('*', async (c, next) => {
    assertReviewer(c.get('principal'));
    return next();
  });
  const insightId = (raw: string | undefined): string => {
    const parsed = UlidSchema.safeParse(raw);
    if (!parsed.success) throw new HttpError(400, 'insight id must be a ULID');
    return parsed.data;
  };

  routes.get('/insights', async (c) =>
    c.json(await listInsights(db, c.get('principal'), queryOf(c, ReviewQuerySchema))),
  );
  routes.get('/insights.csv', async (c) => {
    const query = { ...queryOf(c, ReviewQuerySchema.omit({ limit: true, offset: true })), limit: 50_000, offset: 0 };
    const { items } = await listInsights(db, c.get('principal'), query);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header(
      'Content-Disposition',
      `attachment; filename="accountlens-insights-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    return c.body(insightsCsv(items));
  });
  routes.post('/insights/:id/review', async (c) => {
    const id = insightId(c.req.param('id'));
    return c.json(await reviewInsight(db, c.get('principal'), id, await jsonBody(c, ReviewActionSchema)));
  });
  routes.get('/insights/:id/log', async (c) =>
    c.json(await auditLog(db, c.get('principal'), insightId(c.req.param('id')))),
  );
  routes.get('/charts', async (c) => {
    const data = await charts(db, c.get('principal'), queryOf(c, ChartsQuerySchema));
    return c.json({ ...data, svg: chartSvgs(data) });
  });
  routes.get('/reps', async (c) => c.json(await reviewableReps(db, c.get('principal'))));
  routes.get('/talking-point-rates', async (c) => {
    const data = await whatWorks(db, c.get('principal'));
    const priorMean = data.prior.alpha / (data.prior.alpha + data.prior.beta);
    const svg = data.rates.map((r) => rateBarSvg(r, priorMean));
    return c.json(TalkingPointRatesResponseSchema.parse({ ...data, svg }));
  });
  routes.get('/effects', async (c) => c.json(EffectsReviewSchema.parse(await effectsReview(db, c.get('principal')))));
  return routes;
}
