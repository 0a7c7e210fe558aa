import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiptEngine, EngineResultSchema, type ReceiptEngine } from '../../functions/engine/index.js';
import { ENGLISH_RECEIPT, renderReceipt } from '../../tools/samples/receipt-images.js';

describe('createReceiptEngine', () => {
  let engine: ReceiptEngine;

  beforeAll(async () => {
    engine = await createReceiptEngine({ languages: ['eng', 'spa'] });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('reads a generated English receipt end to end into a valid EngineResult', async () => {
    // Prepare
    const png = await renderReceipt(ENGLISH_RECEIPT);

    // Act
    const result = await engine.process({ bytes: png, contentType: 'image/png' });

    // Assess
    expect(EngineResultSchema.parse(result)).toEqual(result);
    expect(result.text).toContain('SUNRISE GROCERY');
    expect(result.text).toMatch(/TOTAL\s+RM 1,126\.89/);
    expect(result.language).toBe('eng');
    expect(result.image).toMatchObject({ format: 'png', rotation: 0 });
    const totalLine = result.lines.find((line) => line.text.startsWith('TOTAL'));
    expect(totalLine?.confidence).toBeGreaterThan(0.8);
    // The TOTAL line sits below the SUBTOTAL line, inside the image.
    const subtotalLine = result.lines.find((line) => line.text.startsWith('SUBTOTAL'));
    expect(totalLine?.bbox.y0).toBeGreaterThan(subtotalLine?.bbox.y1 ?? Number.POSITIVE_INFINITY);
    expect(totalLine?.bbox.x1).toBeLessThanOrEqual(result.image.width);
    expect(result.engine).toEqual({
      name: 'tesseract.js',
      version: expect.stringMatching(/^7\./),
      languages: ['eng', 'spa'],
      model: '4.0.0_best_int',
    });
  });

  it('maps boxes back to the original pixel grid when it downscales a large scan', async () => {
    // Prepare: the same receipt at 3x font size is wider than the 1200 px cap.
    const big = await renderReceipt({ ...ENGLISH_RECEIPT, fontSize: 66 });

    // Act
    const result = await engine.process({ bytes: big });

    // Assess
    expect(result.image.width).toBeGreaterThan(1200);
    expect(result.text).toContain('1,126.89');
    const widest = Math.max(...result.lines.map((line) => line.bbox.x1));
    expect(widest).toBeGreaterThan(1200);
    expect(widest).toBeLessThanOrEqual(result.image.width);
  });
});

describe('createReceiptEngine with fast pages and best_int line re-reads', () => {
  it('reads the generated English receipt with the vendored fast models and names both kinds', async () => {
    // Prepare
    const engine = await createReceiptEngine({
      languages: ['eng'],
      models: { page: 'fast', lines: 'best_int' },
    });
    try {
      // Act
      const result = await engine.process({ bytes: await renderReceipt(ENGLISH_RECEIPT) });

      // Assess
      expect(result.engine.model).toBe('4.1.0_fast+4.0.0_best_int');
      expect(result.fields.total?.value).toBe('1126.89');
      expect(result.fields.merchantName?.value).toContain('SUNRISE');
    } finally {
      await engine.close();
    }
  });
});
