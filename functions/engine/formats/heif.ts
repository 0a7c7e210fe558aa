/**
 * HEIC/HEIF (iPhone photos) to pixels. sharp's prebuilt libvips leaves HEVC out on purpose (patents), so the
 * image is decoded by libheif compiled to WebAssembly (heic-decode over libheif-js, LGPL-3.0, shipped
 * unmodified: THIRD-PARTY-NOTICES.md) and handed to sharp as raw RGBA. libheif assembles grid images (an
 * iPhone photo is a grid of 512x512 HEVC tiles) and applies the container's rotation and mirroring (irot,
 * imir) itself, so the pixels arrive upright; HEIF carries no EXIF orientation that still needs applying.
 */
import decode from 'heic-decode';
import { EngineError } from '../errors.js';
import { type InputLimits, type RawPixels, tooManyPixels } from '../input.js';

export async function decodeHeif(bytes: Uint8Array, limits: InputLimits): Promise<RawPixels> {
  let images: Awaited<ReturnType<typeof decode.all>>;
  try {
    images = await decode.all({ buffer: bytes });
  } catch (error) {
    throw corrupt(error);
  }
  try {
    // The primary image comes first; further ones are thumbnails or burst frames.
    const first = images[0];
    if (first === undefined) throw corrupt(new Error('no image in the file'));
    // The size is known from the container before any tile is decoded: a HEIF cannot be a pixel bomb.
    if (first.width * first.height > limits.maxPixels) {
      throw tooManyPixels(first.width, first.height, limits.maxPixels);
    }
    let decoded: Awaited<ReturnType<typeof first.decode>>;
    try {
      decoded = await first.decode();
    } catch (error) {
      throw corrupt(error);
    }
    const data = Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength);
    return { data, width: decoded.width, height: decoded.height, channels: 4 };
  } finally {
    images.dispose();
  }
}

function corrupt(cause: unknown): EngineError {
  if (cause instanceof EngineError) return cause;
  return new EngineError(
    'CORRUPT_IMAGE',
    'The HEIC file is damaged, truncated or holds no still image: export the photo again (or as JPEG)',
    false,
    { cause },
  );
}
