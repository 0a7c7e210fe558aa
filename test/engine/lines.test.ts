import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  garbledPrice,
  garbledPriceStart,
  priceColumn,
  priceSpan,
  rereadCleanly,
  rereadLines,
  rereadPrices,
  rereadWeakLines,
  spanOf,
  unsurePriceStart,
} from '../../functions/engine/lines.js';
import { type GrayImage, toPgm } from '../../functions/engine/preprocess.js';
import { Recognizer } from '../../functions/engine/recognizer.js';
import type { OcrLine, OcrWord } from '../../functions/engine/schema.js';
import { resolveLangSource } from '../../functions/engine/tessdata.js';
import { ENGLISH_RECEIPT, type ReceiptSpec, renderReceipt } from '../../tools/samples/receipt-images.js';
import { withMilkPriceGarbled } from '../support/garbled-price.js';

/** A recognizer of the given model kind and a rendered receipt (the English one by default), in gray. */
function englishReceipt(kind: 'fast' | 'best_int', receipt: ReceiptSpec = ENGLISH_RECEIPT) {
  const context = {} as { recognizer: Recognizer; image: GrayImage };
  beforeAll(async () => {
    context.recognizer = new Recognizer({
      languages: 'eng',
      source: resolveLangSource(['eng'], kind),
      recycleAfterJobs: 100,
      recycleAboveRssBytes: Number.POSITIVE_INFINITY,
    });
    const { data, info } = await sharp(await renderReceipt(receipt))
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    context.image = { data, width: info.width, height: info.height };
  });
  afterAll(async () => {
    await context.recognizer.close();
  });
  return context;
}

describe('rereadWeakLines', () => {
  const context = englishReceipt('fast');

  it('replaces a weak line with its enlarged re-reading, boxes mapped back onto the page', async () => {
    // Prepare: a real reading reported on a 1.5x grid, with the TOTAL line marked weak.
    const scale = 1.5;
    const page = await context.recognizer.recognize(toPgm(context.image), { scale });
    const index = page.lines.findIndex((line) => line.text.startsWith('TOTAL'));
    const original = page.lines[index];
    if (original === undefined) throw new Error('the TOTAL line was not read');
    const weakened = page.lines.map((line, i) =>
      i === index
        ? { ...line, confidence: 0.1, words: line.words.map((word) => ({ ...word, confidence: 0.1 })) }
        : line,
    );

    // Act
    const lines = await rereadWeakLines(weakened, context.image, scale, context.recognizer);

    // Assess
    const reread = lines[index];
    expect(reread?.text).toBe('TOTAL RM 1,126.89');
    expect(reread?.confidence).toBeGreaterThan(0.8);
    for (const [i, word] of (reread?.words ?? []).entries()) {
      const before = original.words[i]?.bbox;
      expect(Math.abs(word.bbox.x0 - (before?.x0 ?? 0))).toBeLessThanOrEqual(4);
      expect(Math.abs(word.bbox.y1 - (before?.y1 ?? 0))).toBeLessThanOrEqual(4);
    }
    expect(lines.filter((_, i) => i !== index)).toEqual(page.lines.filter((_, i) => i !== index));
  });
});

describe('rereadPrices', () => {
  const context = englishReceipt('best_int');

  it("reads a garbled price again from its own crop and keeps the row's description as read", async () => {
    // Prepare: a real reading, the milk row's amount garbled as the page reading garbles thermal print.
    const page = await context.recognizer.recognize(toPgm(context.image));
    const { lines, index, milk } = withMilkPriceGarbled(page.lines);

    // Act
    const reread = await rereadPrices(lines, [index], context.image, 1, context.recognizer);

    // Assess: the amount read again; the words before it as the page read them
    expect(reread[index]?.text).toBe(milk.text);
    expect(reread[index]?.words.slice(0, -1)).toEqual(milk.words.slice(0, -1));
    expect(reread.filter((_, i) => i !== index)).toEqual(lines.filter((_, i) => i !== index));
    // a clean price is not read again
    const untouched = await rereadPrices(page.lines, [index], context.image, 1, context.recognizer);
    expect(untouched[index]).toBe(milk);
  });

  it('leaves a price as read when its crop would end before it starts (a line box short of its words)', async () => {
    // Prepare: the garbled milk row with its line box ending at its description (a photo's warped row)
    const page = await context.recognizer.recognize(toPgm(context.image));
    const { lines, index } = withMilkPriceGarbled(page.lines);
    const row = lines[index] as OcrLine;
    const short = { ...row, bbox: { ...row.bbox, x1: row.words[0]?.bbox.x1 ?? row.bbox.x0 } };
    const shortened = lines.map((line, i) => (i === index ? short : line));

    // Act
    const reread = await rereadPrices(shortened, [index], context.image, 1, context.recognizer);

    // Assess: nothing read, nothing thrown
    expect(reread[index]).toBe(short);
  });
});

