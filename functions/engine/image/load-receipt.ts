/**
 * From image bytes to the receipt as the engine reads it: found on a small copy, then cut out at the scale
 * reading needs and warped flat. A receipt on an A4 page is read at its own resolution instead of the page's
 * shrunk to 1200 px; a 12 MP photo is never converted to gray or resized whole by libvips (about 300 ms on
 * that alone, measured), and its JPEG is decoded once (see decodeOnce).
 */
import sharp, { type Sharp } from 'sharp';
import { decodeError, type ImageSource, type InputLimits, openSource } from '../input.js';
import type { Box, GrayImage } from '../preprocess.js';
import type { EncodedFormat } from '../sniff.js';
import { type Frame, toStored, toUpright, uprightSize } from './exif.js';
import { findReceipts } from './find-receipt.js';
import { distance, orderCorners, type Point, type Quad } from './geometry.js';
import { luminance, luminanceHalf, luminanceShrink, type RasterImage } from './raster.js';
import { warpQuad } from './warp.js';

export interface LoadOptions {
  /** The receipt is read with its shorter side at most this long (never enlarged). */
  readonly maxSide: number;
  /** Longer side of the copy the receipt is looked for on (at most: see findSide). */
  readonly findSide: number;
  /** False reads the whole image without looking for a receipt in it (stacked PDF pages). Default true. */
  readonly find?: boolean;
  /**
   * False decodes a large photo twice, shrunk to find the receipt and then the receipt's region, as before
   * decodeOnce existed (kept for `tools/bench/capture.ts` to compare). Default true.
   */
  readonly decodeOnce?: boolean;
}

export const DEFAULT_LOAD: LoadOptions = { maxSide: 1200, findSide: 640 };

export interface LoadedReceipt {
  /** The receipt, cropped and flattened (or the whole upright image when nothing was cropped). */
  readonly image: GrayImage;
  /** Original pixels per pixel of `image`. */
  readonly scale: number;
  /** The receipt's corners in the upright original's pixels; undefined when the whole image is read. */
  readonly crop: Quad | undefined;
  /** How the crop was found ('paper' edges or the 'ink' area); undefined without a crop. */
  readonly cropMethod: 'paper' | 'ink' | undefined;
  /** Upright size of the original. */
  readonly width: number;
  readonly height: number;
}

/**
 * Where a receipt's pixels come from: the encoded image, decoded again per region by libvips, or the whole image
 * decoded once, in stored orientation.
 */
interface Pixels {
  readonly open: () => Sharp;
  readonly decoded: RasterImage | undefined;
  /** The source decodes to three colour channels (not gray, not with alpha, not CMYK). */
  readonly rgb: boolean;
}

async function raw(pipeline: Sharp): Promise<RasterImage> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** The receipt of the image (the largest, when several lie apart in one photo). */
export async function loadReceipt(
  bytes: Uint8Array,
  format: EncodedFormat,
  limits: InputLimits,
  options: LoadOptions = DEFAULT_LOAD,
): Promise<LoadedReceipt> {
  const receipts = await loadReceipts(bytes, format, limits, options, 1);
  // Never empty: without a receipt found, the whole image is the receipt.
  return receipts[0] as LoadedReceipt;
}

/**
 * Every receipt found in the image, largest first, each cropped and flattened (at most `max`); the whole
 * image when none is found.
 */
export function loadReceipts(
  bytes: Uint8Array,
  format: EncodedFormat,
  limits: InputLimits,
  options: LoadOptions = DEFAULT_LOAD,
  max = Number.POSITIVE_INFINITY,
): Promise<LoadedReceipt[]> {
  return loadReceiptsFrom({ bytes, format }, limits, options, max);
}

