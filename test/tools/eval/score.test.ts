import { describe, expect, it } from 'vitest';
import type { Extraction } from '../../../functions/engine/schema.js';
import { scoreReceipt, summarise } from '../../../tools/eval/score.js';

const label = {
  file: 'R1.jpg',
  company: 'KEDAI PAPAN YEW CHUAN',
  date: '23/05/2018',
  address: 'LOT 276 JALAN BANTING 43800 DENGKIL, SELANGOR.',
  total: 'RM 162.71',
};

function field(value: string, confidence: number) {
  return { value, confidence, text: value, bbox: null };
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
    expect(a.total.ok).toBe(true);
    expect(a.company.exact).toBe(true);
    expect(a.address).toMatchObject({ exact: true, near: true });
    expect(b.total).toMatchObject({ ok: false, got: '153.50', inText: true });
    expect(b.company).toMatchObject({ exact: false, near: true });
    expect(b.date).toMatchObject({ ok: false, inText: false });
    expect(summary.accuracy.total).toEqual({ hits: 1, of: 2, rate: 0.5 });
    expect(summary.accuracy.companyNear).toEqual({ hits: 2, of: 2, rate: 1 });
    expect(summary.textContains.date).toEqual({ hits: 1, of: 2, rate: 0.5 });
    expect(summary.calibration.total).toEqual({ right: 0.9, wrong: 0.4 });
    expect(summary.parseMisses).toEqual({ total: 1, date: 0, company: 0, address: 0 });
    expect(summary.cer.receipts).toBe(1);
    expect(summary.timeMs).toEqual({ median: 100, p90: 300, max: 300 });
  });
});
