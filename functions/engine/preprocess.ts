/**
 * Decoding and preprocessing with sharp: the upright grayscale raster, capped in size, encoded for Tesseract.
 * Measured on SROIE-like scans (docs/engine.md): blind upscaling and a global contrast stretch both hurt, a
 * downscale cap is free accuracy-wise and bounds time and memory.
 */
import sharp, { type Sharp } from 'sharp';
import { decodeError, type InputLimits, openImage } from './input.js';
import type { EncodedFormat } from './sniff.js';

/** An 8-bit grayscale raster, one byte per pixel, row-major. */
export interface GrayImage {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface DecodedImage {
  readonly gray: GrayImage;
  /** Upright size of the original (after EXIF orientation), before any downscale. */
  readonly uprightWidth: number;
  readonly uprightHeight: number;
}

export interface PreprocessOptions {
  /** Images wider than this are downscaled to it (never enlarged). */
  readonly maxWidth: number;
}

export const DEFAULT_PREPROCESS: PreprocessOptions = { maxWidth: 1200 };

export async function decodeImage(
  bytes: Uint8Array,
  format: EncodedFormat,
  limits: InputLimits,
  options: PreprocessOptions = DEFAULT_PREPROCESS,
): Promise<DecodedImage> {
  try {
    const image = openImage(bytes, format, limits);
    const metadata = await image.metadata();
    const width = metadata.autoOrient?.width ?? metadata.width;
    const height = metadata.autoOrient?.height ?? metadata.height;
    const { data, info } = await image
      .grayscale()
      .resize({ width: options.maxWidth, withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      gray: { data, width: info.width, height: info.height },
      uprightWidth: width ?? info.width,
      uprightHeight: height ?? info.height,
    };
  } catch (error) {
    throw decodeError(error, format, limits.maxPixels);
  }
}

/**
 * Binary PGM ("P5"): Leptonica inside tesseract.js reads it natively, so the raster crosses to the worker
 * without a PNG encode/decode round trip.
 */
export function toPgm(image: GrayImage): Buffer {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'ascii');
  return Buffer.concat([header, image.data]);
}

/** Runs a sharp operation on a gray raster and returns a gray raster. */
export async function transformGray(
  image: GrayImage,
  operation: (input: Sharp) => Sharp,
): Promise<GrayImage> {
  const input = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } });
  const { data, info } = await operation(input)
    // sharp widens one-channel raw input to sRGB on output; keep one byte per pixel.
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** A small copy for page analysis (layout.ts): enough to see text lines, cheap to scan. */
export function analysisCopy(image: GrayImage, maxSide = 600): Promise<GrayImage> {
  return transformGray(image, (input) =>
    input.resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true }),
  );
}

/** Turns the page clockwise by `degrees` (a quarter turn plus any skew), filling new corners with paper white. */
export async function rotateImage(image: GrayImage, degrees: number): Promise<GrayImage> {
  if (degrees % 360 === 0) return image;
  return transformGray(image, (input) => input.rotate(degrees, { background: '#ffffff' }));
}

/** A rectangle of the raster (no-op when it is the whole image). */
export async function cropImage(image: GrayImage, box: Box): Promise<GrayImage> {
  if (box.left === 0 && box.top === 0 && box.width === image.width && box.height === image.height)
    return image;
  return transformGray(image, (input) => input.extract(box));
}
