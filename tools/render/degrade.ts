/**
 * Degradations: each a pure function of an image and its parameters (random choices are drawn beforehand by
 * `drawDegradation` and kept in the labels, so an image can be made again from them). The input is the flat
 * scan (grey, about 300 dpi); photos come back in colour.
 */
import { drawPhotoParams, type PhotoParams, photograph } from './photo.js';
import { Rng } from './random.js';
import { clampByte, fromSharp, noiseTable, type Raster, smoothNoise, toSharp } from './raster.js';

export type VariantSet = 'turned' | 'skewed' | 'photo' | 'faded' | 'page';
export const VARIANT_SETS: readonly VariantSet[] = ['turned', 'skewed', 'photo', 'faded', 'page'];

export interface RotateParams {
  readonly kind: 'rotate';
  readonly degrees: 90 | 180 | 270;
}

export interface SkewParams {
  readonly kind: 'skew';
  /** Positive is clockwise. */
  readonly degrees: number;
  /** Grey level of the scanner bed the turned corners show. */
  readonly background: number;
}

export interface LowContrastParams {
  readonly kind: 'low-contrast';
  /** Where paper white and ink black end up (grey levels). */
  readonly paper: number;
  readonly ink: number;
}

export interface FadedParams {
  readonly kind: 'faded';
  /** Grey level of the faded ink where it faded least and most. */
  readonly inkDark: number;
  readonly inkLight: number;
  /** Size of the fade patches in pixels. */
  readonly patch: number;
  /** Paper turned a little darker with age. */
  readonly paper: number;
  readonly seed: number;
}

export interface PageParams {
  readonly kind: 'page';
  readonly page: 'white' | 'grey';
  /** A4 at 300 dpi. */
  readonly width: 2480;
  readonly height: 3508;
  /** Top-left corner of the receipt as shares of the room left on the page. */
  readonly x: number;
  readonly y: number;
  readonly tone: number;
  readonly seed: number;
}

export type Degradation =
  | RotateParams
  | SkewParams
  | PhotoParams
  | LowContrastParams
  | FadedParams
  | PageParams;

export function drawDegradation(set: VariantSet, rng: Rng): Degradation {
  switch (set) {
    case 'turned':
      return { kind: 'rotate', degrees: rng.pick([90, 180, 270] as const) };
    case 'skewed':
      return {
        kind: 'skew',
        degrees: ((rng.chance(0.5) ? -1 : 1) * Math.round(rng.float(1, 15) * 10)) / 10,
        background: rng.pick([255, 255, 235, 200]),
      };
    case 'photo':
      return drawPhotoParams(rng);
    case 'faded':
      return rng.chance(0.5)
        ? { kind: 'low-contrast', paper: rng.int(195, 225), ink: rng.int(105, 150) }
        : {
            kind: 'faded',
            inkDark: rng.int(90, 130),
            inkLight: rng.int(165, 200),
            patch: rng.int(80, 260),
            paper: rng.int(222, 240),
            seed: rng.int(0, 0x7fffffff),
          };
    case 'page':
      return {
        kind: 'page',
        page: rng.chance(0.5) ? 'white' : 'grey',
        width: 2480,
        height: 3508,
        x: rng.next(),
        y: rng.next(),
        tone: rng.int(185, 225),
        seed: rng.int(0, 0x7fffffff),
      };
  }
}

/** Paper and ink levels of a grey scan: 95th and 1st percentiles of its histogram. */
function levels(image: Raster): { paper: number; ink: number } {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < image.data.length; i += 7) {
    const v = image.data[i] as number;
    histogram[v] = (histogram[v] as number) + 1;
  }
  const total = histogram.reduce((a, b) => a + b, 0);
  const percentile = (p: number) => {
    let seen = 0;
    for (let v = 0; v < 256; v += 1) {
      seen += histogram[v] as number;
      if (seen >= total * p) return v;
    }
    return 255;
  };
  return { paper: Math.max(percentile(0.95), 60), ink: Math.min(percentile(0.01), 120) };
}

