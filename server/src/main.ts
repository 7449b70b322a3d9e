/**
 * `npm run hub`: the AccountLens team hub. Without arguments it serves; with `user …` or `team …` it runs an admin
 * command (cli.ts) against the same database and exits. With PGlite, a command started while a hub serves the
 * data directory is run by that hub (control.ts), since only one process may open the directory.
 *
 * Environment: PORT (8787), HOST (127.0.0.1), DATA_DIR (server/data, PGlite), DATABASE_URL (PostgreSQL instead of
 * PGlite), ALLOWED_ORIGINS (CORS; default any chrome-extension:// and moz-extension:// origin),
 * RATE_LIMIT_PER_MINUTE (1200 per token), MAX_BODY_BYTES (4 MiB), MAX_DATASET_BYTES (64 MiB).
 */
import { serve } from '@hono/node-server';
import { createHub, HUB_VERSION } from './app.ts';
import { CLI_USAGE, isCliCommand, runCli } from './cli.ts';
import { loadConfig } from './config.ts';
import { controlSocketPath, sendControl, serveControl } from './control.ts';
import { dataDirHolder, openDatabase } from './db/database.ts';
import { migrate } from './db/migrations.ts';

const argv = process.argv.slice(2);
const config = loadConfig();
const embedded = !config.DATABASE_URL;

if (argv.length > 0) {
  try {
    if (!isCliCommand(argv)) throw new Error(`unknown command "${argv.join(' ')}"\n${CLI_USAGE}`);
    console.log(await runCommand(argv));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
} else {
  try {
    await serveHub();
  } catch (error) {
    // A refusal to start (an open data directory, a database that cannot be reached) in one clear line.
    console.error(`hub: not started: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/** Runs an admin command here, or in the hub that holds the PGlite directory. */
async function runCommand(args: readonly string[]): Promise<string> {
  const holder = embedded ? dataDirHolder(config.DATA_DIR) : null;
  if (holder !== null) {
    let answer;
    try {
      answer = await sendControl(controlSocketPath(config.DATA_DIR), args);
    } catch (error) {
      throw new Error(
        `${config.DATA_DIR} is in use by process ${holder} (a running hub?), which did not take the command ` +
          `(${(error as Error).message}); stop it first or set DATABASE_URL`,
      );
    }
    if (!answer.ok) throw new Error(answer.error);
    return answer.output;
  }
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(db);
    return await runCli(db, args);
  } finally {
    await db.close();
  }
}

async function serveHub(): Promise<void> {
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrate(db);
  // Loaded only to serve: the admin commands need no scoring engine. Datasets are scored in a worker thread.
  const { engine: inline } = await import('./engine.ts');
  const { createWorkerEngine } = await import('./scoring-worker.ts');
  const engine = createWorkerEngine(inline);
  const { app, rescorer, forgetTokens } = createHub({
    db,
    engine,
    allowedOrigins: config.ALLOWED_ORIGINS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxDatasetBytes: config.MAX_DATASET_BYTES,
  });
  let stopControl = async () => undefined as void;
  if (embedded) {
    try {
      stopControl = await serveControl(controlSocketPath(config.DATA_DIR), async (args) => {
        try {
          return await runCli(db, args);
        } finally {
          forgetTokens(); // a revoke applies at once
        }
      });
    } catch (error) {
      console.error(
        `hub: admin commands can't reach this hub while it runs (${(error as Error).message}); stop it to run them`,
      );
    }
  }
  const where = embedded ? `PGlite in ${config.DATA_DIR}` : 'PostgreSQL';
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(`AccountLens hub ${HUB_VERSION} listening on http://${config.HOST}:${info.port} (${where})`);
  });
  const stop = () => {
    server.close(
      () =>
        void stopControl()
          .then(() => rescorer.stop())
          .then(() => engine.close())
          .then(() => db.close())
          .then(() => process.exit(0)),
    );
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
