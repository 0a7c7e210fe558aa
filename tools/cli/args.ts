/** `pnpm ocr [--json] [--lang eng+spa] [--concurrency N] <file|dir>...` */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_LANGUAGES } from '@receipt-ocr/engine/language-models';

export interface OcrArgs {
  readonly json: boolean;
  readonly languages: string[];
  readonly concurrency: number;
  readonly paths: string[];
}

export const USAGE = 'usage: pnpm ocr [--json] [--lang eng+spa] [--concurrency N] <file|dir>...';

export class UsageError extends Error {}

export function parseOcrArgs(argv: readonly string[]): OcrArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('no input: give at least one image file or folder');
  const languages = (values.lang ?? DEFAULT_LANGUAGES.join('+'))
    .split('+')
    .filter((language) => language !== '');
  if (languages.length === 0 || languages.some((language) => !/^[a-z_]+$/i.test(language))) {
    throw new UsageError(`--lang must look like eng or eng+spa, not "${values.lang}"`);
  }
  const concurrency = values.concurrency === undefined ? availableParallelism() : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new UsageError(`--concurrency must be a positive integer, not "${values.concurrency}"`);
  }
  return { json: values.json ?? false, languages, concurrency, paths: positionals };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      lang: { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
}