describe('rereadLines, a stretch only', () => {
  const context = englishReceipt('best_int');

  it("reads again only a row's stretch of weak words, the words around it kept as read", async () => {
    // Prepare: a real reading, the milk row's amount garbled and read with little confidence.
    const page = await context.recognizer.recognize(toPgm(context.image));
    const { lines, index, milk } = withMilkPriceGarbled(page.lines);
    const row = lines[index] as OcrLine;
    const weak: OcrLine = {
      ...row,
      words: row.words.map((word, i) => (i === row.words.length - 1 ? { ...word, confidence: 0.2 } : word)),
    };
    const weakened = lines.map((line, i) => (i === index ? weak : line));

    // Act
    const weakWords = (line: OcrLine) => spanOf(line, (word) => word.confidence < 0.6);
    const reread = await rereadLines(weakened, [index], context.image, 1, context.recognizer, {
      span: weakWords,
    });

    // Assess: the amount read again, the description's words the very words the page read
    expect(reread[index]?.text).toBe(milk.text);
    expect(reread[index]?.words.slice(0, -1)).toEqual(weak.words.slice(0, -1));
    expect(reread.filter((_, i) => i !== index)).toEqual(weakened.filter((_, i) => i !== index));
    // a row with no word below the threshold is not read again
    const untouched = await rereadLines(lines, [index], context.image, 1, context.recognizer, {
      span: weakWords,
    });
    expect(untouched[index]).toBe(lines[index]);
  });

  it('takes the stretch from the first chosen word to the last', () => {
    const line = (confidences: number[]): OcrLine => ({
      text: confidences.map((_, i) => `w${i}`).join(' '),
      confidence: 0.9,
      bbox: { x0: 0, y0: 0, x1: 100, y1: 10 },
      words: confidences.map((confidence, i) => ({
        text: `w${i}`,
        confidence,
        bbox: { x0: i * 20, y0: 0, x1: i * 20 + 15, y1: 10 },
      })),
    });
    const weak = (word: OcrWord) => word.confidence < 0.6;
    expect(spanOf(line([0.9, 0.4, 0.95, 0.5, 0.9]), weak)).toEqual({ from: 1, to: 4 });
    expect(spanOf(line([0.9, 0.92, 0.3]), weak)).toEqual({ from: 2, to: 3 });
    expect(spanOf(line([0.9, 0.7]), weak)).toBeUndefined();
  });
});

