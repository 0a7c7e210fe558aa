import { describe, expect, it } from 'vitest';
import { findItems } from '../../../functions/engine/fields/items.js';
import { buildRows } from '../../../functions/engine/fields/layout.js';
import { ocrLines } from './ocr-lines.js';

function itemsOf(text: string, whole = false) {
  return findItems(buildRows(ocrLines(text)), whole).map(({ description, quantity, unitPrice, amount }) => ({
    description,
    quantity,
    unitPrice,
    amount,
  }));
}

describe('findItems', () => {
  it('stops at a tender label whose amount was wrapped onto the next row, instead of making it an item', () => {
    const items = itemsOf(`RESTAURANT SIN DU
09/03/2018 21:25
DPT.05 RM 149.00
PILO4 RM 21.00
Cash .
RM 170. 00`);
    expect(items).toEqual([
      { description: 'DPT.05', quantity: null, unitPrice: null, amount: '149.00' },
      { description: 'PILO4', quantity: null, unitPrice: null, amount: '21.00' },
    ]);
  });

  it('joins a description to the price row below a product code row, and ignores the item count', () => {
    const items = itemsOf(`MR. D.I.Y. (M) SDN BHD
-TAX INVOICE-
DOUBLE EXT BOX 10Y *S
WA29 - 20
9553114461423 1 X 25.90 25.90
PLASTIC BAGS *S
1 X 0.20 0.20
ITEM(S) : 2 QTY(S) : 2
TOTAL INCL. GST@6% RM 26.10`);
    expect(items).toEqual([
      { description: 'DOUBLE EXT BOX 10Y *S', quantity: '1', unitPrice: '25.90', amount: '25.90' },
      { description: 'PLASTIC BAGS *S', quantity: '1', unitPrice: '0.20', amount: '0.20' },
    ]);
  });

  it('takes the description from the row below when code and prices come first, past a CASH sale heading', () => {
    const items = itemsOf(`SIMPLIFIED TAX INVOICE
CASH
DOC NO : CS00012507 DATE: 02/01/2018
ITEM QTY S/PRICE AMOUNT TAX
1042 4 18.55 74.20 SR
CORRUGATED ROOFING SHEET
1921 1 5.30 5.30 SR
NAIL (PER/PACK)
TOTAL QTY: 5 79.50`);
    expect(items).toEqual([
      { description: 'CORRUGATED ROOFING SHEET', quantity: '4', unitPrice: '18.55', amount: '74.20' },
      { description: 'NAIL (PER/PACK)', quantity: '1', unitPrice: '5.30', amount: '5.30' },
    ]);
  });

  it('reads quantity x unit price and whole-peso amounts', () => {
    expect(itemsOf('FECHA 14/03/2018\n3 x 2.900 GASEOSA 8.700\nTOTAL 8.700', true)).toEqual([
      { description: 'GASEOSA', quantity: '3', unitPrice: '2900', amount: '8700' },
    ]);
  });

  it('puts back a slashed zero read as 6 or 8 in one article when that alone makes the items add up to a sum printed twice', () => {
    const amounts = (text: string) => itemsOf(text).map((item) => item.amount);

    const receipt = 'MERCADO\nPatatas 1,50 €\nPan de barra 6,63 €\nLeche 2,97 €\nSubtotal 5,10 €';
    expect(amounts(`${receipt}\nTarjeta 5,10 €`)).toEqual(['1.50', '0.63', '2.97']);
    // A sum printed once may be the misread figure itself.
    expect(amounts(receipt)).toEqual(['1.50', '6.63', '2.97']);
    // Two articles a zero could have slipped from: neither is guessed.
    expect(amounts('MERCADO\nPatatas 1,56 €\nPan 1,66 €\nSubtotal 3,16 €\nTarjeta 3,16 €')).toEqual([
      '1.56',
      '1.66',
    ]);
  });
});
