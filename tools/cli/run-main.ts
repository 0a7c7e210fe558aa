import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * How a command-line tool ends: with the exit code its main returns; after an input error (bad arguments or
 * input files) with its message, the usage and code 2; after anything else with "<name>: message" and code 1.
 */
export function runMain(
  name: string,
  usage: string,
  main: () => Promise<number>,
  isInputError: (error: unknown) => boolean,
): void {
  exitWithUsageIfAsked(usage);
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (isInputError(error)) {
        process.stderr.write(`${message}\n${usage}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`${name}: ${message}\n`);
        process.exitCode = 1;
      }
    },
  );
}

/** `--help` or `-h` before any `--`: the usage on stdout and code 0, whatever else the command line holds. */
export function exitWithUsageIfAsked(usage: string, argv: readonly string[] = process.argv.slice(2)): void {
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
}

/** Node's parseArgs rejects an unknown option, a missing value or a stray argument with these codes. */
export function isArgumentError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/**
 * parseArgs for a script whose code runs at the top level: `--help` prints the usage, a wrong option ends it with
 * parseArgs' message, the usage and code 2, not a stack trace.
 */
export function parseArgsOrExit<T extends ParseArgsConfig>(
  usage: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  exitWithUsageIfAsked(usage, config.args);
  try {
    return parseArgs(config);
  } catch (error) {
    if (!isArgumentError(error)) throw error;
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
}
