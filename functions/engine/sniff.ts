/**
 * What the bytes are, from their magic numbers alone. No decoder is imported here: the engine's public entry
 * (index.ts) exports this, and must not load sharp before the engine has started its worker (start.ts).
 */

export const ACCEPTED_FORMATS = ['jpeg', 'png', 'webp', 'tiff', 'gif', 'bmp', 'heif', 'pdf'] as const;
export type AcceptedFormat = (typeof ACCEPTED_FORMATS)[number];
/** The formats sharp (or bmp-js) opens from their bytes; HEIF and PDF are decoded to pixels first. */
export type EncodedFormat = Exclude<AcceptedFormat, 'heif' | 'pdf'>;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/**
 * The format from the magic bytes, without decoding: cheap enough to run before a download completes.
 * Returns one of ACCEPTED_FORMATS, a name for a known but unsupported format ('pdf', 'heif', 'avif', 'svg'),
 * or undefined.
 */
export function detectImageFormat(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'tiff';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 26) return 'bmp';
  // PDF readers accept the header anywhere in the first 1 KiB.
  if (ascii(bytes, 0, 1024).includes('%PDF-')) return 'pdf';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'mif1', 'msf1'].includes(brand)) return 'heif';
  }
  const head = ascii(bytes, 0, 512)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'svg';
  return undefined;
}
