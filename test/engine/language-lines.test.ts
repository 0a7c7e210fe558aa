import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_LINES } from '../../functions/engine/field-lines.js';
import { planLanguages } from '../../functions/engine/languages.js';
import { DEFAULT_MODEL_ROLES, RecognizerPool } from '../../functions/engine/recognizer-pool.js';
import type { OcrLine } from '../../functions/engine/schema.js';
import { ITEM_LINES, secondLook } from '../../functions/engine/second-look.js';
import { readRendered } from '../support/rendered-page.js';

const GERMAN_RECEIPT = {
  lines: [
    '        BACKSTUBE LEHMANN',
    '    RINGSTRASSE 12, 93047 REGENSBURG',
    '',
    'BROTCHEN MIT KÄSE           2,40 A',
    'KAFFEE GROSS                2,80 A',
    'ORANGENSAFT 0,2L            1,90 A',
    '',
    'SUMME EUR                   7,10',
    'BAR                        10,00',
    'RÜCKGELD                    2,90',
    'MWST 7% 0,46 NETTO 6,64',
    'DATUM 14.03.2024 10:21',
  ],
};

describe("another language's word lines", () => {
  const pool = new RecognizerPool({
    languages: ['eng', 'deu'],
    roles: DEFAULT_MODEL_ROLES,
    recycleAfterJobs: 100,
    recycleAboveRssBytes: Number.POSITIVE_INFINITY,
  });
  afterAll(async () => {
    await pool.close();
  });

  it('reads again only the garbled stretch of a line without marks, its description kept as read', async () => {
    // Prepare: the English reading of a German receipt, the coffee's price garbled and read with little
    // confidence, as the English model garbles amounts written with a decimal comma.
    const { image, page } = await readRendered(GERMAN_RECEIPT, pool.page('eng'));
    const index = page.lines.findIndex((line) => line.text.startsWith('KAFFEE'));
    const coffee = page.lines[index];
    if (coffee === undefined) throw new Error('the KAFFEE line was not read');
    const garbled: OcrLine = {
      ...coffee,
      text: coffee.text.replace('2,80', 'Z8O'),
      confidence: 0.6,
      words: coffee.words.map((word) =>
        word.text === '2,80' ? { ...word, text: 'Z8O', confidence: 0.2 } : { ...word, confidence: 0.9 },
      ),
    };
    const lines = page.lines.map((line, i) => (i === index ? garbled : line));

    // Act
    const look = await secondLook({
      lines,
      image,
      scale: 1,
      plan: planLanguages(['eng', 'deu']),
      pool,
      fieldLines: DEFAULT_FIELD_LINES,
      itemLines: ITEM_LINES,
    });

    // Assess: read in German; the price read again, the words before it the very words the page read (the whole
    // line read again would have replaced them, being far more confident than the garbled one)
    expect(look.language).toBe('deu');
    const reread = look.lines[index];
    expect(reread?.text).toMatch(/^KAFFEE GROSS 2,80\b/);
    expect(reread?.words.slice(0, 2)).toEqual(garbled.words.slice(0, 2));
    expect(reread?.words[0]).toBe(garbled.words[0]);
    expect(look.extraction.fields.total?.value).toBe('7.10');
  });
});
