/** Small helpers the locale packs share: house numbers, ids, catalogue entries, rate periods. */

import { between } from '../dates.js';
import type { VatClass, Ymd } from '../model.js';
import type { Rng } from '../random.js';
import type { CatalogueItem } from './types.js';

export function houseNumber(rng: Rng, max = 180): string {
  const n = rng.int(1, rng.chance(0.7) ? 60 : max);
  return rng.chance(0.08) ? `${n}${rng.pick(['a', 'b', 'c'])}` : String(n);
}

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function randomChars(rng: Rng, alphabet: string, count: number): string {
  let s = '';
  for (let i = 0; i < count; i += 1) s += alphabet[rng.int(0, alphabet.length - 1)];
  return s;
}

export const hex = (rng: Rng, count: number) => randomChars(rng, HEX, count);
export const base64 = (rng: Rng, count: number) => randomChars(rng, B64, count);
export const upperAlnum = (rng: Rng, count: number) =>
  randomChars(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', count);

/** A catalogue entry: name, price range in cents (per piece, kg or litre), VAT class and extras. */
export function item(
  name: string,
  min: number,
  max: number,
  vat: VatClass,
  extra: Partial<Pick<CatalogueItem, 'unit' | 'deposit' | 'multi' | 'regions'>> = {},
): CatalogueItem {
  return { name, min, max, vat, ...extra };
}

/** A rate that applied in a period and another one outside it. */
export function during(date: Ymd, from: Ymd, to: Ymd, inside: number, outside: number): number {
  return between(date, from, to) ? inside : outside;
}

export const ymd = (y: number, m: number, d: number): Ymd => ({ y, m, d });

/** Joins a first part and a legal form the way a shop's name line prints it. */
export function withForm(rng: Rng, name: string, forms: readonly string[], probability: number): string {
  return rng.chance(probability) ? `${name} ${rng.pick(forms)}` : name;
}
