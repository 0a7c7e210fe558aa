/**
 * Input checks and decoding: whether the bytes are an image we read (sniff.ts), too big or broken, and the
 * decoded grayscale raster. Every rejection is an EngineError with a code the CLI, the Lambda and the API share.
 */
import bmp from 'bmp-js';
import sharp, { type Sharp } from 'sharp';
import { ACCEPTED_FORMATS_HINT } from '../contract/media-types.js';
import { EngineError } from './errors.js';
import { ACCEPTED_FORMATS, type AcceptedFormat, detectImageFormat, type EncodedFormat } from './sniff.js';

// libvips caches decoded tiles between operations; with one image at a time that is only memory growth.
sharp.cache(false);

/** Decoded pixels, as the HEIF decoder and the PDF reader hand them over. */
export interface RawPixels {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3 | 4;
}

/** What an image is opened from: its bytes in a format sharp reads, or pixels decoded elsewhere. */
export type ImageSource =
  | { readonly bytes: Uint8Array; readonly format: EncodedFormat }
  | { readonly raw: RawPixels; readonly format: AcceptedFormat };

export interface InputLimits {
  readonly maxBytes: number;
  readonly maxPixels: number;
}

function isAccepted(format: string | undefined): format is AcceptedFormat {
  return (ACCEPTED_FORMATS as readonly string[]).includes(format ?? '');
}

/** Checks size and format; throws EMPTY_FILE, TOO_LARGE or UNSUPPORTED_FORMAT. */
export function checkInput(bytes: Uint8Array, limits: InputLimits): AcceptedFormat {
  if (bytes.length === 0) throw new EngineError('EMPTY_FILE', 'The file is empty: upload a receipt image');
  if (bytes.length > limits.maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new EngineError(
      'TOO_LARGE',
      `The file is ${mb(bytes.length)} MB; the limit is ${mb(limits.maxBytes)} MB: upload a smaller image`,
    );
  }
  const format = detectImageFormat(bytes);
  if (!isAccepted(format)) {
    const what = format === undefined ? 'not a recognised image' : `${format.toUpperCase()}`;
    throw new EngineError('UNSUPPORTED_FORMAT', `The file is ${what}: ${ACCEPTED_FORMATS_HINT}`);
  }
  return format;
}

/**
 * checkInput for callers that open the bytes with sharp themselves (the image tools and benches): HEIF and
 * PDF, which the engine decodes first, are refused with UNSUPPORTED_FORMAT.
 */
export function checkEncodedInput(bytes: Uint8Array, limits: InputLimits): EncodedFormat {
  const format = checkInput(bytes, limits);
  if (format === 'heif' || format === 'pdf') {
    throw new EngineError('UNSUPPORTED_FORMAT', `This tool reads images only, not ${format.toUpperCase()}`);
  }
  return format;
}

export function tooManyPixels(width: number, height: number, maxPixels: number): EngineError {
  return new EngineError(
    'TOO_MANY_PIXELS',
    `The image is ${width}x${height} pixels; the limit is ${(maxPixels / 1e6).toFixed(0)} megapixels: upload a smaller image`,
  );
}

/**
 * BMP through bmp-js (sharp/libvips has no BMP loader). Dimensions are checked from the header before any
 * pixel is allocated, so a BMP cannot be a decompression bomb either.
 */
function decodeBmp(bytes: Uint8Array, maxPixels: number): Sharp {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = buffer.readInt32LE(18);
  const height = Math.abs(buffer.readInt32LE(22));
  if (width <= 0 || height <= 0) throw new EngineError('CORRUPT_IMAGE', 'The BMP header has no valid size');
  if (width * height > maxPixels) throw tooManyPixels(width, height, maxPixels);
  let decoded: { data: Buffer; width: number; height: number };
  try {
    decoded = bmp.decode(buffer);
  } catch (error) {
    throw new EngineError('CORRUPT_IMAGE', 'The BMP file is damaged or truncated: re-export it', false, {
      cause: error,
    });
  }
  // bmp-js yields ABGR quadruplets; sharp wants RGB.
  const rgb = Buffer.alloc(decoded.width * decoded.height * 3);
  for (let source = 0, target = 0; target < rgb.length; source += 4, target += 3) {
    rgb[target] = decoded.data[source + 3] ?? 0;
    rgb[target + 1] = decoded.data[source + 2] ?? 0;
    rgb[target + 2] = decoded.data[source + 1] ?? 0;
  }
  return sharp(rgb, { raw: { width: decoded.width, height: decoded.height, channels: 3 } });
}

/**
 * A sharp pipeline over the input: first frame only (GIF/TIFF), pixel limit enforced, EXIF orientation
 * applied unless `autoOrient: false` (the receipt loader maps orientation itself, image/exif.ts). An embedded
 * ICC profile is ignored: phone photos carry Display P3 profiles whose colour conversion tripled the decode
 * time of a 1.5 MP photo (81 vs 26 ms CPU, measured) for nothing a gray reading of black print needs.
 */
export function openImage(
  bytes: Uint8Array,
  format: EncodedFormat,
  limits: InputLimits,
  options: { autoOrient: boolean } = { autoOrient: true },
): Sharp {
  if (format === 'bmp') return decodeBmp(bytes, limits.maxPixels);
  // failOn 'truncated': a cut-off upload is an error, but a mere warning (odd EXIF, extra bytes) is not.
  const image = sharp(bytes, {
    limitInputPixels: limits.maxPixels,
    failOn: 'truncated',
    pages: 1,
    ignoreIcc: true,
  });
  return options.autoOrient ? image.autoOrient() : image;
}

/** openImage for any source: decoded pixels carry no EXIF, and were checked against the pixel limit already. */
export function openSource(
  source: ImageSource,
  limits: InputLimits,
  options: { autoOrient: boolean } = { autoOrient: true },
): Sharp {
  if ('bytes' in source) return openImage(source.bytes, source.format, limits, options);
  const { data, width, height, channels } = source.raw;
  if (width * height > limits.maxPixels) throw tooManyPixels(width, height, limits.maxPixels);
  return sharp(data, { raw: { width, height, channels } });
}

/** Maps a libvips failure to the error the user can act on. */
export function decodeError(error: unknown, format: AcceptedFormat, maxPixels: number): EngineError {
  if (error instanceof EngineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new EngineError(
      'TOO_MANY_PIXELS',
      `The image has more than ${(maxPixels / 1e6).toFixed(0)} megapixels: upload a smaller image`,
      false,
      { cause: error },
    );
  }
  return new EngineError(
    'CORRUPT_IMAGE',
    `The ${format.toUpperCase()} file is damaged or truncated and cannot be decoded: upload it again`,
    false,
    { cause: error },
  );
}
