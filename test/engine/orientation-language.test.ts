import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReceiptEngine, type ReceiptEngine } from '../../functions/engine/index.js';
import { planLanguages, rereadLanguage } from '../../functions/engine/languages.js';
import {
  ENGLISH_RECEIPT,
  renderReceipt,
  SPANISH_EURO_RECEIPT,
  SPANISH_RECEIPT,
} from '../../tools/samples/receipt-images.js';

describe('language plan', () => {
  const plan = planLanguages(['eng', 'spa', 'deu', 'fra']);

  it.each([
    ['TOTAL A PAGAR $20.600\nEFECTIVO $50.000', 'spa'],
    ['SUMME EUR 6,48\nBAR 10,00\nRUCKGELD 3,52', 'deu'],
    ['TOTAL TTC 12,40\nTVA 20% 2,07\nCB SANS CONTACT', 'fra'],
  ])('re-reads %j with %s', (text, language) => {
    expect(rereadLanguage(plan, text)).toBe(language);
  });

  it.each([
    // one stray word does not trigger a second reading
    'HORA CAFE\nTOTAL RM 12.00\nCASH 20.00',
    'SUBTOTAL 1,063.10\nSST 6% 63.79\nTOTAL RM 1,126.89',
  ])('keeps the first reading of %j', (text) => {
    expect(rereadLanguage(plan, text)).toBeUndefined();
  });

  it('re-reads only with a configured language', () => {
    expect(
      rereadLanguage(planLanguages(['eng', 'spa']), 'TOTAL TTC 12,40\nTVA 20% 2,07\nCB 12,40'),
    ).toBeUndefined();
  });
});

describe('engine orientation, skew and language', () => {
  let engine: ReceiptEngine;

  beforeAll(async () => {
    engine = await createReceiptEngine({ languages: ['eng', 'spa'] });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('reads an English receipt with English only', async () => {
    const result = await engine.process({ bytes: await renderReceipt(ENGLISH_RECEIPT) });

    expect(result.language).toBe('eng');
    expect(result.image.rotation).toBe(0);
  });

  it.each([
    // Accents come back only on the word lines the re-reading budget covers (second-look.ts), not on all.
    ['Colombian', SPANISH_RECEIPT, ['TOTAL A PAGAR $20.600', 'CON LECHE', 'EFECTIVO $50.000']],
    ['Spanish', SPANISH_EURO_RECEIPT, ['TOTAL 1.024,85 EUR', 'BASE IMPONIBLE 934,05']],
  ])('re-reads a %s receipt with Spanish, keeping its number formats', async (_name, spec, expected) => {
    const result = await engine.process({ bytes: await renderReceipt(spec) });

    expect(result.language).toBe('spa');
    for (const text of expected) expect(result.text).toContain(text);
  });

  it.each([90, 180, 270] as const)('turns a receipt scanned at %i degrees upright', async (rotate) => {
    const result = await engine.process({ bytes: await renderReceipt({ ...ENGLISH_RECEIPT, rotate }) });

    // Scanned rotate degrees clockwise, so (360 - rotate) more degrees clockwise make it upright.
    expect(result.image.rotation).toBe(360 - rotate);
    expect(result.text).toMatch(/TOTAL\s+RM 1,126\.89/);
    expect(result.text).toContain('SUNRISE GROCERY');
  });

  it('turns a sideways Spanish receipt upright and reads it in Spanish', async () => {
    const result = await engine.process({ bytes: await renderReceipt({ ...SPANISH_RECEIPT, rotate: 90 }) });

    expect(result.image.rotation).toBe(270);
    expect(result.language).toBe('spa');
    expect(result.text).toContain('TOTAL A PAGAR $20.600');
  });

  it.each([4, -3])('levels a receipt skewed by %i degrees', async (skewDegrees) => {
    const result = await engine.process({ bytes: await renderReceipt({ ...ENGLISH_RECEIPT, skewDegrees }) });

    expect(result.image.rotation).toBeCloseTo(-skewDegrees, 0);
    // Level lines read as whole lines: the total and its amount on one line.
    expect(result.lines.map((line) => line.text)).toContain('TOTAL RM 1,126.89');
  });

  it('reads a faded, low-contrast receipt', async () => {
    const result = await engine.process({
      bytes: await renderReceipt({ ...ENGLISH_RECEIPT, contrast: 'low', format: 'jpeg' }),
    });

    expect(result.text).toContain('1,126.89');
    expect(result.text).toContain('SUNRISE GROCERY');
  });
});

describe('other-language workers', () => {
  it('stops the Spanish worker once receipts stop needing it', async () => {
    // Prepare
    const engine = await createReceiptEngine({ languages: ['eng', 'spa'], closeIdleLanguageAfter: 1 });
    const spanish = await renderReceipt(SPANISH_EURO_RECEIPT);
    const english = await renderReceipt(ENGLISH_RECEIPT);

    try {
      // Act and assess: the Spanish receipt starts the Spanish worker, one English receipt later it is gone.
      expect(engine.runningWorkers()).toEqual(['eng']);
      expect((await engine.process({ bytes: spanish })).language).toBe('spa');
      expect(engine.runningWorkers()).toEqual(['eng', 'spa']);
      expect((await engine.process({ bytes: english })).language).toBe('eng');
      expect(engine.runningWorkers()).toEqual(['eng']);
    } finally {
      await engine.close();
    }
  });
});
