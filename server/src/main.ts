/**
 * `npm run hub`: the AccountLens team hub. Without arguments it serves; with `user …` or `team …` it runs an admin
 * command (cli.ts) against the same database and exits.
 *
 * Environment: PORT (8787), HOST (127.0.0.1), DATA_DIR (server/data, PGlite), DATABASE_URL (PostgreSQL instead of
 * PGlite), ALLOWED_ORIGINS (CORS; default any chrome-extension:// and moz-extension:// origin),
 * RATE_LIMIT_PER_MINUTE (1200 per token), MAX_BODY_BYTES (4 MiB), MAX_DATASET_BYTES (64 MiB).
 */
import { serve } from '@hono/node-server';
import { createHub, HUB_VERSION } from './app.ts';
import { CLI_USAGE, isCliCommand, runCli } from './cli.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrations.ts';

const argv = process.argv.slice(2);
const config = loadConfig();
const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
await migrate(db);
const where = config.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${config.DATA_DIR}`;

if (argv.length > 0) {
  try {
    if (!isCliCommand(argv)) throw new Error(`unknown command "${argv.join(' ')}"\n${CLI_USAGE}`);
    console.log(await runCli(db, argv));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
} else {
  // Loaded only to serve: the admin commands need no scoring engine.
  const { engine } = await import('./engine.ts');
  const { app, rescorer } = createHub({
    db,
    engine,
    allowedOrigins: config.ALLOWED_ORIGINS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxDatasetBytes: config.MAX_DATASET_BYTES,
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(`AccountLens hub ${HUB_VERSION} listening on http://${config.HOST}:${info.port} (${where})`);
  });
  const stop = () => {
    server.close(
      () =>
        void rescorer
          .stop()
          .then(() => db.close())
          .then(() => process.exit(0)),
    );
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
