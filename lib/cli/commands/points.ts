/**
 * `lens points --snapshot S.json [--out points.csv]`: every talking point of a snapshot, shown or held out by an
 * experiment, as CSV `account_id;talking_point_id;kind;sku;priority;held_out` (sku: the product a point suggests,
 * empty when it suggests none; held_out: true or false). Sales ops plan with it; a leader checks an experiment's
 * split with it.
 */
import { suggestedSku } from '../../engine/effects.ts';
import { allTalkingPoints } from '../../engine/holdout.ts';
import { parseSnapshot, type Snapshot } from '../../engine/snapshot.ts';
import { inputError, usageError } from '../cli-error.ts';
import { readJson, writeOutput } from '../io.ts';

/** Reads and validates a snapshot file. @throws {CliError} exit 2 naming the file and the first invalid fields */
export function readSnapshot(path: string, option = '--snapshot'): Snapshot {
  const value = readJson(path, option);
  try {
    return parseSnapshot(value);
  } catch (error) {
    throw inputError(`${option} ${path}: ${(error as Error).message}`);
  }
}

/** One CSV field: quoted when it holds the delimiter, a quote or a line break. */
const field = (value: string): string => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The CSV text of a snapshot's talking points, accounts in snapshot order, shown points first. O(points).
 * @example pointsCsv(snapshot).split('\n')[0] // => 'account_id;talking_point_id;kind;sku;priority;held_out'
 */
export function pointsCsv(snapshot: Snapshot): string {
  const lines = ['account_id;talking_point_id;kind;sku;priority;held_out'];
  for (const account of snapshot.accounts) {
    for (const { point, heldOut } of allTalkingPoints(account)) {
      lines.push(
        [account.id, point.id, point.kind, suggestedSku(point) ?? '', String(point.priority), String(heldOut)]
          .map(field)
          .join(';'),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function runPoints(values: { snapshot?: string; out?: string }): string {
  if (values.snapshot === undefined) throw usageError('points needs --snapshot S.json');
  writeOutput(values.out, pointsCsv(readSnapshot(values.snapshot)));
  return '';
}
