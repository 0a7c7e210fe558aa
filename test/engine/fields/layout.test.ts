import { describe, expect, it } from 'vitest';
import { buildRows, letterRatio } from '../../../functions/engine/fields/layout.js';
import type { OcrLine } from '../../../functions/engine/schema.js';
import { ocrLine } from './ocr-lines.js';

describe('buildRows', () => {
  it('joins lines read as separate columns of one printed row, left to right', () => {
    // Prepare: the amount column read first, slightly lower than its label
    const lines = [
      ocrLine('8.20', 400, 104),
      ocrLine('NETT TOTAL:', 20, 100),
      ocrLine('CASH 10.00', 20, 140),
    ];
    // Act
    const rows = buildRows(lines);
    // Assess
    expect(rows.map((r) => r.text)).toEqual(['NETT TOTAL: 8.20', 'CASH 10.00']);
    expect(rows[0]?.bbox).toEqual({ x0: 20, y0: 100, x1: 448, y1: 126 });
    expect(rows.map((r) => r.index)).toEqual([0, 1]);
  });

  it('keeps overlapping lines apart and drops empty ones', () => {
    const lines = [ocrLine('TOTAL', 20, 100), ocrLine('TOTAL 5.00', 30, 102), ocrLine('   ', 20, 160)];
    expect(buildRows(lines).map((r) => r.text)).toEqual(['TOTAL', 'TOTAL 5.00']);
  });

  it('splits the text into boxed tokens when the engine gave no words', () => {
    const line: OcrLine = {
      text: 'CASH 10.00',
      confidence: 0.5,
      bbox: { x0: 0, y0: 0, x1: 100, y1: 20 },
      words: [],
    };
    const [row] = buildRows([line]);
    expect(row?.tokens).toEqual([
      { text: 'CASH', bbox: { x0: 0, y0: 0, x1: 40, y1: 20 }, confidence: 0.5 },
      { text: '10.00', bbox: { x0: 50, y0: 0, x1: 100, y1: 20 }, confidence: 0.5 },
    ]);
  });
});

describe('letterRatio', () => {
  it('is the share of letters, spaces aside', () => {
    expect(letterRatio('AB 12')).toBe(0.5);
    expect(letterRatio('')).toBe(0);
  });
});
