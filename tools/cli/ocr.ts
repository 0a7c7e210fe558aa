/**
 * `pnpm ocr`: receipts in, fields out. With --json, stdout carries exactly one JSON object per input and
 * nothing else (progress and errors go to stderr). One bad file never stops the batch; the exit code is 1 if
 * any input failed, 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { isEngineError } from '@receipt-ocr/engine';
import { parseOcrArgs, USAGE, UsageError } from './args.js';
import { expandInputs, type InputFile } from './inputs.js';
import { runPool, withEngines } from './pool.js';
import { type Outcome, toJsonLine, toSummary } from './report.js';
import { runMain } from './run-main.js';

async function readOne(
  engine: Parameters<Parameters<typeof runPool>[2]>[0],
  input: InputFile,
): Promise<Outcome> {
  if (input.problem !== undefined) {
    return {
      file: input.file,
      ok: false,
      error: { code: 'READ_ERROR', message: `cannot read: ${input.problem}` },
    };
  }
  try {
    const bytes = await readFile(input.file);
    const result = await engine.process({ bytes });
    return { file: input.file, ok: true, result };
  } catch (error) {
    if (isEngineError(error))
      return { file: input.file, ok: false, error: { code: error.code, message: error.message } };
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string') {
      return { file: input.file, ok: false, error: { code: 'READ_ERROR', message: `cannot read: ${code}` } };
    }
    return { file: input.file, ok: false, error: { code: 'INTERNAL', message: String(error) } };
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseOcrArgs(argv);
  const inputs = await expandInputs(args.paths);
  if (inputs.length === 0) throw new UsageError('the folders given hold no files');
  const engines = Math.min(args.concurrency, inputs.length);
  let done = 0;
  let failed = 0;
  // Outcomes are printed in input order; a receipt finished early waits for the ones before it.
  const finished: (Outcome | undefined)[] = [];
  let printed = 0;
  await withEngines(engines, { languages: args.languages }, (pool) =>
    runPool(pool, inputs, async (engine, input, index) => {
      const outcome = await readOne(engine, input);
      done += 1;
      if (!outcome.ok) failed += 1;
      if (args.json) process.stderr.write(`[${done}/${inputs.length}] ${input.file}\n`);
      finished[index] = outcome;
      for (let ready = finished[printed]; ready !== undefined; ready = finished[printed]) {
        process.stdout.write(args.json ? `${toJsonLine(ready)}\n` : toSummary(ready));
        finished[printed] = undefined;
        printed += 1;
      }
    }),
  );
  if (failed > 0) process.stderr.write(`${failed} of ${inputs.length} input(s) failed\n`);
  return failed > 0 ? 1 : 0;
}

runMain(
  'ocr',
  USAGE,
  () => main(process.argv.slice(2)),
  (error) => error instanceof UsageError,
);