async function lowContrast(image: Raster, p: LowContrastParams): Promise<Raster> {
  const { paper, ink } = levels(image);
  const a = (p.paper - p.ink) / Math.max(1, paper - ink);
  return fromSharp(toSharp(image).linear(a, p.ink - a * ink), 1);
}

/** Thermal fade: ink turns light grey, unevenly; paper darkens a little. */
async function faded(image: Raster, p: FadedParams): Promise<Raster> {
  const rng = new Rng(p.seed);
  const { paper, ink } = levels(image);
  const patches = smoothNoise(rng, image.width, image.height, p.patch);
  const out = Buffer.alloc(image.data.length);
  const span = Math.max(1, paper - ink);
  for (let i = 0; i < out.length; i += 1) {
    const coverage = Math.min(1, Math.max(0, (paper - (image.data[i] as number)) / span));
    const inkLevel = p.inkDark + ((p.inkLight - p.inkDark) * (patches[i] as number)) / 255;
    out[i] = clampByte(p.paper - (p.paper - inkLevel) * coverage);
  }
  return { ...image, data: out };
}

async function onPage(image: Raster, p: PageParams): Promise<Raster> {
  const rng = new Rng(p.seed);
  const fit = Math.min(1, (p.width - 40) / image.width, (p.height - 40) / image.height);
  const receipt =
    fit < 1
      ? await fromSharp(
          toSharp(image).resize(Math.floor(image.width * fit), Math.floor(image.height * fit)),
          1,
        )
      : image;
  // The page: a scanner's white, or the grey of its lid, with a slow shading (separable: cheap at 8.7 MP)
  // and some sensor noise.
  const base = p.page === 'white' ? 252 : p.tone;
  const depth = p.page === 'white' ? 3 : 14;
  const across = smoothNoise(rng, p.width, 1, 700);
  const down = smoothNoise(rng, p.height, 1, 900);
  const noise = noiseTable(rng);
  const page = Buffer.alloc(p.width * p.height);
  for (let y = 0; y < p.height; y += 1) {
    const row = base - (depth * (down[y] as number)) / 510;
    for (let x = 0; x < p.width; x += 1) {
      const i = y * p.width + x;
      const n = noise[(Math.imul(i, 0x9e3779b1) >>> 16) & 0xffff] as number;
      page[i] = clampByte(row - (depth * (across[x] as number)) / 510 + 2 * n);
    }
  }
  const left = Math.round(p.x * (p.width - receipt.width));
  const top = Math.round(p.y * (p.height - receipt.height));
  for (let y = 0; y < receipt.height; y += 1) {
    receipt.data.copy(page, (top + y) * p.width + left, y * receipt.width, (y + 1) * receipt.width);
  }
  return { data: page, width: p.width, height: p.height, channels: 1 };
}

export async function degrade(image: Raster, d: Degradation): Promise<Raster> {
  switch (d.kind) {
    case 'rotate':
      return fromSharp(toSharp(image).rotate(d.degrees), image.channels);
    case 'skew':
      return fromSharp(
        toSharp(image).rotate(d.degrees, {
          background: { r: d.background, g: d.background, b: d.background },
        }),
        image.channels,
      );
    case 'photo':
      return photograph(image, d);
    case 'low-contrast':
      return lowContrast(image, d);
    case 'faded':
      return faded(image, d);
    case 'page':
      return onPage(image, d);
  }
}

/** The format a variant is written in: photos as phone JPEGs, pages as scanned JPEGs, the rest as their flat scan. */
export function variantFormat(
  d: Degradation,
  flat: { readonly format: 'png' | 'jpg'; readonly quality: number },
): { format: 'png' | 'jpg'; quality: number } {
  if (d.kind === 'photo') return { format: 'jpg', quality: d.jpegQuality };
  if (d.kind === 'page') return { format: 'jpg', quality: 90 };
  return flat;
}
