/** The command line of `pnpm eval`. */
import { parseArgs } from 'node:util';
import type { ModelRoles } from '@receipt-ocr/engine/internals';
import { parseModelRoles } from '../cli/model-roles.js';
import { type Floors, parseFloors } from './floors.js';

export const USAGE = [
  'usage: pnpm eval <set-dir>... [--json] [--limit N] [--show-misses] [--lang eng+spa] [--concurrency N]',
  '                 [--ocr-cache DIR] [--min total=0.9,date=0.9,...] [--floors FILE] [--models fast+best_int]',
].join('\n');

export class UsageError extends Error {
  readonly code = 'USAGE';
}

export interface EvalArgs {
  readonly dirs: string[];
  readonly json: boolean;
  readonly limit?: number;
  readonly showMisses: boolean;
  readonly languages?: string[];
  readonly concurrency: number;
  readonly cacheDir?: string;
  /** `--min`: floors for every set given. */
  readonly min?: Floors;
  /** `--floors`: a file of floors per set name. */
  readonly floorsFile?: string;
  /** `--models`: the model kinds that read pages and re-read lines (default the engine's). */
  readonly models?: ModelRoles;
}

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive integer, not "${value}"`);
  return n;
}

export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) throw new UsageError('give at least one set folder');
  const limit = positiveInteger('limit', values.limit);
  const languages = values.lang?.split('+').filter((l) => l !== '');
  let models: ModelRoles | undefined;
  try {
    models = parseModelRoles(values.models);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    dirs: positionals,
    json: values.json,
    showMisses: values['show-misses'],
    concurrency: positiveInteger('concurrency', values.concurrency) ?? 1,
    ...(limit !== undefined ? { limit } : {}),
    ...(languages ? { languages } : {}),
    ...(values['ocr-cache'] !== undefined ? { cacheDir: values['ocr-cache'] } : {}),
    ...(values.min !== undefined ? { min: parseFloors(values.min) } : {}),
    ...(values.floors !== undefined ? { floorsFile: values.floors } : {}),
    ...(models !== undefined ? { models } : {}),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      'show-misses': { type: 'boolean', default: false },
      lang: { type: 'string' },
      concurrency: { type: 'string' },
      'ocr-cache': { type: 'string' },
      min: { type: 'string' },
      floors: { type: 'string' },
      models: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
}
