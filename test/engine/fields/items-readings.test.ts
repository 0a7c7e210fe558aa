/**
 * Garbled article prices and the one choice of readings that makes the items add up (items-readings.ts).
 * The token forms are those Tesseract produced on rendered thermal receipts: a decimal comma read as a digit,
 * a currency mark read as a digit, noise and a VAT code glued on.
 */
import { describe, expect, it } from 'vitest';
import {
  priceReadings,
  rowPriceReadings,
  settleGap,
} from '../../../functions/engine/fields/items-readings.js';
import { buildRows } from '../../../functions/engine/fields/layout.js';
import { ocrLines } from './ocr-lines.js';

const readings = (text: string) => priceReadings(text)?.cents;

describe('priceReadings', () => {
  it('reads four bare digits as the separator lost or read as a digit', () => {
    expect(readings('2115')).toEqual([2115, 215]);
    expect(readings('3725')).toEqual([3725, 325]);
  });

  it('reads three digits as a price with its separator lost, five as lost or read as a digit', () => {
    expect(readings('170')).toEqual([170]);
    expect(readings('12750')).toEqual([12750, 1250]);
  });

  it('takes the first price out of print noise and a VAT code', () => {
    expect(readings('€.2.75:8B')).toEqual([275]);
    expect(readings('3:85°B')).toEqual([385]);
    // a thousands group read whole stays one reading: the sum decides
    expect(readings('2,855.68')).toEqual([285568, 285]);
  });

  it('offers the figure without its first digit when a currency mark is glued before it', () => {
    expect(readings('£215.60')).toEqual([21560, 1560]);
    expect(readings('E1219')).toEqual([1219, 119, 219]);
    expect(readings('215.60')).toEqual([21560]);
  });

  it("reads a US till's tax flag glued to a price or set apart", () => {
    expect(readings('199T')).toEqual([199]);
    expect(readings('229N')).toEqual([229]);
    const row = buildRows(ocrLines('COLA 2L 478 T'))[0];
    expect(row && rowPriceReadings(row)).toMatchObject({ cents: [478], from: 2 });
  });

  it('keeps a thousands group whole as one reading', () => {
    expect(readings('1.234,56')).toEqual([123456, 123]);
  });

  it('reads no words, units or short numbers', () => {
    expect(readings('500g')).toBeUndefined();
    expect(readings('GREED')).toBeUndefined();
    expect(readings('75')).toBeUndefined();
    expect(readings('123456')).toBeUndefined();
  });
});

describe('settleGap', () => {
  it('takes the one choice with the fewest changes that adds the gap', () => {
    expect(settleGap([[2115, 215], [-20000]], 215)).toEqual([{ element: 0, cents: 215 }]);
    expect(settleGap([[2115, 215], [-20000], [385]], 600)).toEqual([
      { element: 0, cents: 215 },
      { element: 2, cents: 385 },
    ]);
  });

  it('takes nothing when two choices add up alike', () => {
    expect(settleGap([[215], [215]], 215)).toBeUndefined();
  });

  it('takes nothing when no choice adds up, or the gap is closed already', () => {
    expect(settleGap([[2115, 215]], 216)).toBeUndefined();
    expect(settleGap([[215]], 0)).toBeUndefined();
  });

  it('changes at most four rows', () => {
    const five = [[1], [2], [4], [8], [16]];
    expect(settleGap(five, 15)).toHaveLength(4);
    expect(settleGap(five, 31)).toBeUndefined();
  });
});