/** loadReceipts for any source: encoded bytes, or pixels a HEIF or PDF decoder produced. */
export async function loadReceiptsFrom(
  source: ImageSource,
  limits: InputLimits,
  options: LoadOptions = DEFAULT_LOAD,
  max = Number.POSITIVE_INFINITY,
): Promise<LoadedReceipt[]> {
  const { format } = source;
  try {
    const open = () => openSource(source, limits, { autoOrient: false });
    const metadata = await open().metadata();
    const frame: Frame = {
      width: metadata.width ?? 0,
      height: metadata.height ?? 0,
      orientation: metadata.orientation ?? 1,
    };
    const upright = uprightSize(frame);
    const longSide = Math.max(frame.width, frame.height);
    const side = findSide(longSide, options.findSide);
    const once = decodeOnce(frame, side, options);
    const pixels: Pixels = {
      open,
      decoded: once ? ('raw' in source ? source.raw : await raw(open())) : undefined,
      rgb: metadata.channels === 3 && metadata.space === 'srgb',
    };
    // The finding copy: from the decoded pixels by block means (libjpeg's 1/8 scaling is such a mean), else
    // shrunk on load by sharp.
    const shrink = Math.max(1, Math.round(longSide / side));
    const small =
      pixels.decoded === undefined
        ? await raw(open().resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true }))
        : luminanceShrink(pixels.decoded, shrink);
    const [perX, perY] =
      pixels.decoded === undefined
        ? [frame.width / small.width, frame.height / small.height]
        : [shrink, shrink];
    const found = options.find === false ? [] : findReceipts(small).slice(0, max);
    if (found.length === 0) {
      const image =
        pixels.decoded === undefined
          ? await wholeImage(open().autoOrient(), upright, options.maxSide)
          : (await cropReceipt(pixels, frame, boxCorners({ left: 0, top: 0, ...upright }), options.maxSide))
              .image;
      return [
        { image, scale: upright.width / image.width, crop: undefined, cropMethod: undefined, ...upright },
      ];
    }
    const toOriginal = (p: Point): Point => ({ x: p.x * perX, y: p.y * perY });
    const receipts: LoadedReceipt[] = [];
    for (const outline of found) {
      // Corners named in the upright picture (so an upright receipt stays upright), warped in stored pixels.
      const crop = orderCorners(outline.quad.map((p) => toUpright(frame, toOriginal(p))));
      const cut = await cropReceipt(pixels, frame, crop, options.maxSide);
      receipts.push({ ...cut, cropMethod: outline.method, ...upright });
    }
    return receipts;
  } catch (error) {
    throw decodeError(error, format, limits.maxPixels);
  }
}

/**
 * One receipt's quadrilateral (upright pixels) as a gray raster: a plain cut by libvips when it lies straight
 * (unless the image is already decoded: a second decode would cost more than the warp), else warped.
 */
async function cropReceipt(
  pixels: Pixels,
  frame: Frame,
  crop: Quad,
  maxSide: number,
): Promise<{ image: GrayImage; scale: number; crop: Quad }> {
  const box = pixels.decoded === undefined ? straightBox(crop, uprightSize(frame)) : undefined;
  if (box !== undefined && box.width * box.height <= MAX_CUT_PIXELS) {
    const image = await wholeImage(pixels.open().autoOrient().extract(box), box, maxSide);
    return { image, scale: box.width / image.width, crop: boxCorners(box) };
  }
  const stored = crop.map((p) => toStored(frame, p)) as unknown as Quad;
  const width = (distance(crop[0], crop[1]) + distance(crop[3], crop[2])) / 2;
  const height = (distance(crop[0], crop[3]) + distance(crop[1], crop[2])) / 2;
  const factor = Math.min(1, maxSide / Math.min(width, height));
  const image = await warpRegion(pixels, frame, stored, factor, {
    width: Math.max(1, Math.round(width * factor)),
    height: Math.max(1, Math.round(height * factor)),
  });
  return { image, scale: 1 / factor, crop };
}

/** Edges this close to the image's axes (degrees) make the crop a plain cut, as for a scan laid straight. */
const STRAIGHT = 3;
/**
 * A straight cut is made by libvips (gray conversion and resampling as for a whole scan, so a scan's pixels
 * are read as before) up to this size; larger regions of a photo are cheaper through the warp.
 */
