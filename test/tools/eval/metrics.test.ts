import { describe, expect, it } from 'vitest';
import {
  characterErrorRate,
  containsAmount,
  containsDate,
  containsWords,
  matchText,
  normalise,
  parseDecimal,
  parseLabelAmount,
  parseLabelDate,
  percentile,
  similarity,
} from '../../../tools/eval/metrics.js';

describe('normalise', () => {
  it.each([
    ['Avtivo Plaza,lot B-F-11', 'AVTIVO PLAZA LOT B F 11'],
    ["  KING'S  CONFECTIONERY   S/B ", 'KING S CONFECTIONERY S B'],
    ['Bogotá, D.C.', 'BOGOTA D C'],
  ])('%s -> %s', (text, expected) => {
    expect(normalise(text)).toBe(expected);
  });
});

describe('similarity and matchText', () => {
  it('is 1 for identical and 0 for disjoint strings', () => {
    expect(similarity('ABC', 'ABC')).toBe(1);
    expect(similarity('ABC', 'XYZ')).toBe(0);
    expect(similarity('', '')).toBe(1);
  });

  it('is one minus edits over the longer length', () => {
    expect(similarity('KITTEN', 'SITTING')).toBeCloseTo(1 - 3 / 7, 10);
  });

  it('matches exactly after normalising case, punctuation and spaces', () => {
    const m = matchText('MR. D.I.Y. (M) SDN BHD', 'Mr D I Y (M) Sdn. Bhd.', 0.9);
    expect(m).toEqual({ exact: true, near: true, similarity: 1 });
  });

  it('calls a one-letter misread near but not exact', () => {
    const m = matchText('UNIHAKKA INTERNATIONAL SDN BHD', 'UNIHAKKA INTERNATIONA1 SDN BHD', 0.9);
    expect(m.exact).toBe(false);
    expect(m.near).toBe(true);
  });

  it('counts a missing value as a miss', () => {
    expect(matchText('X', undefined, 0.9)).toEqual({ exact: false, near: false, similarity: 0 });
  });
});

describe('label parsing', () => {
  it.each([
    ['$8.20', 820],
    ['RM 34.80', 3480],
    ['RM8.60', 860],
    ['7,838.80', 783880],
    ['9.00', 900],
    ['100', 10000],
  ])('amount %s -> %i', (label, cents) => {
    expect(parseLabelAmount(label)).toBe(cents);
  });

  it.each([
    ['05 MAR 2018', '2018-03-05'],
    ['30/03/2018', '2018-03-30'],
    ['25-12-18', '2018-12-25'],
    ['2018-01-05', '2018-01-05'],
    ['6/2/2017', '2017-02-06'],
    ['02/02/17', '2017-02-02'],
  ])('date %s -> %s (day first)', (label, iso) => {
    expect(parseLabelDate(label)).toBe(iso);
  });

  it('returns undefined for an unreadable date label', () => {
    expect(parseLabelDate('sometime')).toBeUndefined();
  });

  it.each([
    ['1234.50', 123450],
    ['20600', 2060000],
    ['0.5', 50],
    ['-1.25', -125],
  ])('decimal %s -> %i', (value, cents) => {
    expect(parseDecimal(value)).toBe(cents);
  });
});

describe('contains', () => {
  it('finds the total as a whole amount only', () => {
    expect(containsAmount('NETT TOTAL: $8.20', '$8.20')).toBe(true);
    expect(containsAmount('TOTAL 18.20', '8.20')).toBe(false);
    expect(containsAmount('TOTAL RM 100. 60', '100.60')).toBe(false); // verbatim: a split amount is a reading error
  });

  it('finds the total printed with either decimal mark and with thousands grouped', () => {
    expect(containsAmount('SUMME EUR 17,47', '17.47')).toBe(true);
    expect(containsAmount('TOTAL 7,838.80', '7838.80')).toBe(true);
    expect(containsAmount('GESAMT 1.234,50', '1234.50')).toBe(true);
    expect(containsAmount('SUMME 117,47', '17.47')).toBe(false);
    expect(containsAmount('SUMME 17,4', '17.47')).toBe(false);
  });

  it('finds the date ignoring spaces', () => {
    expect(containsDate('DATE: 05 MAR 2018 18:24', '05 MAR 2018')).toBe(true);
    expect(containsDate('DATE: 05 MAY 2018', '05 MAR 2018')).toBe(false);
  });

  it('finds an ISO label date in the numeric day-first forms receipts print', () => {
    expect(containsDate('07.10.2025 18:24 Bon-Nr 1', '2025-10-07')).toBe(true);
    expect(containsDate('Datum 7/10/25', '2025-10-07')).toBe(true);
    expect(containsDate('07 . 10 . 2025', '2025-10-07')).toBe(true);
    expect(containsDate('10.07.2025', '2025-10-07')).toBe(false);
    expect(containsDate('17.10.2025', '2025-10-07')).toBe(false);
  });

  it('finds words bounded by word edges', () => {
    expect(containsWords('SYARIKAT PERNIAGAAN GIN KEE\n(81109-A)', 'SYARIKAT PERNIAGAAN GIN KEE')).toBe(true);
    expect(containsWords('THE STORE', 'STOR')).toBe(false);
  });
});

describe('characterErrorRate', () => {
  it('counts edits per reference character, ignoring case and whitespace runs', () => {
    expect(characterErrorRate('TOTAL 8.20\nCASH 10.00', 'total 8.20  cash 10.00')).toBe(0);
    expect(characterErrorRate('ABCDEFGHIJ', 'ABCDEFGHIX')).toBeCloseTo(0.1, 10);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 50)).toBe(0);
  });
});
