/**
 * Publishing a dataset scores it in a worker thread: the hub keeps answering /health and pulls while it runs, and
 * the snapshot is the one the engine makes on the main thread. (Latency figures: bench/hub-publish.bench.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetToCsv, generateDataset } from '../../lib/engine/generate.ts';
import { engine } from '../src/engine.ts';
import { createWorkerEngine } from '../src/scoring-worker.ts';
import { BACKENDS, hubFor, seedTeam, useBackend } from './fixtures.ts';

let csv: ReturnType<typeof datasetToCsv>;
beforeAll(() => {
  csv = datasetToCsv(generateDataset({ accounts: 1500, seed: 5 }), 'de');
});

describe.each(BACKENDS)('publishing in a worker on %s', (backend) => {
  const { open, skip } = useBackend(backend);
  const test = skip ? it.skip : it;

  test('/health and pulls are answered while the dataset scores; the snapshot matches the engine’s', async () => {
    const db = await open();
    const team = await seedTeam(db);
    const worker = createWorkerEngine(engine);
    try {
      const { call } = hubFor(db, { engine: worker, rateLimitPerMinute: 1_000_000 });
      let published = false;
      const publish = call('POST', '/v1/admin/dataset', { token: team.admin, body: csv }).finally(
        () => (published = true),
      );
      // Counted once the import came back from the worker, i.e. while the worker scores.
      let whileScoring = 0;
      let pulls = 0;
      while (!published) {
        const health = await call('GET', '/health');
        expect(health.status).toBe(200);
        if (worker.jobs() >= 1 && !published) whileScoring++;
        if (whileScoring > 10 * pulls) {
          const pull = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
          expect(pull.status).toBe(200);
          pulls++;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      const res = await publish;
      expect(res.status).toBe(201);
      expect(worker.jobs()).toBe(2); // import, then scoring
      expect(whileScoring).toBeGreaterThan(5);
      expect(pulls).toBeGreaterThan(0);

      const pulled = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
      const imported = await engine.importDataset({
        accounts: { name: 'accounts.csv', content: csv.accounts },
        orders: { name: 'orders.csv', content: csv.orders },
      });
      const inline = await engine.buildSnapshot(imported.dataset, { insights: [], model: pulled.json.model });
      // As JSON (the hub stores JSON, in which -0 is 0).
      expect(pulled.json.snapshot.snapshot.accounts).toEqual(JSON.parse(JSON.stringify(inline.accounts)));
    } finally {
      await worker.close();
    }
  });

  test('an import error and a dataset the engine refuses come back from the worker as 422s', async () => {
    const db = await open();
    const team = await seedTeam(db);
    const worker = createWorkerEngine(engine);
    try {
      const { call } = hubFor(db, { engine: worker });
      const bad = await call('POST', '/v1/admin/dataset', {
        token: team.admin,
        body: { accounts: 'x;y\n1;2', orders: 'a\n1' },
      });
      expect(bad.status).toBe(422);
      expect(bad.json.issues.length).toBeGreaterThan(0);
      expect(bad.json.issues[0].path).toBe('dataset');
    } finally {
      await worker.close();
    }
  });
});
