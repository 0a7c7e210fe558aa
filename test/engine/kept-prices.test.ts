import { describe, expect, it } from 'vitest';
import { extractReceipt } from '../../functions/engine/fields/index.js';
import type { OcrLine } from '../../functions/engine/schema.js';
import { keptPrices } from '../../functions/engine/second-look.js';
import { ocrLine, ocrLines } from './fields/ocr-lines.js';

// The total with VAT added under it: the items may add up to the total or to the total less its tax.
const RECEIPT = `
CORNER SHOP
1 HIGH STREET
BREAD                20.00
CHEESE               21.55
SOAP                 13051
COLA                 22541
TOTAL EUR            45.10
VAT 23%               4.93`;

/** The page's lines with the rows starting with each key read again, in their place, as its text. */
function rereadAs(lines: readonly OcrLine[], reads: Record<string, string>): OcrLine[] {
  return lines.map((line) => {
    const prefix = Object.keys(reads).find((p) => line.text.startsWith(p));
    return prefix === undefined ? line : ocrLine(reads[prefix] as string, line.bbox.x0, line.bbox.y0);
  });
}

describe('keptPrices: which garbled prices read again are kept', () => {
  it('keeps two prices that only together make the items add up, whichever comes first', () => {
    // Prepare: 41.55 read lies 1.38 from the total less its tax; the soap's 1.30 alone takes the sum to 42.85,
    // further from both, and the cola's 2.25 alone to 43.80, nearer the total: only both give 45.10.
    const lines = ocrLines(RECEIPT);
    const reread = rereadAs(lines, { SOAP: 'SOAP 1.30', COLA: 'COLA 2.25' });
    expect(extractReceipt(lines).items.map((item) => item.amount)).toEqual(['20.00', '21.55']);

    // Act
    const look = keptPrices(lines, reread, 'eng');

    // Assess
    expect(look.extraction.items.map((item) => item.amount)).toEqual(['20.00', '21.55', '1.30', '2.25']);
    expect(look.lines.map((line) => line.text)).toContain('SOAP 1.30');
  });

  it('leaves a price read again that moves the sum away and nothing else brings back', () => {
    const lines = ocrLines(RECEIPT);
    const reread = rereadAs(lines, { SOAP: 'SOAP 1.30' });

    const look = keptPrices(lines, reread, 'eng');

    expect(look.extraction.items.map((item) => item.amount)).toEqual(['20.00', '21.55']);
    expect(look.lines).toEqual(lines);
  });

  it("takes the caller's extraction of the lines for its own: the same rows kept either way", () => {
    const lines = ocrLines(RECEIPT);
    const reread = rereadAs(lines, { SOAP: 'SOAP 1.30', COLA: 'COLA 2.25' });

    const look = keptPrices(lines, reread, 'eng', extractReceipt(lines, { languages: ['eng'] }));

    expect(look.extraction.items.map((item) => item.amount)).toEqual(['20.00', '21.55', '1.30', '2.25']);
    expect(look).toEqual(keptPrices(lines, reread, 'eng'));
  });
});
