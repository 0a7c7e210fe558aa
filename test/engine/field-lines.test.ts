import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FIELD_LINES,
  fieldLines,
  ITEM_LINES,
  MERCHANT_LINES,
  needsCloserLook,
} from '../../functions/engine/field-lines.js';
import { extractReceipt } from '../../functions/engine/fields/index.js';
import type { OcrLine } from '../../functions/engine/schema.js';
import { ocrLines } from './fields/ocr-lines.js';

const RECEIPT = `
CORNER SHOP
12 HIGH STREET
DATE 05/03/2018
MILK                 1.20
BREAD                2.30
TOTAL                3.50
CASH                 5.00
CHANGE               1.50
THANK YOU`;

/** The receipt's lines with the given lines (by text prefix) read at a lower confidence. */
function weaken(prefixes: readonly string[], confidence = 0.5): OcrLine[] {
  return ocrLines(RECEIPT).map((line) =>
    prefixes.some((prefix) => line.text.startsWith(prefix)) ? { ...line, confidence } : line,
  );
}

describe('fieldLines', () => {
  it('picks the weak lines the total, tender and date come from, not the weak item and header lines', () => {
    // Prepare
    const lines = weaken(['DATE', 'TOTAL', 'CASH', 'MILK', 'CORNER']);
    const extraction = extractReceipt(lines);

    // Act
    const picked = fieldLines(lines, extraction, { ...DEFAULT_FIELD_LINES, maxAreaShare: 1 }).map(
      (index) => lines[index]?.text.split(' ')[0],
    );

    // Assess
    expect(picked).toEqual(['DATE', 'TOTAL', 'CASH']);
  });

  it('picks the row of a year and a time of day when the reading garbled its day and month', () => {
    const lines = ocrLines(RECEIPT.replace('DATE 05/03/2018', '18=3Ul=2022%12:55 Trans # 94937')).map(
      (line) =>
        line.text.startsWith('18=') || line.text.startsWith('MILK') ? { ...line, confidence: 0.5 } : line,
    );
    const extraction = extractReceipt(lines);

    const picked = fieldLines(lines, extraction, { ...DEFAULT_FIELD_LINES, maxAreaShare: 1 }).map(
      (index) => lines[index]?.text.split(' ')[0],
    );

    expect(extraction.fields.transactionDate).toBeUndefined();
    expect(needsCloserLook(extraction)).toBe(true);
    expect(picked).toEqual(['18=3Ul=2022%12:55']);
  });

  it('picks word lines, not field lines, for a reading in the receipt language', () => {
    const lines = weaken(['DATE', 'TOTAL', 'MILK', 'CORNER']);
    const picked = fieldLines(lines, extractReceipt(lines), {
      below: 0.85,
      maxLines: 10,
      maxAreaShare: 1,
      kind: 'words',
    }).map((index) => lines[index]?.text.split(' ')[0]);

    expect(picked).toEqual(['CORNER', 'MILK']);
  });

  it('stays within its share of the page area, the weakest lines first', () => {
    const lines = weaken(['TOTAL'], 0.3).map((line) =>
      line.text.startsWith('CASH') || line.text.startsWith('DATE') ? { ...line, confidence: 0.6 } : line,
    );
    const picked = fieldLines(lines, extractReceipt(lines), {
      below: 0.85,
      maxLines: 10,
      maxAreaShare: 0.15,
      kind: 'fields',
    }).map((index) => lines[index]?.text.split(' ')[0]);

    expect(picked[0]).toBe('TOTAL');
    expect(picked.length).toBeLessThan(3);
  });
});

