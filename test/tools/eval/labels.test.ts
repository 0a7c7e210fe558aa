import { describe, expect, it } from 'vitest';
import { labelledFields, parseLabel } from '../../../tools/eval/labels.js';

describe('parseLabel', () => {
  it('reads an SROIE label: every key field labelled, amounts in hundredths, dates as ISO', () => {
    const label = parseLabel({
      file: 'X1.jpg',
      company: 'KEDAI PAPAN YEW CHUAN',
      date: '23/05/2018',
      address: 'LOT 276 JALAN BANTING',
      total: 'RM 162.71',
    });

    expect(label).toEqual({
      file: 'X1.jpg',
      company: 'KEDAI PAPAN YEW CHUAN',
      address: 'LOT 276 JALAN BANTING',
      total: { raw: 'RM 162.71', cents: 16271 },
      date: { raw: '23/05/2018', iso: '2018-05-23' },
    });
  });

  it('leaves null, absent and blank fields unlabelled and ignores keys it does not know', () => {
    const label = parseLabel({
      file: 'rewe.jpg',
      company: null,
      address: '  ',
      date: '2025-10-07',
      total: '17.47',
      currency: 'EUR',
      merchant_hint: 'REWE (Dortmund)',
      sha256: 'abc',
    });

    expect(label).toEqual({
      file: 'rewe.jpg',
      date: { raw: '2025-10-07', iso: '2025-10-07' },
      total: { raw: '17.47', cents: 1747 },
      currency: 'EUR',
    });
  });

  it('reads items as description and amount in hundredths; an empty list says "no items"', () => {
    const label = parseLabel({
      file: 'a.jpg',
      items: [
        { description: 'MILK 1L', quantity: '2', unitPrice: '6.50', amount: '13.00' },
        { description: 'DISCOUNT', amount: '-1.5' },
      ],
    });
    expect(label.items).toEqual([
      { description: 'MILK 1L', amount: 1300 },
      { description: 'DISCOUNT', amount: -150 },
    ]);
    expect(parseLabel({ file: 'b.jpg', items: [] }).items).toEqual([]);
    expect(parseLabel({ file: 'c.jpg', items: null }).items).toBeUndefined();
  });

  it.each([
    [{ file: 'a.jpg', total: 'free' }, 'total "free" is not an amount'],
    [{ file: 'a.jpg', date: 'sometime' }, 'date "sometime" is not a date this tool reads'],
    [{ file: 'a.jpg', currency: 'euro' }, 'currency: an ISO 4217 code'],
    [{ file: 'a.jpg', items: [{ description: 'X', amount: '1,50' }] }, 'items.0.amount: a decimal string'],
    [{ company: 'X' }, 'file:'],
  ])('rejects %j', (json, message) => {
    expect(() => parseLabel(json)).toThrow(message);
  });
});

describe('labelledFields', () => {
  it('lists the fields at least one label labels', () => {
    const labels = [
      parseLabel({ file: 'a.jpg', total: '1.00', date: null }),
      parseLabel({ file: 'b.jpg', total: '2.00', date: '2025-01-02', items: [] }),
    ];
    expect([...labelledFields(labels)].sort()).toEqual(['date', 'items', 'total']);
  });
});