describe('rereadPrices on grainy paper', () => {
  /** Article rows as a till prints them: the price at the right edge, far from the description. */
  const receipt: ReceiptSpec = {
    lines: [
      'CORNER DELI & GROCERY',
      '',
      'MATURE CHEDDAR 400G              2.55',
      'HDMI CABLE 2M                   £7.10',
      'ORANGE JUICE 1L                  2.15',
      'TOTAL                           11.80',
    ],
  };
  const context = englishReceipt('best_int', receipt);

  /**
   * The receipt on thermal paper: a grey tone (240) and grain of about 4 levels' deviation (seeded: every run
   * reads the same pixels). Read raw, the crops of two of the three prices came back as `2:55` and `2.215`.
   */
  function grainy(image: GrayImage): GrayImage {
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const data = image.data.map((value) =>
      Math.round(value * (240 / 255) + 8 * (random() + random() + random() - 1.5)),
    );
    return { ...image, data: Buffer.from(data) };
  }

  it.each(['MATURE', 'HDMI', 'ORANGE'])(
    "reads the %s row's price from a crop of grainy paper as printed",
    async (article) => {
      // Prepare: the clean page's reading, the row's price garbled
      const page = await context.recognizer.recognize(toPgm(context.image));
      const index = page.lines.findIndex((line) => line.text.startsWith(article));
      const row = page.lines[index];
      if (row === undefined) throw new Error(`the ${article} line was not read`);
      const last = row.words.length - 1;
      const garbled: OcrLine = {
        ...row,
        words: row.words.map((word, i) => (i === last ? { ...word, text: '13:0O' } : word)),
        text: [...row.words.slice(0, last).map((word) => word.text), '13:0O'].join(' '),
      };
      const lines = page.lines.map((line, i) => (i === index ? garbled : line));

      // Act: the crop cut from the grainy copy
      const reread = await rereadPrices(lines, [index], grainy(context.image), 1, context.recognizer);

      // Assess: the price as printed
      expect(reread[index]?.words.at(-1)?.text).toBe(row.words[last]?.text);
    },
  );
});

