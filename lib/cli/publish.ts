/**
 * `lens publish`: uploads order data to the team hub (POST /v1/admin/dataset, admin token), which imports it,
 * scores it and serves the new snapshot to every rep at their next pull. The files go as multipart bytes, so the
 * hub's importer detects the encoding of a Windows-1252 ERP export just as `lens score` does locally.
 * Prints the hub's answer (DatasetUploadResponse) as JSON; errors name the hub's reason and each row issue.
 *
 * The admin token comes from ACCOUNTLENS_HUB_TOKEN; `--token` still works but puts it where other local users read
 * it (the process list) and into the shell history.
 */
import { ModelConfigInputSchema } from '../engine/model-config.ts';
import { normaliseHubUrl } from '../sync/hub-http.ts';
import { DatasetUploadResponseSchema, ErrorResponseSchema } from '../sync/protocol.ts';
import { CliError, EXIT_BAD_INPUT, usageError } from './cli-error.ts';
import { readJson, readSource } from './io.ts';

/** sysexits: the hub could not be reached or failed (EX_UNAVAILABLE), the token may not publish (EX_NOPERM). */
export const EXIT_UNAVAILABLE = 69;
export const EXIT_NOPERM = 77;

const FILES = ['accounts', 'orders', 'products', 'contacts'] as const;

/**
 * Runs `lens publish` with parsed options; returns the hub's answer as pretty JSON.
 * @throws {CliError} 64 for missing options or a bad URL, 2 for unreadable files, an invalid model or a dataset
 * the hub cannot import (422, with its row errors), 77 for a token that may not publish, 69 when the hub is down
 */
export async function runPublish(
  values: Record<string, string | undefined>,
  env: Record<string, string | undefined> = process.env,
  doFetch: typeof fetch = globalThis.fetch,
): Promise<string> {
  const token = values['token'] ?? env['ACCOUNTLENS_HUB_TOKEN'];
  if (!values['hub']) throw usageError('--hub URL is required');
  if (!token)
    throw usageError(
      'no admin token: set ACCOUNTLENS_HUB_TOKEN (or pass --token, which other local users can see in the process list)',
    );
  if (!values['accounts'] || !values['orders']) throw usageError('--accounts and --orders are required');
  let hub: string;
  try {
    hub = normaliseHubUrl(values['hub']);
  } catch (error) {
    throw usageError(`${(error as Error).message}`);
  }

  const form = new FormData();
  for (const name of FILES) {
    const path = values[name];
    if (path === undefined) continue;
    const source = readSource(path, `--${name}`);
    form.append(name, new Blob([source.content as Uint8Array<ArrayBuffer>], { type: 'text/csv' }), source.name);
  }
  if (values['as-of'] !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values['as-of']))
      throw usageError(`--as-of must be YYYY-MM-DD, got "${values['as-of']}"`);
    form.append('asOf', values['as-of']);
  }
  if (values['model'] !== undefined) {
    const model = ModelConfigInputSchema.safeParse(readJson(values['model'], '--model'));
    if (!model.success) {
      const issue = model.error.issues[0]!;
      throw new CliError(
        `--model ${values['model']}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
        EXIT_BAD_INPUT,
      );
    }
    form.append('model', JSON.stringify(model.data));
  }

  let response: Response;
  try {
    response = await doFetch(`${hub}/v1/admin/dataset`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CliError(`hub ${hub} not reachable (${cause})`, EXIT_UNAVAILABLE);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw hubFailure(hub, response.status, body);
  const answer = DatasetUploadResponseSchema.safeParse(body);
  if (!answer.success) throw new CliError(`hub ${hub} answered 201 with an unexpected body`, 1);
  return `${JSON.stringify(answer.data, null, 2)}\n`;
}

function hubFailure(hub: string, status: number, body: unknown): CliError {
  const said = ErrorResponseSchema.safeParse(body);
  const reason = said.success ? said.data.error : 'no details';
  const issues = said.success ? (said.data.issues ?? []).map((i) => `\n  ${i.path}: ${i.message}`).join('') : '';
  const message = `hub ${hub} answered ${status}: ${reason}${issues}`;
  if (status === 401 || status === 403) return new CliError(message, EXIT_NOPERM);
  if (status === 400 || status === 413 || status === 422) return new CliError(message, EXIT_BAD_INPUT);
  return new CliError(message, EXIT_UNAVAILABLE);
}