const MAX_CUT_PIXELS = 4_000_000;

/**
 * The rectangle a crop amounts to when its edges run along the image's axes: each side at the mean of its two
 * corners. Undefined for a receipt lying at an angle or in perspective (that one is warped).
 */
function straightBox(quad: Quad, size: { width: number; height: number }): Box | undefined {
  const [tl, tr, br, bl] = quad;
  const off = (a: Point, b: Point, horizontal: boolean) =>
    (Math.atan2(Math.abs(horizontal ? b.y - a.y : b.x - a.x), Math.abs(horizontal ? b.x - a.x : b.y - a.y)) *
      180) /
    Math.PI;
  if (off(tl, tr, true) > STRAIGHT || off(bl, br, true) > STRAIGHT) return undefined;
  if (off(tl, bl, false) > STRAIGHT || off(tr, br, false) > STRAIGHT) return undefined;
  const left = Math.max(0, Math.round((tl.x + bl.x) / 2));
  const top = Math.max(0, Math.round((tl.y + tr.y) / 2));
  const right = Math.min(size.width, Math.round((tr.x + br.x) / 2));
  const bottom = Math.min(size.height, Math.round((bl.y + br.y) / 2));
  if (right - left < 1 || bottom - top < 1) return undefined;
  return { left, top, width: right - left, height: bottom - top };
}

function boxCorners(box: Box): Quad {
  const right = box.left + box.width;
  const bottom = box.top + box.height;
  return [
    { x: box.left, y: box.top },
    { x: right, y: box.top },
    { x: right, y: bottom },
    { x: box.left, y: bottom },
  ];
}

/**
 * The finding copy's longer side: `preferred`, or for a large photo the size libjpeg decodes at an eighth
 * (DC coefficients only; sharp takes that shortcut only for a shrink of 9 or more): 448 px for a 12 MP
 * photo's 4032, still 10 px per percent of a receipt across the frame. Measured: 26 vs 38 ms CPU to decode.
 */
function findSide(longSide: number, preferred: number): number {
  return longSide >= 9 * 400 ? Math.min(preferred, Math.floor(longSide / 9)) : preferred;
}

/**
 * Whole decoded pixels are held at most this size (3 bytes a pixel: 48 MB); a larger image is decoded per
 * region by libvips, which streams.
 */
const MAX_DECODED_PIXELS = 16_000_000;

/**
 * A large photo (one found on an eighth-size copy) is decoded once, whole, and both found and cut from those
 * pixels. Decoding it twice (shrunk to find, then the receipt's region) cost the entropy decoding of the file
 * twice: a JPEG cannot skip to a region, and a receipt fills most of a photo (measured in docs/engine.md).
 * Scans and pages keep the libvips path, so their pixels are read as before.
 */
function decodeOnce(frame: Frame, side: number, options: LoadOptions): boolean {
  return (
    options.decodeOnce !== false &&
    options.find !== false &&
    side < options.findSide &&
    frame.width * frame.height <= MAX_DECODED_PIXELS
  );
}

/**
 * Our own halving pass holds the decoded region whole (3 bytes a pixel): above this size libvips, which streams,
 * does the shrinking (and takes JPEG shrink-on-load from a factor of 3, as any image this large needs).
 */
const MAX_HALVED_PIXELS = 16_000_000;

/**
 * The whole upright image in gray, its shorter side capped (for a portrait scan: the width, as before). An
 * image at least twice the reading size (a photo, a page) is halved in one pass of our own first: libvips'
 * gray conversion and resize of a 12 MP photo cost twice its decode (measured).
 */