describe('fieldLines for the merchant (pages read with the fast model)', () => {
  const firstWords = (lines: readonly OcrLine[], picked: readonly number[]) =>
    picked.map((index) => lines[index]?.text.split(' ')[0]);

  it('picks the merchant name and address lines read below full confidence, not the weak date or item lines', () => {
    // Prepare: everything read weakly.
    const lines = weaken(['CORNER', '12', 'DATE', 'MILK', 'TOTAL'], 0.7);
    const extraction = extractReceipt(lines);
    expect(extraction.fields.merchantName?.value).toBe('CORNER SHOP');

    // Act
    const picked = fieldLines(lines, extraction, MERCHANT_LINES);

    // Assess
    expect(firstWords(lines, picked)).toEqual(['CORNER', '12']);
  });

  it('leaves merchant lines read at or above the threshold as they are', () => {
    const lines = weaken(['12'], 0.7).map((line) =>
      line.text.startsWith('CORNER') ? { ...line, confidence: MERCHANT_LINES.below } : line,
    );

    expect(firstWords(lines, fieldLines(lines, extractReceipt(lines), MERCHANT_LINES))).toEqual(['12']);
  });

  it('falls back to the top lines when no merchant name was found', () => {
    // Prepare: a header the extractor cannot take for a name (digits and symbols only).
    const lines = ocrLines(`
#### 0000 ####
05/03/2018 10:42
1 x 1.20             1.20
2 x 1.15             2.30
=                    3.50
=                    5.00`).map((line) => ({ ...line, confidence: 0.6 }));
    const extraction = extractReceipt(lines);
    expect(extraction.fields.merchantName).toBeUndefined();

    // Act
    const picked = fieldLines(lines, extraction, { ...MERCHANT_LINES, maxAreaShare: 1 });

    // Assess: the top lines, whatever they hold, and no further down.
    expect(firstWords(lines, picked)).toEqual(['####', '05/03/2018', '1', '2']);
  });
});

describe('fieldLines for the article rows (items that do not add up)', () => {
  it('picks the weak rows between the merchant and the total, not the merchant, date, total or tender rows', () => {
    const lines = weaken(['CORNER', '12 HIGH', 'DATE', 'MILK', 'BREAD', 'TOTAL', 'CASH', 'THANK']);

    const picked = fieldLines(lines, extractReceipt(lines), { ...ITEM_LINES, maxAreaShare: 1 });

    expect(picked.map((index) => lines[index]?.text.split(' ')[0])).toEqual(['MILK', 'BREAD']);
  });

  it('picks up to twelve: a web address and a quantity row can take places beside ten garbled prices', () => {
    const articles = [
      'APPLES',
      'BEANS',
      'COFFEE',
      'CHEDDAR',
      'LAGER',
      'FLAKES',
      'SOAP',
      'CHOCOLATE',
      'PASTA',
      'BREAD',
    ];
    const lines = ocrLines(
      `GREEN GROCER\n1 HIGH STREET\nwww.greengrocer.co.uk\n${articles.map((a) => `${a} F1S0`).join('\n')}\nZEERdr09\nTOTAL £35.02`,
    ).map((line) =>
      line.text.startsWith('TOTAL') || line.text.includes('HIGH') ? line : { ...line, confidence: 0.5 },
    );

    const picked = fieldLines(lines, extractReceipt(lines), { ...ITEM_LINES, maxAreaShare: 1 });

    expect(picked.map((index) => lines[index]?.text.split(' ')[0])).toEqual([
      'www.greengrocer.co.uk',
      ...articles,
      'ZEERdr09',
    ]);
  });
});

describe('fieldLines for the article rows when the total was worked out, not read', () => {
  it('picks the weak article rows above the total row although the total has no box', () => {
    // Prepare: the printed total misread with a third decimal; the VAT table and the card give the bill, a value
    // printed on no total row, so the total field has no box to end the article rows at.
    const lines = ocrLines(
      `JOE'S BODEGA
50 SHOP STREET
CORK
Receipt # 92377
ORANGE JUICE          1:60: 1
RED WINE              8:25:91
LAGER                  6.09 1
TOTAL EUR             15.180
VISA CONTACTLESS       15.94
Rate Net VAT Total
23% 12.96 2.98 15.94`,
      0.95,
    ).map((line) => (/^(ORANGE|RED|LAGER|VISA|23%)/.test(line.text) ? { ...line, confidence: 0.7 } : line));
    const extraction = extractReceipt(lines);
    expect(extraction.fields.total).toMatchObject({ value: '15.94', bbox: null });

    // Act
    const picked = fieldLines(lines, extraction, { ...ITEM_LINES, maxAreaShare: 1 });

    // Assess: the article rows, not the card or VAT rows below the total row
    expect(picked.map((index) => lines[index]?.text.split(' ')[0])).toEqual(['ORANGE', 'RED', 'LAGER']);
  });
});

describe('needsCloserLook', () => {
  it('is true without a date or with an unsupported total, false for a supported one', () => {
    const lines = ocrLines(RECEIPT);
    expect(needsCloserLook(extractReceipt(lines))).toBe(false);
    expect(needsCloserLook(extractReceipt(lines.filter((line) => !line.text.startsWith('DATE'))))).toBe(true);
    expect(
      needsCloserLook(extractReceipt(lines.filter((line) => !/^(TOTAL|CASH|CHANGE)/.test(line.text)))),
    ).toBe(true);
  });
});
