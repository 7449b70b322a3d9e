/**
 * `lens`: the AccountLens command line (`npm run -s lens -- <command>`). Commands: score, clv, basket, generate,
 * publish, points, effects.
 * Results go to stdout (or --out), progress and errors to stderr. Exit codes: 0 done, 2 unusable input (with the
 * import's full report), 64 wrong command line, 1 anything unexpected.
 */
import { parseArgs } from 'node:util';
import { CliError, EXIT_USAGE, usageError } from './cli-error.ts';
import { runBasket } from './commands/basket.ts';
import { runClv } from './commands/clv.ts';
import { runEffects, type EffectsValues } from './commands/effects.ts';
import { runPoints } from './commands/points.ts';
import { runGenerate } from './commands/generate.ts';
import { runPublish } from './publish.ts';
import { runScore } from './commands/score.ts';

const USAGE = `usage: lens <command> [options]

  score     --accounts A.csv --orders O.csv [--products P.csv] [--contacts C.csv] [--insights I.json]
            [--as-of YYYY-MM-DD] [--model model.json] [--out snapshot.json]
  clv       --summary S.csv            (columns id, frequency, recency, T[, monetary_value])
  basket    --transactions T [--min-support 0.01] [--min-confidence 0.5] [--top 20]
            (T: an orders CSV, or one basket a line with items separated by spaces)
  generate  --accounts N --seed S --out DIR [--dialect de|en]
  publish   --hub URL --token T --accounts A.csv --orders O.csv [--products P.csv] [--contacts C.csv]
            [--as-of YYYY-MM-DD] [--model model.json]    (uploads to the team hub; needs an admin token)
  points    --snapshot S.json [--out points.csv]     (every talking point, shown or held out, as CSV)
  effects   --snapshot before.json --marks marks.csv --orders after.csv [--window-days N] [--json]
`;

const OPTIONS = {
  score: ['accounts', 'orders', 'products', 'contacts', 'insights', 'as-of', 'model', 'out'],
  clv: ['summary'],
  basket: ['transactions', 'min-support', 'min-confidence', 'top'],
  generate: ['accounts', 'seed', 'out', 'dialect'],
  publish: ['hub', 'token', 'accounts', 'orders', 'products', 'contacts', 'as-of', 'model'],
  points: ['snapshot', 'out'],
  effects: ['snapshot', 'marks', 'orders', 'window-days', 'json'],
} as const;
/** Options that are flags, not followed by a value. */
const FLAGS: ReadonlySet<string> = new Set(['json']);
type Command = keyof typeof OPTIONS;

function parse(command: Command, args: string[]): Record<string, string | undefined> {
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(
        OPTIONS[command].map((name) => [name, { type: FLAGS.has(name) ? ('boolean' as const) : ('string' as const) }]),
      ),
      allowPositionals: false,
      strict: true,
    });
    return values as Record<string, string | undefined>;
  } catch (error) {
    throw usageError(`${command}: ${(error as Error).message}`);
  }
}

/** Runs one command line; returns the exit code. Output goes to process.stdout/stderr. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? process.stderr : process.stdout).write(USAGE);
    return command === undefined ? EXIT_USAGE : 0;
  }
  const locale = /^de/i.test(process.env['LC_ALL'] ?? process.env['LANG'] ?? '') ? 'de' : 'en';
  try {
    if (!(command in OPTIONS)) throw usageError(`unknown command "${command}"`);
    const values = parse(command as Command, rest);
    const output =
      command === 'score'
        ? await runScore(values, locale)
        : command === 'clv'
          ? runClv(values)
          : command === 'basket'
            ? runBasket(values)
            : command === 'publish'
              ? await runPublish(values)
              : command === 'points'
                ? runPoints(values)
                : command === 'effects'
                  ? runEffects(values as EffectsValues, locale)
                  : runGenerate(values);
    process.stdout.write(output);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`lens ${command}: ${error.message}\n`);
      if (error.exitCode === EXIT_USAGE) process.stderr.write(`\n${USAGE}`);
      return error.exitCode;
    }
    process.stderr.write(`lens ${command}: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