async function wholeImage(
  pipeline: Sharp,
  size: { width: number; height: number },
  maxSide: number,
): Promise<GrayImage> {
  const cap = { width: maxSide, height: maxSide, fit: 'outside', withoutEnlargement: true } as const;
  if (Math.min(size.width, size.height) < 2 * maxSide || size.width * size.height > MAX_HALVED_PIXELS) {
    const { data, info } = await pipeline.grayscale().resize(cap).raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  }
  const half = luminanceHalf(await raw(pipeline));
  const { data, info } = await sharp(half.data, {
    raw: { width: half.width, height: half.height, channels: 1 },
  })
    .resize(cap)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function gray8(image: RasterImage): { data: Uint8Array; width: number; height: number } {
  return { data: luminance(image), width: image.width, height: image.height };
}

/** luminance()'s weights (raster.ts) as a libvips recombination. */
const LUMA: [number, number, number] = [77 / 256, 150 / 256, 29 / 256];

/**
 * The luma of what `pipeline` decodes. Colour pixels go through libvips' recombination, which gives luminance()'s
 * bytes exactly while streaming instead of holding the decoded colour whole: a receipt's region of a 35 MP page
 * scan is 28 MB in colour, the highest point of the engine's memory over the dev scans.
 */
export async function grayRegion(
  pipeline: Sharp,
  rgb: boolean,
): Promise<{ data: Uint8Array; width: number; height: number }> {
  if (!rgb) return gray8(await raw(pipeline));
  const { data, info } = await pipeline
    .recomb([LUMA, LUMA, LUMA])
    // libvips truncates the weighted sum to a byte where luminance() rounds it.
    .linear(1, 0.5)
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * Decodes the stored-pixel bounding box of `quad` and warps the quad into `size`. The region is decoded at
 * full resolution (cheaper than libvips resampling it: measured 60 vs 140 ms for a receipt on a 12 MP photo)
 * and the warp's bilinear sampling does the shrinking; a shrink to under half, where bilinear sampling would
 * skip pixels, averages 2x2 blocks first (sharp takes JPEG shrink-on-load only from a factor of 3).
 */
async function warpRegion(
  pixels: Pixels,
  frame: Frame,
  quad: Quad,
  factor: number,
  size: { width: number; height: number },
): Promise<GrayImage> {
  const bounds = (scale: number, width: number, height: number) => {
    const xs = quad.map((p) => p.x * scale);
    const ys = quad.map((p) => p.y * scale);
    const left = Math.max(0, Math.floor(Math.min(...xs)) - 2);
    const top = Math.max(0, Math.floor(Math.min(...ys)) - 2);
    const right = Math.min(width, Math.ceil(Math.max(...xs)) + 2);
    const bottom = Math.min(height, Math.ceil(Math.max(...ys)) + 2);
    return { left, top, width: right - left, height: bottom - top };
  };
  const region = bounds(1, frame.width, frame.height);
  let gray: { data: Uint8Array; width: number; height: number };
  let scale: number;
  let origin: { left: number; top: number };
  const { open, decoded, rgb } = pixels;
  if (factor >= 0.5) {
    gray =
      decoded === undefined
        ? await grayRegion(open().extract(region), rgb)
        : { data: luminance(decoded, region), width: region.width, height: region.height };
    scale = 1;
    origin = region;
  } else if (decoded !== undefined || region.width * region.height <= MAX_HALVED_PIXELS) {
    // Bilinear sampling skips pixels below half size: halve first by averaging.
    gray =
      decoded === undefined
        ? luminanceHalf(await raw(open().extract(region)))
        : luminanceHalf(decoded, region);
    scale = 0.5;
    origin = { left: region.left * scale, top: region.top * scale };
  } else {
    // A huge region is left to libvips, which streams it instead of holding it whole.
    scale = factor * 2;
    const width = Math.max(1, Math.round(frame.width * scale));
    const height = Math.max(1, Math.round(frame.height * scale));
    const scaled = bounds(scale, width, height);
    gray = await grayRegion(open().resize({ width, height, fit: 'fill' }).extract(scaled), rgb);
    origin = scaled;
  }
  const local = quad.map((p) => ({
    x: p.x * scale - origin.left,
    y: p.y * scale - origin.top,
  })) as unknown as Quad;
  return warpQuad({ ...gray, data: Buffer.from(gray.data.buffer) }, local, size.width, size.height);
}
