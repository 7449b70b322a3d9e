/**
 * Admin routes: sales ops publish order data (POST /v1/admin/dataset, body documented in lib/sync/protocol.ts)
 * and change the scoring model (PUT /v1/admin/model, a ModelConfig; re-scores the latest dataset).
 */
import { Hono, type Context } from 'hono';
import { ModelConfigSchema } from '../../../lib/engine/model-config.ts';
import { DatasetUploadSchema, type DatasetUpload } from '../../../lib/sync/protocol.ts';
import type { HubEnv } from '../app.ts';
import { jsonBody, requireRole, zodIssues } from '../app.ts';
import { HttpError } from '../http-error.ts';
import type { Scoring } from '../scoring.ts';

export function adminRoutes(scoring: Scoring): Hono<HubEnv> {
  const routes = new Hono<HubEnv>();
  routes.use('*', async (c, next) => {
    requireRole(c.get('principal'), 'admin');
    return next();
  });
  routes.post('/dataset', async (c) => {
    const upload = await datasetBody(c);
    return c.json(await scoring.publishDataset(upload, c.get('principal').userId), 201);
  });
  routes.put('/model', async (c) => c.json(await scoring.changeModel(await jsonBody(c, ModelConfigSchema))));
  return routes;
}

const TEXT_FIELDS = ['accounts', 'orders', 'products', 'contacts', 'asOf', 'model'] as const;

async function datasetBody(c: Context<HubEnv>): Promise<DatasetUpload> {
  const type = (c.req.header('Content-Type') ?? '').toLowerCase();
  if (!type.startsWith('multipart/form-data')) return jsonBody(c, DatasetUploadSchema);
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new HttpError(400, 'body is not valid multipart/form-data');
  }
  const raw: Record<string, unknown> = {};
  for (const name of TEXT_FIELDS) {
    const value = form.get(name);
    if (value === null) continue;
    const text = typeof value === 'string' ? value : await value.text();
    if (name !== 'model') raw[name] = text;
    else {
      try {
        raw[name] = JSON.parse(text);
      } catch {
        throw new HttpError(400, 'field "model" is not valid JSON');
      }
    }
  }
  const parsed = DatasetUploadSchema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, 'invalid dataset upload', zodIssues(parsed.error));
  return parsed.data;
}
