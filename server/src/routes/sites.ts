/**
 * Team site definitions and page reports (issue 16):
 *   GET    /v1/sites            every role: `{version, definitions}` (lib/sites/team-sites.ts)
 *   POST   /v1/sites            admins: publish a site definitions file (all or nothing; 400 names every problem)
 *   DELETE /v1/sites/:id        admins: remove one definition
 *   POST   /v1/site-reports     every role: `{reports}` ("this page is wrong", lib/sites/site-report.ts)
 *   GET    /v1/site-reports     admins: reports grouped by site
 */
import { Hono } from 'hono';
import { SiteReportBatchSchema } from '../../../lib/sites/site-report.ts';
import type { HubEnv } from '../app.ts';
import { jsonBody, requireRole } from '../app.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http-error.ts';
import { addSiteReports, listSites, publishSites, removeSite, SiteFileError, siteReportGroups } from '../sites.ts';
import { z } from 'zod';

export function siteRoutes(db: Database): Hono<HubEnv> {
  const routes = new Hono<HubEnv>();
  routes.get('/sites', async (c) => {
    const { version, sites } = await listSites(db);
    const principal = c.get('principal');
    return c.json({
      version,
      definitions: sites.map((s) =>
        principal.role === 'admin'
          ? { ...s.definition, publishedBy: s.publishedBy, publishedAt: s.publishedAt }
          : s.definition,
      ),
    });
  });
  routes.post('/sites', async (c) => {
    const principal = c.get('principal');
    requireRole(principal, 'admin');
    const document = await jsonBody(c, z.unknown());
    try {
      return c.json(await publishSites(db, document, principal.userId), 201);
    } catch (error) {
      if (error instanceof SiteFileError)
        throw new HttpError(
          400,
          'invalid site definitions file; nothing was published',
          error.errors.map((e) => {
            const at = e.indexOf(': ');
            return { path: e.slice(0, at), message: e.slice(at + 2) };
          }),
        );
      throw error;
    }
  });
  routes.delete('/sites/:id', async (c) => {
    requireRole(c.get('principal'), 'admin');
    const id = c.req.param('id');
    const result = await removeSite(db, id);
    if (!result.removed) throw new HttpError(404, `no site definition "${id}"`);
    return c.json({ version: result.version });
  });
  routes.post('/site-reports', async (c) => {
    const parsed = SiteReportBatchSchema.safeParse(await jsonBody(c, z.unknown()));
    if (!parsed.success)
      throw new HttpError(
        400,
        'invalid request body',
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    const { reports } = parsed.data;
    return c.json({ added: await addSiteReports(db, c.get('principal').userId, reports) });
  });
  routes.get('/site-reports', async (c) => {
    requireRole(c.get('principal'), 'admin');
    return c.json({ groups: await siteReportGroups(db) });
  });
  return routes;
}
