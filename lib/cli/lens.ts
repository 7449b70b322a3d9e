/**
 * `lens`: the AccountLens command line (`npx lens <command>`, or `npm run -s lens -- <command>` from the sources).
 * Commands: score, clv, basket, generate, publish, points, effects; `lens --version`, `lens --help`, `lens <command> --help`.
 * Results go to stdout (or --out), progress and errors to stderr. Exit codes: 0 done, 1 anything unexpected,
 * 2 unusable input (with the import's full report), 64 wrong command line; publish also 69 (hub unavailable) and
 * 77 (token may not publish).
 * Each command is imported when it runs, so `--help` and `--version` load nothing but this file.
 */
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { CliError, EXIT_USAGE, usageError } from './cli-error.ts';

const COMMANDS = {
  score: {
    options: ['accounts', 'orders', 'products', 'contacts', 'insights', 'as-of', 'model', 'out'],
    usage: `score     --accounts A.csv --orders O.csv [--products P.csv] [--contacts C.csv] [--insights I.json]
            [--as-of YYYY-MM-DD] [--model model.json] [--out snapshot.json]
            (scores the exports into a snapshot the extension imports)`,
  },
  clv: {
    options: ['summary'],
    usage: `clv       --summary S.csv            (columns id, frequency, recency, T[, monetary_value])
            (fits BG/NBD and Gamma-Gamma and prints the parameters)`,
  },
  basket: {
    options: ['transactions', 'min-support', 'min-confidence', 'top'],
    usage: `basket    --transactions T [--min-support 0.01] [--min-confidence 0.5] [--top 20]
            (T: an orders CSV, or one basket a line with items separated by spaces; prints FP-growth rules)`,
  },
  generate: {
    options: ['accounts', 'seed', 'out', 'dialect'],
    usage: `generate  --accounts N --seed S --out DIR [--dialect de|en]
            (writes a realistic demo portfolio as ERP exports)`,
  },
  publish: {
    options: ['hub', 'token', 'accounts', 'orders', 'products', 'contacts', 'as-of', 'model'],
    usage: `publish   --hub URL --token T --accounts A.csv --orders O.csv [--products P.csv] [--contacts C.csv]
            [--as-of YYYY-MM-DD] [--model model.json]    (uploads to the team hub; needs an admin token)`,
  },
  points: {
    options: ['snapshot', 'out'],
    usage: `points    --snapshot S.json [--out points.csv]     (every talking point, shown or held out, as CSV)`,
  },
  effects: {
    options: ['snapshot', 'marks', 'orders', 'window-days', 'json'],
    usage: `effects   --snapshot before.json --marks marks.csv --orders after.csv [--window-days N] [--json]
            (what showing and raising each talking point changed in later orders, with 90 % intervals)`,
  },
} as const;
/** Options that are flags, not followed by a value. */
const FLAGS: ReadonlySet<string> = new Set(['json']);
type Command = keyof typeof COMMANDS;
type Values = Record<string, string | undefined>;

const EXIT_CODES = `exit codes: 0 done, 1 unexpected error, 2 unusable input, 64 wrong command line,
  69 hub unavailable, 77 token may not publish`;
const USAGE = `usage: lens <command> [options]      lens <command> --help      lens --version

${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}

${EXIT_CODES}
`;
const commandUsage = (command: Command): string => `usage: lens ${COMMANDS[command].usage}\n\n${EXIT_CODES}\n`;

const isHelp = (arg: string | undefined): boolean => arg === '--help' || arg === '-h';

function parse(command: Command, args: string[]): Values {
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(
        COMMANDS[command].options.map((name) => [
          name,
          { type: FLAGS.has(name) ? ('boolean' as const) : ('string' as const) },
        ]),
      ),
      allowPositionals: false,
      strict: true,
    });
    return values as Values;
  } catch (error) {
    throw usageError(`${command}: ${(error as Error).message}`);
  }
}

async function run(command: Command, values: Values, locale: 'de' | 'en'): Promise<string> {
  switch (command) {
    case 'score':
      return (await import('./commands/score.ts')).runScore(values, locale);
    case 'clv':
      return (await import('./commands/clv.ts')).runClv(values);
    case 'basket':
      return (await import('./commands/basket.ts')).runBasket(values);
    case 'generate':
      return (await import('./commands/generate.ts')).runGenerate(values);
    case 'publish':
      return (await import('./publish.ts')).runPublish(values);
    case 'points':
      return (await import('./commands/points.ts')).runPoints(values);
    case 'effects': {
      const { runEffects } = await import('./commands/effects.ts');
      return runEffects(values as Parameters<typeof runEffects>[0], locale);
    }
  }
}

/** Runs one command line; returns the exit code. Output goes to process.stdout/stderr. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || isHelp(command)) {
    (command === undefined ? process.stderr : process.stdout).write(USAGE);
    return command === undefined ? EXIT_USAGE : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`lens ${version}\n`);
    return 0;
  }
  const locale = /^de/i.test(process.env['LC_ALL'] ?? process.env['LANG'] ?? '') ? 'de' : 'en';
  try {
    if (!Object.hasOwn(COMMANDS, command)) throw usageError(`unknown command "${command}"`);
    if (rest.some(isHelp)) {
      process.stdout.write(commandUsage(command as Command));
      return 0;
    }
    process.stdout.write(await run(command as Command, parse(command as Command, rest), locale));
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`lens ${command}: ${error.message}\n`);
      if (error.exitCode === EXIT_USAGE) {
        process.stderr.write(`\n${Object.hasOwn(COMMANDS, command) ? commandUsage(command as Command) : USAGE}`);
      }
      return error.exitCode;
    }
    process.stderr.write(`lens ${command}: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
