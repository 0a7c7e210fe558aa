/**
 * HEIC/HEIF (iPhone photos) to pixels. sharp's prebuilt libvips leaves HEVC out on purpose (patents), so the
 * image is decoded by libheif compiled to WebAssembly (libheif-js, LGPL-3.0, shipped as its own unmodified
 * package: THIRD-PARTY-NOTICES.md); its luma is handed to sharp as raw gray. libheif assembles grid images (an iPhone
 * photo is a grid of 512x512 HEVC tiles) and applies the container's rotation and mirroring (irot, imir), so
 * the pixels arrive upright; the EXIF orientation a HEIF may also carry is not applied (the HEIF standard
 * makes irot the authority, and the engine turns sideways text itself).
 *
 * libheif-js is called directly rather than through its wrapper (heic-decode, HeifDecoder), which prints
 * parse errors to stdout: the CLI's stdout must hold its JSON lines only.
 */
import libheifFactory, { type HeifChannel, type LibHeif } from 'libheif-js/libheif-wasm/libheif-bundle.js';
import { EngineError } from '../errors.js';
import { type InputLimits, type RawPixels, tooManyPixels } from '../input.js';

/**
 * A libheif instance per photo. A WASM heap never shrinks: one instance kept across photos stayed at the size of
 * the largest decode plus its fragmentation (51 MB after one 12 MP photo, 88 MB after three, measured), held for
 * the life of the function. An instance of its own lets each photo's heap go with the photo; V8 keeps the compiled
 * code, so a new instance costs about 20 ms of CPU against 0.9 s for the decode.
 */
export async function decodeHeif(bytes: Uint8Array, limits: InputLimits): Promise<RawPixels> {
  const libheif = libheifFactory();
  const context = libheif.heif_context_alloc();
  try {
    return await decodePrimary(libheif, context, bytes, limits);
  } catch (error) {
    // libheif's bindings throw their own errors (a BindingError for a handle that failed to load).
    throw error instanceof EngineError ? error : corrupt(String(error));
  } finally {
    libheif.heif_context_free(context);
  }
}

/** libheif-js returns an error object ({ code, message }) where a call failed, not throwing. */
function failed(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'object' && 'code' in value && !!value.code)
  );
}

async function decodePrimary(
  libheif: LibHeif,
  context: unknown,
  bytes: Uint8Array,
  limits: InputLimits,
): Promise<RawPixels> {
  const read = libheif.heif_context_read_from_memory(context, bytes);
  if (read.code !== libheif.heif_error_code.heif_error_Ok) throw corrupt(read.message);
  const ids = libheif.heif_js_context_get_list_of_top_level_image_IDs(context);
  if (!Array.isArray(ids)) throw corrupt('no image list');
  const handles = ids
    .map((id) => libheif.heif_js_context_get_image_handle(context, id))
    .filter((handle) => !failed(handle));
  try {
    const primary = handles.find((h) => libheif.heif_image_handle_is_primary_image(h)) ?? handles[0];
    if (primary === undefined) throw corrupt('no readable image in the file');
    // The size is known from the container before any tile is decoded: a HEIF cannot be a pixel bomb.
    const width = libheif.heif_image_handle_get_width(primary);
    const height = libheif.heif_image_handle_get_height(primary);
    if (width * height > limits.maxPixels) throw tooManyPixels(width, height, limits.maxPixels);
    return await decodeGray(libheif, primary);
  } finally {
    for (const handle of handles) libheif.heif_image_handle_release(handle);
  }
}

/**
 * The luma plane as coded, 8 bits per pixel. The engine reads gray, so libheif is asked for the image in its own
 * colour space (no conversion) and only Y leaves the WASM heap: measured on a 12 MP photo, asking for RGBA cost
 * libheif a conversion on top of the HEVC decode, a heap twice the size (48 MB of RGBA beside the planes) and a
 * 48 MB copy where the luma is 12 MB. Y is read as full range, as iPhones and heif-enc code it; a limited-range
 * file comes out a little flat, which the engine's contrast stretch absorbs. An image without a luma plane
 * (coded as RGB) is converted to RGBA as before.
 */
async function decodeGray(libheif: LibHeif, handle: unknown): Promise<RawPixels> {
  const { heif_colorspace: space, heif_chroma: chroma, heif_channel: channel } = libheif;
  const native = [space.heif_colorspace_undefined, chroma.heif_chroma_undefined] as const;
  const luma = await decodePlane(libheif, handle, native, channel.heif_channel_Y, 1);
  if (luma !== undefined) return { ...luma, channels: 1 };
  // Rare enough to pay a second decode.
  const rgba = [space.heif_colorspace_RGB, chroma.heif_chroma_interleaved_RGBA] as const;
  const pixels = await decodePlane(libheif, handle, rgba, channel.heif_channel_interleaved, 4);
  if (pixels === undefined) throw corrupt('no luma or interleaved RGBA plane');
  return { ...pixels, channels: 4 };
}

/** One plane of the image decoded as asked, copied out of the WASM heap; undefined when there is no such plane. */
async function decodePlane(
  libheif: LibHeif,
  handle: unknown,
  [colorspace, chroma]: readonly [number, number],
  id: number,
  samples: number,
): Promise<{ data: Buffer; width: number; height: number } | undefined> {
  const decoded = await libheif.heif_js_decode_image2(handle, colorspace, chroma);
  if (failed(decoded) || decoded === undefined) throw corrupt('the image data cannot be decoded');
  try {
    const plane = decoded.channels.find((c) => c.id === id);
    return plane === undefined ? undefined : packed(plane, samples);
  } finally {
    libheif.heif_image_release(decoded.image);
  }
}

/**
 * A plane's rows packed (libheif pads them to a stride; sharp wants them tight) and copied out of the WASM heap,
 * at 8 bits: samples of a deeper plane (10-bit HEIC) are 16-bit little-endian and keep their top 8 bits.
 */
function packed(plane: HeifChannel, samples: number): { data: Buffer; width: number; height: number } {
  const { width, height, stride, data: source } = plane;
  const row = width * samples;
  const data = Buffer.allocUnsafe(row * height);
  const bits = plane.bits_per_pixel ?? 8;
  if (bits <= 8) {
    for (let y = 0; y < height; y += 1) data.set(source.subarray(y * stride, y * stride + row), y * row);
    return { data, width, height };
  }
  const shift = bits - 8;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0, at = y * stride, out = y * row; x < row; x += 1, at += 2, out += 1) {
      data[out] = ((source[at] ?? 0) | ((source[at + 1] ?? 0) << 8)) >> shift;
    }
  }
  return { data, width, height };
}

function corrupt(detail: string): EngineError {
  return new EngineError(
    'CORRUPT_IMAGE',
    'The HEIC file is damaged, truncated or holds no still image: export the photo again (or as JPEG)',
    false,
    { cause: new Error(`libheif: ${detail}`) },
  );
}
