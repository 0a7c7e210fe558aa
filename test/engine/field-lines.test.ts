import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_LINES, fieldLines, needsCloserLook } from '../../functions/engine/field-lines.js';
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
