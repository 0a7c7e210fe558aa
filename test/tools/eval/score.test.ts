import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../../functions/engine/schema.js';
import { parseLabel } from '../../../tools/eval/labels.js';
import { scoreReceipt, summarise } from '../../../tools/eval/score.js';

const label = parseLabel({
  file: 'R1.jpg',
  company: 'KEDAI PAPAN YEW CHUAN',
  date: '23/05/2018',
  address: 'LOT 276 JALAN BANTING 43800 DENGKIL, SELANGOR.',
  total: 'RM 162.71',
});

function field(value: string, confidence: number) {
  return { value, confidence, text: value, bbox: null };
}

function item(description: string, amount: string) {
  return {
    description,
    quantity: null,
    unitPrice: null,
    amount,
    confidence: 0.9,
    text: description,
    bbox: null,
  };
}

describe('scoreReceipt and summarise', () => {
  it('scores each field and sums receipts up', () => {
    // Prepare
    const right: Extraction = {
      fields: {
        merchantName: field('Kedai Papan Yew Chuan', 0.8),
        merchantAddress: field('LOT 276 JALAN BANTING 43800 DENGKIL SELANGOR', 0.7),
        transactionDate: field('2018-05-23', 0.9),
        total: field('162.71', 0.9),
      },
      items: [],
      confidence: 0.9,
    };
    const wrong: Extraction = {
      fields: { merchantName: field('KEDAI PAPAN YEW CHUAM', 0.5), total: field('153.50', 0.4) },
      items: [],
      confidence: 0.3,
    };
    const text = 'KEDAI PAPAN YEW CHUAN\nDATE 23/05/2018\nTOTAL 162.71';
    // Act
    const a = scoreReceipt('R1', label, right, text, 'KEDAI PAPAN YEW CHUAN\nTOTAL 162.71', 100);
    const b = scoreReceipt('R2', label, wrong, 'TOTAL 153.50\nCASH 162.71', undefined, 300);
    const summary = summarise([a, b]);
    // Assess
    expect(a.total?.ok).toBe(true);
    expect(a.company?.exact).toBe(true);
    expect(a.address).toMatchObject({ exact: true, near: true });
    expect(b.total).toMatchObject({ ok: false, got: '153.50', inText: true });
    expect(b.company).toMatchObject({ exact: false, near: true });
    expect(b.date).toMatchObject({ ok: false, inText: false });
    expect(summary.accuracy.total).toEqual({ hits: 1, of: 2, rate: 0.5 });
    expect(summary.accuracy.companyNear).toEqual({ hits: 2, of: 2, rate: 1 });
    expect(summary.textContains.date).toEqual({ hits: 1, of: 2, rate: 0.5 });
    expect(summary.meanConfidence.total).toEqual({ right: 0.9, wrong: 0.4 });
    expect(summary.parseMisses).toEqual({ total: 1, date: 0, company: 0, address: 0 });
    expect(summary.cer?.receipts).toBe(1);
    expect(summary.timeMs).toEqual({ median: 100, p90: 300, max: 300 });
  });

  it('scores only what a label labels: rates count the receipts that label the field', () => {
    // Prepare: both receipts label the total, one the date; neither labels company or address.
    const extraction: Extraction = {
      fields: {
        merchantName: field('REWE', 0.9),
        transactionDate: field('2025-10-07', 0.9),
        total: field('17.47', 0.9),
        currency: field('EUR', 0.8),
      },
      items: [],
      confidence: 0.8,
    };
    const dated = parseLabel({
      file: 'a.jpg',
      company: null,
      address: null,
      date: '2025-10-07',
      total: '17.47',
      currency: 'EUR',
    });
    const undated = parseLabel({ file: 'b.jpg', company: null, address: null, date: null, total: '9.99' });

    // Act
    const a = scoreReceipt('a', dated, extraction, 'SUMME 17,47 07.10.2025', undefined, 1);
    const b = scoreReceipt('b', undated, extraction, 'SUMME 9,99', undefined, 1);
    const summary = summarise([a, b]);

    // Assess
    expect(b.date).toBeUndefined();
    expect(b.company).toBeUndefined();
    expect(summary.accuracy).toEqual({
      total: { hits: 1, of: 2, rate: 0.5 },
      tax: null,
      date: { hits: 1, of: 1, rate: 1 },
      companyExact: null,
      companyNear: null,
      addressExact: null,
      addressNear: null,
      currency: { hits: 1, of: 1, rate: 1 },
    });
    expect(summary.textContains.total).toEqual({ hits: 2, of: 2, rate: 1 });
    expect(summary.textContains.date).toEqual({ hits: 1, of: 1, rate: 1 });
    expect(summary.items).toBeNull();
    expect(summary.cer).toBeNull();
  });

  it('scores the tax where it is labelled: a receipt labelled with no tax is right when none is read', () => {
    const taxed: Extraction = { fields: { tax: field('18.34', 0.7) }, items: [], confidence: 0.7 };
    const untaxed: Extraction = { fields: {}, items: [], confidence: 0.7 };
    const label = (tax: string) => parseLabel({ file: 'a.jpg', tax });

    const scores = [
      scoreReceipt('a', label('18.34'), taxed, 'MwSt 18,13\nMwSt 0,21', undefined, 1),
      scoreReceipt('b', label('18.34'), untaxed, 'MwSt 18,13', undefined, 1),
      scoreReceipt('c', label('0.00'), untaxed, 'TOTAL 4.00', undefined, 1),
      scoreReceipt('d', label('0.00'), taxed, 'TOTAL 4.00', undefined, 1),
    ];

    expect(scores.map((s) => s.tax?.ok)).toEqual([true, false, true, false]);
    expect(scores[0]?.tax).toMatchObject({ expected: '18.34', got: '18.34', confidence: 0.7 });
    expect(summarise(scores).accuracy.tax).toEqual({ hits: 2, of: 4, rate: 0.5 });
  });

  it('scores items only on receipts that label them', () => {
    const extraction: Extraction = {
      fields: {},
      items: [item('MILK 1L', '13.00'), item('BREAD WHOLEMEAL', '4.20'), item('SST 6%', '63.79')],
      confidence: 0.5,
    };
    const withItems = parseLabel({
      file: 'a.jpg',
      items: [
        { description: 'MILK 1L', amount: '13.00' },
        { description: 'BREAD WHOLEMEAL', amount: '4.20' },
        { description: 'COFFEE BEANS', amount: '1045.90' },
      ],
    });
    const withoutItems = parseLabel({ file: 'b.jpg', total: '1.00' });

    const summary = summarise([
      scoreReceipt('a', withItems, extraction, '', undefined, 1),
      scoreReceipt('b', withoutItems, extraction, '', undefined, 1),
    ]);

    expect(summary.items).toMatchObject({
      receipts: 1,
      labelled: 3,
      predicted: 3,
      matched: 2,
      descriptionNear: 2,
    });
    expect(summary.items?.f1).toBeCloseTo(2 / 3, 10);
  });
});
