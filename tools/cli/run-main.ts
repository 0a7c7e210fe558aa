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
