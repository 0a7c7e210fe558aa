/**
 * Raw images passed between the renderer and the degradations (8-bit grey or RGB, row-major), their sharp
 * conversions, and the seeded noise fields the paper, ink and lighting effects are made of.
 */
import sharp, { type Sharp } from 'sharp';
import type { Rng } from './random.js';

export interface Raster {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

export function toSharp(raster: Raster): Sharp {
  return sharp(raster.data, {
    raw: { width: raster.width, height: raster.height, channels: raster.channels },
  });
}

export async function fromSharp(image: Sharp, channels: 1 | 3): Promise<Raster> {
  const pipeline = channels === 1 ? image.greyscale() : image.removeAlpha().toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) {
    // sharp keeps 3 bands for a grey image it was not told to reduce: take the first band.
    const out = Buffer.alloc(info.width * info.height * channels);
    for (let i = 0, j = 0; j < out.length; i += info.channels, j += channels) {
      for (let c = 0; c < channels; c += 1) out[j + c] = data[i + Math.min(c, info.channels - 1)] ?? 0;
    }
    return { data: out, width: info.width, height: info.height, channels };
  }
  return { data, width: info.width, height: info.height, channels };
}

export type ImageFormat = 'png' | 'jpg';

export async function encode(raster: Raster, format: ImageFormat, quality = 90): Promise<Buffer> {
  const image = toSharp(raster);
  return format === 'png'
    ? image.png({ compressionLevel: 2 }).toBuffer()
    : image.jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
}

/** Grey to RGB with a paper tint (multiplies each channel). */
export function tint(raster: Raster, rgb: readonly [number, number, number]): Raster {
  if (raster.channels === 3) return raster;
  const out = Buffer.alloc(raster.width * raster.height * 3);
  for (let i = 0, j = 0; i < raster.data.length; i += 1, j += 3) {
    const v = raster.data[i] ?? 0;
    out[j] = (v * rgb[0]) / 255;
    out[j + 1] = (v * rgb[1]) / 255;
    out[j + 2] = (v * rgb[2]) / 255;
  }
  return { data: out, width: raster.width, height: raster.height, channels: 3 };
}

/**
 * Smooth noise in 0..255: random values on a grid `cell` pixels apart (or [x, y] apart: stretched grain),
 * interpolated bilinearly. Deterministic for a given generator state. (Plain JavaScript: libvips's upscaling
 * of a tiny grid to megapixels was several times slower.)
 */
export function smoothNoise(
  rng: Rng,
  width: number,
  height: number,
  cell: number | readonly [number, number],
): Buffer {
  const [cx, cy] = typeof cell === 'number' ? [cell, cell] : cell;
  const gw = Math.max(2, Math.ceil(width / cx) + 2);
  const gh = Math.max(2, Math.ceil(height / cy) + 2);
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i += 1) grid[i] = rng.next() * 255;
  const xs = new Int32Array(width);
  const fx = new Float32Array(width);
  for (let x = 0; x < width; x += 1) {
    xs[x] = Math.floor(x / cx);
    fx[x] = x / cx - Math.floor(x / cx);
  }
  const out = Buffer.alloc(width * height);
  for (let y = 0; y < height; y += 1) {
    const gy = Math.floor(y / cy);
    const fy = y / cy - gy;
    const r0 = gy * gw;
    const r1 = r0 + gw;
    for (let x = 0; x < width; x += 1) {
      const ix = xs[x] as number;
      const f = fx[x] as number;
      const top = (grid[r0 + ix] as number) + ((grid[r0 + ix + 1] as number) - (grid[r0 + ix] as number)) * f;
      const bottom =
        (grid[r1 + ix] as number) + ((grid[r1 + ix + 1] as number) - (grid[r1 + ix] as number)) * f;
      out[y * width + x] = top + (bottom - top) * fy;
    }
  }
  return out;
}

/** A fast table of small noise values (triangular distribution in [-1, 1]), indexed with a cheap hash. */
export function noiseTable(rng: Rng, size = 65536): Float32Array {
  const table = new Float32Array(size);
  for (let i = 0; i < size; i += 1) table[i] = rng.next() + rng.next() - 1;
  return table;
}

export function clampByte(v: number): number {
  return v < 0 ? 0 : Math.min(v, 255);
}
