/** What a click on a word of the image puts into a field: the receipt's printed text made into the contract's format. */
import { describe, expect, it } from 'vitest';
import { ReceiptFieldsSchema } from '../../functions/engine/schema.js';
import { FIELD_NAMES, valueFromText } from '../../web/src/fields.js';

describe('valueFromText', () => {
  it.each([
    ['amount', 'RM 1,126.89', '1126.89'],
    ['amount', '1.234,50 €', '1234.50'],
    ['amount', '12,5', '12.5'],
    ['amount', 'TOTAL 63.79', '63.79'],
    ['amount', '1 045.90', '1045.90'],
    ['amount', '-5.00', '-5.00'],
    ['amount', 'TOTAL', 'TOTAL'],
    ['date', 'DATE: 15/03/2024', '2024-03-15'],
    ['date', '5.3.24', '2024-03-05'],
    ['date', '2024-03-15', '2024-03-15'],
    ['time', 'TIME: 9:05', '09:05'],
    ['currency', 'RM 12.00 MYR', 'MYR'],
    ['text', '  SUNRISE GROCERY ', 'SUNRISE GROCERY'],
  ] as const)('%s from "%s" is "%s"', (kind, text, value) => {
    expect(valueFromText(kind, text)).toBe(value);
  });
});

describe('the form', () => {
  it('shows every field of the receipt contract, in its order', () => {
    expect(FIELD_NAMES).toEqual(ReceiptFieldsSchema.keyof().options);
  });
});
