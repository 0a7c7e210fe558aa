import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Recognizer } from '../../functions/engine/recognizer.js';
import { resolveLangSource, VENDORED_FAST_MODELS } from '../../functions/engine/tessdata.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';

describe('traineddata source', () => {
  it('is a local folder holding the npm packages best_int models, never a URL', () => {
    const source = resolveLangSource(['eng', 'spa'], 'best_int');

    expect(path.isAbsolute(source.langPath)).toBe(true);
    expect(source.langPath).not.toMatch(/^[a-z]+:\/\//i);
    for (const language of ['eng', 'spa']) {
      const model = realpathSync(path.join(source.langPath, `${language}.traineddata.gz`));
      expect(model).toMatch(new RegExp(`@tesseract\\.js-data/${language}/4\\.0\\.0_best_int/`));
    }
  });

  it('reads the fast models from the vendored folder, gzipped', () => {
    expect(resolveLangSource(['eng', 'deu'], 'fast')).toEqual({ langPath: VENDORED_FAST_MODELS, gzip: true });
  });

  it.each(['fast', 'best_int'] as const)(
    'looks for %s models in their own subfolder of an explicit folder (TESSDATA_PATH), naming what is missing',
    (kind) => {
      const root = mkdtempSync(path.join(tmpdir(), 'tessdata-'));
      mkdirSync(path.join(root, kind));
      writeFileSync(path.join(root, kind, 'eng.traineddata'), '');

      expect(resolveLangSource(['eng'], kind, root)).toEqual({
        langPath: path.join(root, kind),
        gzip: false,
      });
      expect(() => resolveLangSource(['eng', 'spa'], kind, root)).toThrow(
        `No spa traineddata in ${path.join(root, kind)}`,
      );
    },
  );
});

describe('Recognizer', () => {
  let image: Buffer;
  let recognizer: Recognizer | undefined;

  beforeAll(async () => {
    image = await sharp(await renderReceipt(ENGLISH_RECEIPT))
      .grayscale()
      .png()
      .toBuffer();
  });
  afterEach(async () => {
    await recognizer?.close();
  });

  it('fails fast with the missing local file named when the traineddata is absent', async () => {
    // Prepare: a folder without traineddata (tesseract.js itself would hang on it).
    const empty = mkdtempSync(path.join(tmpdir(), 'tessdata-'));
    recognizer = new Recognizer({
      languages: 'eng',
      source: { langPath: empty, gzip: true },
      recycleAfterJobs: 10,
      recycleAboveRssBytes: Number.POSITIVE_INFINITY,
    });

    // Act + Assess
    await expect(recognizer.warm()).rejects.toMatchObject({
      code: 'OCR_FAILED',
      message: `Traineddata not found: ${path.join(empty, 'eng.traineddata.gz')}`,
    });
  });

  it.each(['fast', 'best_int'] as const)(
    'reuses one %s worker, and replaces it after recycleAfterJobs recognitions',
    async (kind) => {
      recognizer = new Recognizer({
        languages: 'eng',
        source: resolveLangSource(['eng'], kind),
        recycleAfterJobs: 2,
        recycleAboveRssBytes: Number.POSITIVE_INFINITY,
      });

      const first = await recognizer.recognize(image);
      await recognizer.recognize(image);
      expect(recognizer.generation).toBe(1);
      const third = await recognizer.recognize(image);

      expect(recognizer.generation).toBe(2);
      expect(third.lines.map((line) => line.text)).toEqual(first.lines.map((line) => line.text));
    },
  );

  it('reads a page as a page after a line, and a line as one line after a page', async () => {
    recognizer = new Recognizer({
      languages: 'eng',
      source: resolveLangSource(['eng'], 'fast'),
      recycleAfterJobs: 1000,
      recycleAboveRssBytes: Number.POSITIVE_INFINITY,
    });
    const page = await recognizer.recognize(image);
    // Two printed lines cut out: read as one text line they come back as one line, as a page as two.
    const [upper, lower] = page.lines.filter((line) => /\d\.\d{2}/.test(line.text));
    if (upper === undefined || lower === undefined) throw new Error('the receipt has two amount rows');
    const { width } = await sharp(image).metadata();
    const crop = await sharp(image)
      .extract({ left: 0, top: upper.bbox.y0, width, height: lower.bbox.y1 - upper.bbox.y0 })
      .png()
      .toBuffer();

    const line = await recognizer.recognize(crop, { line: true });
    const pageAgain = await recognizer.recognize(image);
    const cropAsPage = await recognizer.recognize(crop);
    const lineAgain = await recognizer.recognize(crop, { line: true });

    expect(line.lines).toHaveLength(1);
    expect(pageAgain.lines.map((l) => l.text)).toEqual(page.lines.map((l) => l.text));
    expect(cropAsPage.lines.length).toBeGreaterThanOrEqual(2);
    expect(lineAgain.lines.map((l) => l.text)).toEqual(line.lines.map((l) => l.text));
  });

  it('turns a failed recognition into a retryable OCR_FAILED and carries on with a fresh worker', async () => {
    recognizer = new Recognizer({
      languages: 'eng',
      source: resolveLangSource(['eng'], 'fast'),
      recycleAfterJobs: 1000,
      recycleAboveRssBytes: Number.POSITIVE_INFINITY,
    });
    await recognizer.warm();

    // Act: bytes Leptonica cannot read make the worker's job fail.
    await expect(recognizer.recognize(Buffer.from('not an image at all'))).rejects.toMatchObject({
      code: 'OCR_FAILED',
      retryable: true,
    });
    const after = await recognizer.recognize(image);

    // Assess
    expect(recognizer.generation).toBe(2);
    expect(after.lines.some((line) => line.text.includes('1,126.89'))).toBe(true);
  });

  it('replaces the worker when the process RSS is above the mark', async () => {
    recognizer = new Recognizer({
      languages: 'eng',
      source: resolveLangSource(['eng'], 'fast'),
      recycleAfterJobs: 1000,
      recycleAboveRssBytes: 1, // always above
    });

    await recognizer.recognize(image);
    const second = await recognizer.recognize(image);

    expect(recognizer.generation).toBe(2);
    expect(second.lines.some((line) => line.text.includes('1,126.89'))).toBe(true);
  });

  it("keeps Tesseract's chatter out of stderr, from the model's loading on", async () => {
    // Prepare: stderr captured (a worker thread's stderr reaches the parent's stream); the Italian model, whose
    // loading names a word list it does not carry, and a speck read as a line (Tesseract prints its row statistics).
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
    const speck = await sharp({ create: { width: 60, height: 30, channels: 3, background: '#fff' } })
      .composite([
        { input: { create: { width: 1, height: 1, channels: 3, background: '#000' } }, left: 30, top: 15 },
      ])
      .png()
      .toBuffer();
    try {
      recognizer = new Recognizer({
        languages: 'ita',
        source: resolveLangSource(['ita'], 'best_int'),
        recycleAfterJobs: 10,
        recycleAboveRssBytes: Number.POSITIVE_INFINITY,
      });

      // Act
      await recognizer.recognize(speck, { line: true });
      await recognizer.recognize(image);
      // the worker's stream is piped on the next turns of the event loop
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      process.stderr.write = write;
    }

    // Assess
    expect(written.join('')).not.toMatch(/failed to load|Total count|too small|cannot be recognized/i);
  });
});
