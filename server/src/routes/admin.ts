/**
 * Admin routes: sales ops publish order data (POST /v1/admin/dataset, body documented in lib/sync/protocol.ts)
 * and change the scoring model (PUT /v1/admin/model, a ModelConfig; re-scores the latest dataset).
 */
import { Hono, type Context } from 'hono';
import { ModelConfigInputSchema } from '../../../lib/engine/model-config.ts';
import type { Source } from '../../../lib/engine/import/types.ts';
import { DatasetUploadSchema } from '../../../lib/sync/protocol.ts';
import type { HubEnv } from '../app.ts';
import { jsonBody, mediaType, requireRole, unstorableTexts, zodIssues } from '../app.ts';
import { HttpError } from '../http-error.ts';
import type { DatasetPublication, Scoring } from '../scoring.ts';

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
  routes.put('/model', async (c) => c.json(await scoring.changeModel(await jsonBody(c, ModelConfigInputSchema))));
  return routes;
}

const FILE_FIELDS = ['accounts', 'orders', 'products', 'contacts'] as const;
const MultipartFieldsSchema = DatasetUploadSchema.pick({ asOf: true, model: true });

/**
 * The upload as files for the importer. Multipart files are passed as bytes, so that the importer can tell UTF-8
 * from a Windows-1252 ERP export; JSON bodies carry texts.
 */
async function datasetBody(c: Context<HubEnv>): Promise<DatasetPublication> {
  if (mediaType(c.req.header('Content-Type')) !== 'multipart/form-data') {
    // The files' texts are checked by row and column (dataset-text.ts), the rest here.
    const { accounts, orders, products, contacts, asOf, model } = await jsonBody(c, DatasetUploadSchema, false);
    const unstorable = unstorableTexts(model ?? null, ['model']);
    if (unstorable.length > 0) throw new HttpError(400, 'invalid dataset upload', unstorable);
    const text = (name: string, content: string | undefined): Source | undefined =>
      content === undefined ? undefined : { name: `${name}.csv`, content };
    return {
      files: {
        accounts: text('accounts', accounts)!,
        orders: text('orders', orders)!,
        products: text('products', products),
        contacts: text('contacts', contacts),
      },
      asOf,
      model,
    };
  }
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch {
    throw new HttpError(400, 'body is not valid multipart/form-data');
  }
  const files: Partial<Record<(typeof FILE_FIELDS)[number], Source & { content: string | Uint8Array }>> = {};
  for (const name of FILE_FIELDS) {
    const value = form.get(name);
    if (value === null) continue;
    files[name] =
      typeof value === 'string'
        ? { name: `${name}.csv`, content: value }
        : { name: value.name || `${name}.csv`, content: new Uint8Array(await value.arrayBuffer()) };
  }
  const missing = (['accounts', 'orders'] as const).filter((k) => !files[k] || files[k].content.length === 0);
  if (missing.length > 0)
    throw new HttpError(
      400,
      'invalid dataset upload',
      missing.map((path) => ({ path, message: 'required' })),
    );
  let model: unknown;
  const modelField = form.get('model');
  if (typeof modelField === 'string' && modelField !== '') {
    try {
      model = JSON.parse(modelField);
    } catch {
      throw new HttpError(400, 'field "model" is not valid JSON');
    }
  }
  const asOfField = form.get('asOf');
  const parsed = MultipartFieldsSchema.safeParse({
    asOf: typeof asOfField === 'string' && asOfField !== '' ? asOfField : undefined,
    model,
  });
  if (!parsed.success) throw new HttpError(400, 'invalid dataset upload', zodIssues(parsed.error));
  const unstorable = unstorableTexts(parsed.data.model ?? null, ['model']);
  if (unstorable.length > 0) throw new HttpError(400, 'invalid dataset upload', unstorable);
  return {
    files: { accounts: files.accounts!, orders: files.orders!, products: files.products, contacts: files.contacts },
    ...parsed.data,
  };
}
