/** What Save sends: only the changes, emptied fields as null, the item list whole when edited. */
import { describe, expect, it } from 'vitest';
import { toReceiptView } from '../../functions/receipts/view.js';
import { completedRecord } from '../../tools/samples/receipt-records.js';
import { correctionOf, formOf } from '../../web/src/correction.js';

const receipt = toReceiptView(
  completedRecord({
    ownerId: 'alice',
    createdAt: '2026-01-01T00:00:00.000Z',
    bucket: 'b',
    merchant: 'Sunrise',
  }),
);

describe('correctionOf', () => {
  it('is undefined when nothing changed (whitespace aside)', () => {
    const form = formOf(receipt);
    form.fields.total = ` ${form.fields.total} `;
    expect(correctionOf(receipt, form)).toBeUndefined();
  });

  it('sends a changed field, and an emptied one as null', () => {
    const form = formOf(receipt);
    form.fields.total = '12.34';
    form.fields.merchantName = '';
    form.fields.tip = '1.00';
    expect(correctionOf(receipt, form)).toEqual({
      fields: { merchantName: null, tip: '1.00', total: '12.34' },
    });
  });

  it('sends the whole item list when a row changed, without blank rows', () => {
    const form = formOf(receipt);
    const first = form.items[0];
    if (!first) throw new Error('the fixture has an item');
    form.items = [
      { ...first, amount: '7.00' },
      { description: '', quantity: '', unitPrice: '', amount: '' },
    ];
    expect(correctionOf(receipt, form)).toEqual({
      items: [
        {
          description: first.description,
          quantity: first.quantity,
          unitPrice: first.unitPrice,
          amount: '7.00',
        },
      ],
    });
  });
});