describe('priceSpan and garbledPrice', () => {
  const line = (text: string): OcrLine => {
    const words = text.split(' ').map((word, i) => ({
      text: word,
      confidence: 0.9,
      bbox: { x0: i * 100, y0: 0, x1: i * 100 + 80, y1: 20 },
    }));
    return { text, confidence: 0.9, bbox: { x0: 0, y0: 0, x1: words.length * 100, y1: 20 }, words };
  };
  const garbled = (text: string) => {
    const row = line(text);
    const from = priceSpan(row);
    return from !== undefined && garbledPrice(row.words.slice(0, from), row.words.slice(from));
  };

  it('finds the price at the end of an article row, its VAT code and mark included', () => {
    expect(priceSpan(line("VOLLMILCH 3,5% 1L 1:25 'B"))).toBe(3);
    expect(priceSpan(line('TOMATEN € 2,76 B'))).toBe(1);
    expect(priceSpan(line('BROT'))).toBeUndefined();
    expect(priceSpan(line('12,50'))).toBeUndefined();
  });

  it('reads again only prices the page garbled, on rows that describe an article', () => {
    expect(garbled('LATTE REGULAR E3879')).toBe(true);
    expect(garbled('Zwiebeln 1kg Netz 12578')).toBe(true);
    expect(garbled("ORANGENSAFT 100% 1L 1:25 'B")).toBe(true);
    // read cleanly, or no price: a rate, a time, a reference number
    expect(garbled('TOMATEN 2,76 € B')).toBe(false);
    expect(garbled('Discount 10%')).toBe(false);
    expect(garbled('Cashier Time: 14:31:00')).toBe(false);
    expect(garbled('GST Reg: 001658445824')).toBe(false);
  });

  it('takes a pound sign read as f for a mark: the price after it was read cleanly', () => {
    expect(priceSpan(line('BANANAS f 1.86'))).toBe(1);
    expect(priceSpan(line('RED WINE SHIRAZ £f 7.39'))).toBe(3);
    expect(garbled('BANANAS f 1.86')).toBe(false);
    expect(garbled('RED WINE SHIRAZ £f 7.39')).toBe(false);
    // a price re-read as `f 6.95` in place of `£H6T95` came back clean
    const before = line('LAGER 4X440ML £H6T95');
    const words = [...before.words.slice(0, 2), ...line('x x f 6.95').words.slice(2)];
    expect(rereadCleanly({ ...before, words }, before)).toBe(true);
    expect(
      rereadCleanly(
        { ...before, words: [...before.words.slice(0, 2), ...line('x x ff6.9S').words.slice(2)] },
        before,
      ),
    ).toBe(false);
  });

  it("places the page's price column by its clean prices, and finds a price read as letters in it", () => {
    // Prepare: rows whose prices (the fourth word, at x 300) were read cleanly; two read as letters
    const rows = [
      'MILK 1L BIO 1,19 A',
      'BREAD WHOLE MEAL 2,49 A',
      'BUTTER 250G SALTED 1,89 A',
      'EGGS 6PK FREE 2,19 B',
    ];
    const column = priceColumn(rows.map(line));
    expect(column).toBe(300);

    // Act / Assess: the words reaching into the column when none of them is a clean price
    expect(garbledPriceStart(line('ORANGE JUICE 1L Silie7o'), column)).toBe(3);
    expect(garbledPriceStart(line('PAPER TOWELS ROLL SSO A'), column)).toBe(3);
    // a garbled figure is found as before, with or without a column
    expect(garbledPriceStart(line('LATTE REGULAR E3879'), undefined)).toBe(2);
    // a clean price, a row that ends before the column, a row with nothing before the column
    expect(garbledPriceStart(line('TOMATEN 2,76 € B'), column)).toBeUndefined();
    expect(garbledPriceStart(line('THANK YOU'), column)).toBeUndefined();
    expect(garbledPriceStart(line('SSO'), column)).toBeUndefined();
    // too few clean prices to place a column
    expect(priceColumn(rows.slice(0, 2).map(line))).toBeUndefined();
  });

  it("takes the words before a garbled figure that start in the price column as the price's", () => {
    // `£ 5.19` read `fr 5 198]`: the mark and the pounds came out as words of their own, in the column at 300
    const column = priceColumn(
      ['MILK 1L BIO 1,19', 'BREAD WHOLE MEAL 2,49', 'BUTTER 250G SALT 1,89'].map(line),
    );

    expect(garbledPriceStart(line('HAM TOASTIE fr 5 198]'), 200)).toBe(2);
    expect(garbledPriceStart(line('HAM CHEESE TOASTIE 5 198]'), column)).toBe(3);
    // without a column, the figure alone
    expect(garbledPriceStart(line('HAM TOASTIE fr 5 198]'), undefined)).toBe(4);
  });

  it('takes a price read as its mark and a letter (`$A]` for $4.71) in the price column for a price, not a VAT code', () => {
    expect(garbledPriceStart(line('CHICKEN BREAST FILLETS $A]'), 300)).toBe(3);
    // a VAT code after a clean price, or a code alone without a mark, is no price read as letters
    expect(garbledPriceStart(line('CHICKEN BREAST FILLETS 4.71 A'), 300)).toBeUndefined();
    expect(garbledPriceStart(line('CHICKEN BREAST FILLETS A]'), 300)).toBeUndefined();
  });

  it('finds a price read cleanly but unsurely, for a reading again when the items do not add up', () => {
    const unsure = (text: string, confidence: number) => {
      const row = line(text);
      return {
        ...row,
        words: row.words.map((w, i) => (i === row.words.length - 1 ? { ...w, confidence } : w)),
      };
    };

    expect(unsurePriceStart(unsure('TOSTA MISTA 2,39', 0.73))).toBe(2);
    // read surely, read garbled (the garbled ones are read again anyway), or no article
    expect(unsurePriceStart(unsure('TOSTA MISTA 2,39', 0.95))).toBeUndefined();
    expect(unsurePriceStart(unsure('TOSTA MISTA 2:39:', 0.73))).toBeUndefined();
    expect(unsurePriceStart(unsure('12 2,39', 0.73))).toBeUndefined();
  });

  it('takes a whole part no till prints, a zero before another digit, for a garbled price', () => {
    // `0,50 1` read `060,50 1` (a price, then its quantity), in the price column at 400
    expect(garbledPriceStart(line('2 x Statiegeld blik 060,50 1'), 400)).toBe(4);
    expect(garbledPriceStart(line('x Statiegeld fles 00,25 1'), 300)).toBe(3);
    expect(garbledPriceStart(line('x Statiegeld fles 0,25 1'), 300)).toBeUndefined();
    expect(garbled('Statiegeld blik 060,50')).toBe(true);
  });
});
