import { describe, expect, it } from 'vitest';
import { buildRows } from '../../../functions/engine/fields/layout.js';
import { findAmounts, formatCents, parseAmount } from '../../../functions/engine/fields/numbers.js';
import { ocrLines } from './ocr-lines.js';

describe('parseAmount', () => {
  it('reads a minus after the figures and before the currency mark as a negative amount', () => {
    expect(parseAmount('28,35-€')).toMatchObject({ cents: 2835, negative: true, currencyMark: '€' });
    expect(parseAmount('28,35€-')).toMatchObject({ cents: 2835, negative: true });
  });

  it.each([
    ['12.50', 1250, true],
    ['1,234.56', 123456, true],
    ['1.234,56', 123456, true],
    ['12,50', 1250, true],
    ['20.600', 2060000, false],
    ['1.250.000', 125000000, false],
    // no thousands group has four digits: a digit glued after the cents
    ['2160,000', 216000, true],
    ['RM8.60', 860, true],
    ['$8.20', 820, true],
    ['.01', 1, true],
    ['1O.5O', 1050, true],
    ['S.00', 500, true],
    ['l2.5O', 1250, true],
    ['B.20', 820, true],
    ['7,838.80', 783880, true],
    ['45', 4500, false],
    ['R5.00', 500, true],
    ['RH42.35', 4235, true],
    // "§" before a whole amount is a misread "$" or "€"; alone before the cents it is a 5
    ['§25.70', 2570, true],
    ['§1,234.56', 123456, true],
    ['§.90', 590, true],
    // so is a small "s"; a capital S stays a 5
    ['s7.34', 734, true],
    ['s0.21', 21, true],
    ['S7.34', 5734, true],
    // a decimal comma read as a degree sign
    ['21°25', 2125, true],
    // print noise read as a degree sign after the cents
    ['2,18°€', 218, true],
    // a till's zero read as a C in the cents
    ['1,7C', 170, true],
    ['-0,3C', 30, true],
    // print noise between a leading mark and the figures
    ['€:52,37', 5237, true],
    // the mark read twice, or as two
    ['£€21,55', 2155, true],
    // zeros after the cents leave the value
    ['21,0000', 2100, true],
    ['1,2900', 129, true],
  ])('%s -> %i hundredths', (raw, cents, decimals) => {
    // Act
    const parsed = parseAmount(raw);
    // Assess
    expect(parsed?.cents).toBe(cents);
    expect(parsed?.decimals).toBe(decimals);
  });

  it.each([['-7,840.00'], ['(3.00)'], ['-RM0.01'], ['0.02-']])('%s is negative', (raw) => {
    expect(parseAmount(raw)?.negative).toBe(true);
  });

  it.each([
    ['6%'],
    ['21/01/2018'],
    ['15:32'],
    ['TOTAL'],
    ['03-76870693'],
    ['12.3.4'],
    ['1,23.45'],
    ['15.4609'],
  ])('%s is not an amount', (raw) => {
    expect(parseAmount(raw)).toBeUndefined();
  });
});

describe('findAmounts', () => {
  it("reads a row's amounts once: the same row asked again gives the same, frozen answer", () => {
    // Prepare: one row, and another row of the same text (a re-extraction builds its rows afresh).
    const [row] = buildRows(ocrLines('TOTAL RM 12.50'));
    const [again] = buildRows(ocrLines('TOTAL RM 12.50'));

    // Act
    const first = findAmounts(row as never);

    // Assess: the same array for the same row, an equal one for the other.
    expect(findAmounts(row as never)).toBe(first);
    expect(findAmounts(again as never)).not.toBe(first);
    expect(findAmounts(again as never)).toEqual(first);
  });

  it('joins an amount split by a stray space and keeps the currency mark', () => {
    // Prepare
    const [row] = buildRows(ocrLines('TOTAL SALES INCL. GST RM 100. 62'));
    // Act
    const amounts = findAmounts(row as never);
    // Assess
    expect(amounts.map((a) => [a.cents, a.currencyMark])).toEqual([[10062, 'RM']]);
  });

  it('restores a dot the OCR lost after a currency mark at the end of the row', () => {
    const [row] = buildRows(ocrLines('Total Sales Incl GST @ 6% RM 8 60'));
    expect(findAmounts(row as never).map((a) => a.cents)).toEqual([860]);
  });

  it('joins a thousands group set apart by a space before a misread euro sign', () => {
    const [row] = buildRows(ocrLines('NET A PAYER 3 555,56¢'));
    expect(findAmounts(row as never).map((a) => a.cents)).toEqual([355556]);
  });

  it('splits a label glued to its amount', () => {
    const [row] = buildRows(ocrLines('NET TOTAL189.75'));
    expect(row?.text).toBe('NET TOTAL 189.75');
    expect(findAmounts(row as never).map((a) => a.cents)).toEqual([18975]);
  });

  it('reads a grouped amount whose decimal separator was read as a space or a colon', () => {
    const amounts = (text: string) => findAmounts(buildRows(ocrLines(text))[0] as never).map((a) => a.cents);
    expect(amounts('Totaal 1.725 71 €')).toEqual([172571]);
    expect(amounts('VISA DEBIT 3,417:22')).toEqual([341722]);
    // two lone digits after an ungrouped figure, or not ending the row, are something else
    expect(amounts('Totaal 725 71 €')).toEqual([72500, 7100]);
    expect(amounts('1.725 71 kg')).not.toContain(172571);
    // a time is no amount; a colon where no time can be is a decimal comma
    expect(amounts('VISA 14:22')).toEqual([]);
    expect(amounts('CONTANT 59:25')).toEqual([5925]);
    expect(amounts('Zeit 23:59')).toEqual([]);
    // nor where a currency mark stands beside it: no time of day carries one
    expect(amounts('TROCO 11:28 €')).toEqual([1128]);
    expect(amounts('Resto € 2:75')).toEqual([275]);
    expect(amounts('Cambio 3:40€')).toEqual([340]);
    expect(amounts('Hora 11:28')).toEqual([]);
  });

  it('reads "RMS. 00" as RM 5.00', () => {
    const [row] = buildRows(ocrLines('TOTAL RMS. 00'));
    expect(findAmounts(row as never).map((a) => a.cents)).toEqual([500]);
  });
});

describe('formatCents', () => {
  it.each([
    [123450, true, '1234.50'],
    [2060000, false, '20600'],
    [-1, true, '-0.01'],
    [5, true, '0.05'],
  ])('%i (decimals %s) -> %s', (cents, decimals, text) => {
    expect(formatCents(cents, decimals)).toBe(text);
  });
});
