/**
 * The admin commands' way into a running hub. PGlite is one process's database, so while the hub serves a data
 * directory it also listens on a Unix socket in that directory (`hub.sock`, mode 0600: whoever may read the data
 * directory may run admin commands, nobody else), and `npm run -s hub -- user add …` started meanwhile hands its
 * arguments to the hub instead of failing on the lock. One JSON request per connection, one JSON answer.
 */
import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

export const CONTROL_SOCKET = 'hub.sock';
const MAX_REQUEST_BYTES = 64 * 1024;

const RequestSchema = z.object({ argv: z.array(z.string().max(4096)).min(1).max(64) });
const AnswerSchema = z.union([
  z.object({ ok: z.literal(true), output: z.string() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ControlAnswer = z.infer<typeof AnswerSchema>;

export function controlSocketPath(dataDir: string): string {
  return join(dataDir, CONTROL_SOCKET);
}

/**
 * Listens on `socketPath` and answers each request with `run(argv)`'s output or error message. The caller holds
 * the data directory's lock, so a socket file found there is a dead hub's and is replaced.
 * @returns a function that stops listening and removes the socket
 */
export async function serveControl(
  socketPath: string,
  run: (argv: readonly string[]) => Promise<string>,
): Promise<() => Promise<void>> {
  rmSync(socketPath, { force: true });
  const server = createServer((socket) => {
    let text = '';
    let taken = false; // one request per connection: what follows it is ignored
    const answer = (a: ControlAnswer) => socket.end(JSON.stringify(a));
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      if (taken) return;
      text += chunk;
      taken = text.length > MAX_REQUEST_BYTES || text.includes('\n');
      if (text.length > MAX_REQUEST_BYTES) answer({ ok: false, error: 'control: request too large' });
      else if (text.includes('\n')) void handle(text.slice(0, text.indexOf('\n')));
    });
    async function handle(line: string) {
      let request: z.infer<typeof RequestSchema>;
      try {
        request = RequestSchema.parse(JSON.parse(line));
      } catch (error) {
        return answer({ ok: false, error: `control: malformed request: ${(error as Error).message}` });
      }
      try {
        answer({ ok: true, output: await run(request.argv) });
      } catch (error) {
        answer({ ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(socketPath, 0o600);
  return () =>
    new Promise<void>((resolve) =>
      server.close(() => {
        rmSync(socketPath, { force: true });
        resolve();
      }),
    );
}

/**
 * Sends `argv` to the hub listening on `socketPath`.
 * @throws {Error} when nothing listens there or the answer is not one
 */
export function sendControl(socketPath: string, argv: readonly string[], timeoutMs = 30_000): Promise<ControlAnswer> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(socketPath);
    let text = '';
    socket.setEncoding('utf8');
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('connect', () => socket.write(`${JSON.stringify({ argv })}\n`));
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', (error) => reject(new Error(`sendControl: ${socketPath}: ${error.message}`)));
    socket.on('end', () => {
      try {
        resolve(AnswerSchema.parse(JSON.parse(text)));
      } catch {
        reject(new Error(`sendControl: ${socketPath} answered something that is not an answer: ${text.slice(0, 200)}`));
      }
    });
  });
}
