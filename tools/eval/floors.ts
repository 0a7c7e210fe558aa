/**
 * Accuracy floors: `--min total=0.92,date=0.9` (every set given) and `--floors FILE` (per set name, the file
 * CI reads). A set below a floor fails the command; a floor on a field the set does not label is an error.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LabelledField } from './labels.js';
import type { Summary } from './score.js';

/** Floor keys, the summary figure each checks and the label field that figure needs. */
const FIGURES = {
  total: { field: 'total', read: (s: Summary) => s.accuracy.total?.rate },
  date: { field: 'date', read: (s: Summary) => s.accuracy.date?.rate },
  companyExact: { field: 'company', read: (s: Summary) => s.accuracy.companyExact?.rate },
  companyNear: { field: 'company', read: (s: Summary) => s.accuracy.companyNear?.rate },
  addressExact: { field: 'address', read: (s: Summary) => s.accuracy.addressExact?.rate },
  addressNear: { field: 'address', read: (s: Summary) => s.accuracy.addressNear?.rate },
  currency: { field: 'currency', read: (s: Summary) => s.accuracy.currency?.rate },
  itemsF1: { field: 'items', read: (s: Summary) => s.items?.f1 },
} satisfies Record<string, { field: LabelledField; read: (s: Summary) => number | undefined }>;

export type FloorKey = keyof typeof FIGURES;
export type Floors = Partial<Record<FloorKey, number>>;

export class FloorsError extends Error {
  readonly code = 'BAD_FLOORS';
}

const KNOWN = Object.keys(FIGURES) as FloorKey[];
const isKey = (key: string): key is FloorKey => (KNOWN as string[]).includes(key);

function checked(key: string, value: unknown, where: string): [FloorKey, number] {
  if (!isKey(key)) throw new FloorsError(`${where}: unknown figure "${key}" (known: ${KNOWN.join(', ')})`);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new FloorsError(`${where}: ${key} needs a number from 0 to 1, not "${String(value)}"`);
  }
  return [key, value];
}

/** `total=0.92,date=0.9` -> { total: 0.92, date: 0.9 }. */
export function parseFloors(spec: string): Floors {
  const pairs = spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (pairs.length === 0)
    throw new FloorsError('--min: expected figure=value pairs such as total=0.92,date=0.9');
  return Object.fromEntries(
    pairs.map((pair) => {
      const [key = '', value, ...rest] = pair.split('=');
      if (value === undefined || rest.length > 0)
        throw new FloorsError(`--min: "${pair}" is not figure=value`);
      return checked(key.trim(), value.trim() === '' ? Number.NaN : Number(value), '--min');
    }),
  );
}

const FloorsFileSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

/** A floors file: `{ "<set name>": { "total": 0.9, ... }, ... }`. */
export function readFloorsFile(path: string): Map<string, Floors> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FloorsError(`--floors ${path}: ${(error as Error).message}`);
  }
  const parsed = FloorsFileSchema.safeParse(json);
  if (!parsed.success)
    throw new FloorsError(`--floors ${path}: expected { "<set name>": { "<figure>": 0.9 } }`);
  return new Map(
    Object.entries(parsed.data).map(([set, floors]) => [
      set,
      Object.fromEntries(
        Object.entries(floors).map(([key, value]) => checked(key, value, `${path} "${set}"`)),
      ),
    ]),
  );
}

/** Throws when a floor names a field the set does not label: such a floor could never be met or broken. */
export function assertLabelled(set: string, floors: Floors, labelled: ReadonlySet<LabelledField>): void {
  for (const key of Object.keys(floors) as FloorKey[]) {
    const { field } = FIGURES[key];
    if (!labelled.has(field)) {
      throw new FloorsError(`${set}: a floor on ${key}, but no receipt of the set labels ${field}`);
    }
  }
}

function format(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** One message per figure below its floor, e.g. "dev: total 0.875 < floor 0.92". */
export function belowFloors(set: string, floors: Floors, summary: Summary): string[] {
  return (Object.entries(floors) as [FloorKey, number][]).flatMap(([key, floor]) => {
    const value = FIGURES[key].read(summary);
    if (value === undefined)
      return [`${set}: ${key} was not measured (no receipt labels ${FIGURES[key].field})`];
    return value < floor ? [`${set}: ${key} ${format(value)} < floor ${format(floor)}`] : [];
  });
}
