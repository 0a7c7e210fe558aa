import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createReceiptEngine,
  detectImageFormat,
  type EngineError,
  type EngineErrorCode,
  type ReceiptEngine,
} from '../../functions/engine/index.js';
import {
  ENGLISH_RECEIPT,
  type ReceiptImageFormat,
  renderReceipt,
} from '../../tools/samples/receipt-images.js';

/** A valid 1x1 PNG whose header claims 30000 x 30000 pixels: a decompression bomb in 70 bytes. */
async function pixelBomb(): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(30_000, 16);
  png.writeUInt32BE(30_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}

function errorOf(promise: Promise<unknown>): Promise<EngineError> {
  return promise.then(
    () => {
      throw new Error('expected the engine to reject the input');
    },
    (error: EngineError) => error,
  );
}

describe('detectImageFormat', () => {
  it.each([
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0]],
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['gif', [...Buffer.from('GIF89a')]],
    ['tiff', [0x49, 0x49, 0x2a, 0x00]],
    ['tiff', [0x4d, 0x4d, 0x00, 0x2a]],
    ['webp', [...Buffer.from('RIFF\0\0\0\0WEBPVP8 ')]],
    ['pdf', [...Buffer.from('%PDF-1.7\n')]],
    ['heif', [0, 0, 0, 0x18, ...Buffer.from('ftypheic')]],
    ['svg', [...Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')]],
  ])('recognises %s from its magic bytes', (format, bytes) => {
    expect(detectImageFormat(Uint8Array.from(bytes))).toBe(format);
  });

  it('returns undefined for text and random bytes', () => {
    expect(detectImageFormat(Buffer.from('TOTAL 12.00\n'))).toBeUndefined();
    expect(detectImageFormat(Uint8Array.from([0x13, 0x37, 0x00, 0x42, 0x99]))).toBeUndefined();
  });
});

describe('engine input handling', () => {
  let engine: ReceiptEngine;
  let receiptPng: Buffer;

  beforeAll(async () => {
    engine = await createReceiptEngine({
      languages: ['eng'],
      maxBytes: 2 * 1024 * 1024,
      maxPixels: 20_000_000,
    });
    receiptPng = await renderReceipt(ENGLISH_RECEIPT);
  });
  afterAll(async () => {
    await engine.close();
  });

  it.each<ReceiptImageFormat>(['png', 'jpeg', 'webp', 'tiff', 'gif', 'bmp'])(
    'reads a %s receipt',
    async (format) => {
      const bytes = await renderReceipt({ ...ENGLISH_RECEIPT, format });

      const result = await engine.process({ bytes });

      expect(result.image.format).toBe(format);
      expect(result.text).toContain('1,126.89');
    },
  );

  it('applies the EXIF orientation of a phone photo before reading, without an orientation probe', async () => {
    // Prepare: pixels stored turned 90 degrees counter-clockwise, tagged "rotate 90 clockwise to display" (6).
    const stored = await renderReceipt({ ...ENGLISH_RECEIPT, rotate: 270 });
    const jpeg = await sharp(stored).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer();

    const result = await engine.process({ bytes: jpeg });

    expect(result.image.rotation).toBe(0);
    expect(result.image.width).toBeLessThan(result.image.height);
    expect(result.text).toContain('SUNRISE GROCERY');
  });

  it('reads the first frame of an animated GIF', async () => {
    // Prepare: frame 1 is the receipt, frame 2 a blank page.
    const { data, info } = await sharp(receiptPng).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const blank = Buffer.alloc(data.length, 255);
    const gif = await sharp(Buffer.concat([data, blank]), {
      raw: { width: info.width, height: info.height * 2, channels: 3, pageHeight: info.height },
    })
      .gif()
      .toBuffer();

    const result = await engine.process({ bytes: gif });

    expect(result.image.height).toBe(info.height);
    expect(result.text).toContain('SUNRISE GROCERY');
  });

  const bad: [string, () => Promise<Uint8Array> | Uint8Array, EngineErrorCode, RegExp][] = [
    ['an empty file', () => new Uint8Array(0), 'EMPTY_FILE', /empty/],
    [
      'a PDF with no pages',
      () => Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'),
      'CORRUPT_FILE',
      /PDF is damaged/,
    ],
    [
      'an AVIF image',
      () => Buffer.from([0, 0, 0, 0x1c, ...Buffer.from('ftypavif'), ...Array(40).fill(0)]),
      'UNSUPPORTED_FORMAT',
      /AVIF: upload a JPEG, PNG, WebP, TIFF, GIF, BMP or HEIC image or a PDF/,
    ],
    [
      'random bytes',
      () => Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251),
      'UNSUPPORTED_FORMAT',
      /not a recognised image/,
    ],
    [
      'plain text',
      () => Buffer.from('TOTAL RM 12.00\nTHANK YOU\n'),
      'UNSUPPORTED_FORMAT',
      /upload a JPEG, PNG, WebP, TIFF, GIF, BMP or HEIC image or a PDF/,
    ],
    [
      'an SVG',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'),
      'UNSUPPORTED_FORMAT',
      /SVG/,
    ],
    [
      'a truncated PNG',
      () => receiptPng.subarray(0, Math.floor(receiptPng.length / 2)),
      'CORRUPT_IMAGE',
      /damaged or truncated/,
    ],
    [
      'a truncated JPEG',
      async () => (await renderReceipt({ ...ENGLISH_RECEIPT, format: 'jpeg' })).subarray(0, 3000),
      'CORRUPT_IMAGE',
      /JPEG file is damaged/,
    ],
    [
      'a truncated BMP',
      async () => (await renderReceipt({ ...ENGLISH_RECEIPT, format: 'bmp' })).subarray(0, 5000),
      'CORRUPT_IMAGE',
      /BMP/,
    ],
    [
      'a file over the size limit',
      () => Buffer.concat([receiptPng, Buffer.alloc(2 * 1024 * 1024)]),
      'TOO_LARGE',
      /limit is 2\.0 MB/,
    ],
    ['a decompression bomb', pixelBomb, 'TOO_MANY_PIXELS', /megapixels/],
  ];

  it.each(bad)('rejects %s with %s', async (_name, make, code, message) => {
    const bytes = await make();

    const error = await errorOf(engine.process({ bytes }));

    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.retryable).toBe(false);
  });

  it('keeps working after a bad input', async () => {
    await errorOf(engine.process({ bytes: new Uint8Array(0) }));

    const result = await engine.process({ bytes: receiptPng });

    expect(result.text).toContain('SUNRISE GROCERY');
  });
});
