import { describe, expect, it } from 'vitest';
import { parseLabelAmount, parseLabelDate } from '../../../tools/eval/metrics.js';
import { receiptLabel } from '../../../tools/render/labels.js';
import { LANGUAGES } from '../../../tools/render/model.js';
import { centsToDecimal, formatCents, lineAmount } from '../../../tools/render/money.js';
import { generateReceipt } from '../../../tools/render/receipt.js';

const PER_LANGUAGE = 60;

describe.each(LANGUAGES)('generated %s receipts', (language) => {
  const receipts = Array.from({ length: PER_LANGUAGE }, (_, i) => generateReceipt(language, i, 7));

  it('are the same for the same seed and differ for another', () => {
    // Act
    const again = generateReceipt(language, 3, 7);
    const other = generateReceipt(language, 3, 8);
    // Assess
    expect(again).toEqual(receipts[3]);
    expect(other.text).not.toEqual(receipts[3]?.text);
  });

  it('add up in integer cents: items, tax and rounding give the total; VAT rows and tender balance', () => {
    for (const { content } of receipts) {
      const items = content.items.reduce((sum, item) => sum + item.amount, 0);
      expect(items).toBe(content.itemsSum);
      expect(content.itemsSum + (content.salesTax?.amount ?? 0) + content.rounding).toBe(content.total);
      for (const item of content.items) {
        expect(Number.isInteger(item.amount)).toBe(true);
        if (item.quantityMilli !== undefined && item.unitPriceMilli !== undefined) {
          const sign = item.kind === 'return' ? -1 : 1;
          expect(item.amount).toBe(sign * lineAmount(item.quantityMilli, item.unitPriceMilli));
        }
      }
      if (content.vat.length > 0) {
        for (const line of content.vat) expect(line.net + line.tax).toBe(line.gross);
        expect(content.vat.reduce((sum, line) => sum + line.gross, 0)).toBe(content.itemsSum);
      }
      if (content.payment.method === 'cash') {
        expect(content.payment.given - content.payment.change).toBe(content.total);
        expect(content.payment.change).toBeGreaterThanOrEqual(0);
      }
      expect(Math.abs(content.rounding)).toBeLessThanOrEqual(2);
    }
  });

  it('print the labelled company, address lines, date and total', () => {
    for (const receipt of receipts) {
      // Prepare
      const { content, laidOut, text } = receipt;
      // Lines too long for the paper wrap; the label joins what was printed with spaces.
      const printed = text
        .map((line) => line.trim())
        .join(' ')
        .replace(/\s+/g, ' ');
      const label = receiptLabel(content, laidOut, `${receipt.id}.png`, {});
      // Assess: company and address are printed strings, the total is printed in the receipt's convention
      expect(printed).toContain(label.company);
      expect(printed).toContain(label.address);
      expect(label.address).toBe(content.merchant.addressLines.join(' '));
      expect(text.join('\n')).toContain(formatCents(Math.abs(content.total), content.numbers));
      expect(parseLabelAmount(label.total)).toBe(content.total);
      expect(label.total).toBe(centsToDecimal(content.total));
      expect(parseLabelDate(label.date)).toBe(label.date);
      expect(text.join('\n')).toContain(label.dateText);
      expect(label.date <= '2026-11-30' && label.date >= '2019-01-01').toBe(true);
      // the tax is labelled when the receipt prints it: as one figure, or as the figures of its rates
      const shows = (cents: number) =>
        text.join('\n').includes(formatCents(Math.abs(cents), content.numbers));
      const taxed = content.vat.filter((v) => v.tax !== 0);
      if (label.tax === null) expect(laidOut.style.vat).toBe('none');
      else expect(shows(parseLabelAmount(label.tax) ?? 0.5) || taxed.every((v) => shows(v.tax))).toBe(true);
      expect(label.items.reduce((sum, item) => sum + (parseLabelAmount(item.amount) ?? Number.NaN), 0)).toBe(
        content.itemsSum,
      );
      // A description wrapped with its amount on the first row is printed in parts around the amount.
      for (const item of label.items) {
        for (const word of item.description.split(' ')) expect(printed).toContain(word);
      }
    }
  });
});

describe('many receipts', () => {
  it('are generated for every language and print their date as labelled', () => {
    for (const language of LANGUAGES) {
      for (let i = 0; i < 250; i += 1) {
        const { laidOut, text } = generateReceipt(language, i, 2);
        expect(text.join('\n')).toContain(laidOut.dateText);
      }
    }
  });
});

describe('the generated sets as a whole', () => {
  const all = LANGUAGES.flatMap((language) =>
    Array.from({ length: PER_LANGUAGE }, (_, i) => generateReceipt(language, i, 7)),
  );

  it('show the variety the evaluation needs', () => {
    // Act
    const contents = all.map((r) => r.content);
    const currencies = new Set(contents.map((c) => c.currency));
    const commaDecimals = contents.filter((c) => c.numbers.decimal === ',').length;
    const dotDecimalsInEuro = contents.filter(
      (c) => c.currency === 'EUR' && c.numbers.decimal === '.',
    ).length;
    const cash = contents.filter((c) => c.payment.method === 'cash').length;
    const slips = contents.filter((c) => c.payment.method === 'card' && c.payment.slip).length;
    const kinds = new Set(contents.flatMap((c) => c.items.map((i) => i.kind)));
    // Assess
    expect([...currencies].sort()).toEqual(['CHF', 'EUR', 'GBP', 'USD']);
    expect(commaDecimals).toBeGreaterThan(all.length / 2);
    expect(dotDecimalsInEuro).toBeGreaterThan(0);
    expect(cash).toBeGreaterThan(all.length / 5);
    expect(slips).toBeGreaterThan(all.length / 10);
    expect(contents.some((c) => c.total >= 100_000)).toBe(true);
    expect(contents.some((c) => c.total < 0)).toBe(true);
    expect(contents.some((c) => c.rounding !== 0)).toBe(true);
    expect([...kinds].sort()).toEqual([
      'deposit',
      'discount',
      'plain',
      'quantity',
      'return',
      'volume',
      'weight',
    ]);
    expect(new Set(all.map((r) => r.laidOut.style.dateFormat)).size).toBeGreaterThan(15);
    expect(new Set(all.map((r) => r.laidOut.style.columns))).toEqual(new Set([32, 42, 48]));
  });
});
