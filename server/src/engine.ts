/** The real scoring engine (lib/engine) behind the hub's ScoringEngine interface. */
import { buildSnapshot } from '../../lib/engine/build-snapshot.ts';
import { formatImportReport, importDataset } from '../../lib/engine/import/index.ts';
import { rescoreAccount } from '../../lib/engine/rescore.ts';
import { DatasetImportError, type ScoringEngine } from './scoring.ts';

export const engine: ScoringEngine = {
  async importDataset(files) {
    const result = await importDataset({
      accounts: files.accounts,
      orders: files.orders,
      ...(files.products ? { products: files.products } : {}),
      ...(files.contacts ? { contacts: files.contacts } : {}),
    });
    if (!result.ok) {
      throw new DatasetImportError(
        `importDataset: the exports cannot be imported (${result.errors.length} errors)`,
        result.errors.map((e) => formatImportReport([e])),
      );
    }
    return { dataset: result.dataset, warnings: result.warnings.map((w) => formatImportReport([w])) };
  },
  buildSnapshot: (dataset, { asOf, insights, model, effects }) =>
    buildSnapshot(dataset, { insights, model, ...(asOf ? { asOf } : {}), ...(effects ? { effects } : {}) }),
  rescoreAccount: (snapshot, accountId, insights) => rescoreAccount(snapshot, accountId, insights),
};
