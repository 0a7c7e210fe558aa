/**
 * HEIC/HEIF (iPhone photos) to pixels. sharp's prebuilt libvips leaves HEVC out on purpose (patents), so the
 * image is decoded by libheif compiled to WebAssembly (libheif-js, LGPL-3.0, shipped as its own unmodified
 * package: THIRD-PARTY-NOTICES.md) and handed to sharp as raw RGBA. libheif assembles grid images (an iPhone
 * photo is a grid of 512x512 HEVC tiles) and applies the container's rotation and mirroring (irot, imir), so
 * the pixels arrive upright; the EXIF orientation a HEIF may also carry is not applied (the HEIF standard
 * makes irot the authority, and the engine turns sideways text itself).
 *
 * libheif-js is called directly rather than through its wrapper (heic-decode, HeifDecoder), which prints
 * parse errors to stdout: the CLI's stdout must hold its JSON lines only.
 */
import type { LibHeif } from 'libheif-js/wasm-bundle.js';
import { EngineError } from '../errors.js';
import { type InputLimits, type RawPixels, tooManyPixels } from '../input.js';

/** The WASM module is instantiated on the first HEIC (about 9 MB), not at every cold start. */
let loaded: Promise<LibHeif> | undefined;
function load(): Promise<LibHeif> {
  loaded ??= import('libheif-js/wasm-bundle.js').then((module) => module.default);
  return loaded;
}

export async function decodeHeif(bytes: Uint8Array, limits: InputLimits): Promise<RawPixels> {
  const libheif = await load();
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
    return await decodeRgba(libheif, primary);
  } finally {
    for (const handle of handles) libheif.heif_image_handle_release(handle);
  }
}

async function decodeRgba(libheif: LibHeif, handle: unknown): Promise<RawPixels> {
  const decoded = await libheif.heif_js_decode_image2(
    handle,
    libheif.heif_colorspace.heif_colorspace_RGB,
    libheif.heif_chroma.heif_chroma_interleaved_RGBA,
  );
  if (failed(decoded) || decoded === undefined) throw corrupt('the image data cannot be decoded');
  try {
    const plane = decoded.channels.find((c) => c.id === libheif.heif_channel.heif_channel_interleaved);
    if (plane === undefined) throw corrupt('no interleaved RGBA plane');
    const row = plane.width * 4;
    // Rows may be padded (stride > width x 4); sharp wants them packed. The copy also leaves the WASM heap.
    const data = Buffer.alloc(row * plane.height);
    for (let y = 0; y < plane.height; y += 1) {
      data.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
    }
    return { data, width: plane.width, height: plane.height, channels: 4 };
  } finally {
    libheif.heif_image_release(decoded.image);
  }
}

function corrupt(detail: string): EngineError {
  return new EngineError(
    'CORRUPT_IMAGE',
    'The HEIC file is damaged, truncated or holds no still image: export the photo again (or as JPEG)',
    false,
    { cause: new Error(`libheif: ${detail}`) },
  );
}
