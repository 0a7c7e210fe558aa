import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { glyphBox, looksLikeZero, readZeros } from '../../../functions/engine/image/zero-glyph.js';
import type { GrayImage } from '../../../functions/engine/preprocess.js';

/** Glyph shapes drawn as strokes in a 20 x 32 cell (no font involved), the way receipt printers form them. */
const SHAPES: Record<string, string> = {
  slashedZero:
    '<rect x="3" y="3" width="14" height="26" rx="7" fill="none" stroke="#000" stroke-width="3"/><line x1="14" y1="7" x2="6" y2="25" stroke="#000" stroke-width="3"/>',
  dottedZero:
    '<rect x="3" y="3" width="14" height="26" rx="7" fill="none" stroke="#000" stroke-width="3"/><circle cx="10" cy="16" r="2.5"/>',
  plainZero: '<rect x="3" y="3" width="14" height="26" rx="7" fill="none" stroke="#000" stroke-width="3"/>',
  // The same zero with thinner and heavier strokes: a printer's zeros are alike, not identical.
  slashedZeroThin:
    '<rect x="3" y="3" width="14" height="26" rx="7" fill="none" stroke="#000" stroke-width="2.5"/><line x1="14" y1="7" x2="6" y2="25" stroke="#000" stroke-width="2.5"/>',
  slashedZeroHeavy:
    '<rect x="3" y="3" width="14" height="26" rx="7" fill="none" stroke="#000" stroke-width="3.5"/><line x1="14" y1="7" x2="6" y2="25" stroke="#000" stroke-width="3.5"/>',
  // A slashed zero on worn thermal paper: thinner strokes, the slash and the top and bottom arcs broken.
  wornZero:
    '<path d="M3 6 V26 M17 6 V26" fill="none" stroke="#000" stroke-width="2.4"/><path d="M4 7 Q10 0 16 7 M4 25 Q10 32 16 25" fill="none" stroke="#000" stroke-width="1.6" stroke-dasharray="4 2"/><line x1="14" y1="7" x2="11" y2="14" stroke="#000" stroke-width="2"/><line x1="9" y1="18" x2="6" y2="25" stroke="#000" stroke-width="2"/>',
  eight:
    '<ellipse cx="10" cy="9.5" rx="5.5" ry="6" fill="none" stroke="#000" stroke-width="3"/><ellipse cx="10" cy="22.5" rx="7" ry="6.5" fill="none" stroke="#000" stroke-width="3"/>',
  six: '<path d="M15 4 Q5 6 4 18" fill="none" stroke="#000" stroke-width="3"/><ellipse cx="10" cy="22" rx="6.5" ry="7" fill="none" stroke="#000" stroke-width="3"/>',
  // Patchy thermal print: a slashed zero whose left side is faint (not gone) over three rows, a 6 whose opening
  // holds the same faint grey, and a square 8 whose waist a blur filled with it out to its sides.
  patchyZero:
    '<rect x="3" y="3" width="14" height="26" rx="7" fill="none" stroke="#000" stroke-width="3"/><line x1="14" y1="7" x2="6" y2="25" stroke="#000" stroke-width="3"/><rect x="1" y="9" width="5" height="3" fill="#a0a0a0"/>',
  patchySix:
    '<path d="M15 4 Q5 6 4 18" fill="none" stroke="#000" stroke-width="3"/><ellipse cx="10" cy="22" rx="6.5" ry="7" fill="none" stroke="#000" stroke-width="3"/><rect x="14" y="8" width="4" height="6" fill="#a0a0a0"/>',
  blurredEight:
    '<rect x="3" y="3" width="14" height="12" rx="3" fill="none" stroke="#000" stroke-width="3"/><rect x="3" y="18" width="14" height="11" rx="3" fill="none" stroke="#000" stroke-width="3"/><rect x="2" y="15.5" width="16" height="2" fill="#a0a0a0"/><rect x="7" y="15" width="6" height="3" fill="#000"/>',
  // A 9 whose tail two faint rows broke off its loop (a small 9 on a scan).
  brokenNine:
    '<ellipse cx="10" cy="11" rx="4.5" ry="8" fill="none" stroke="#000" stroke-width="3"/><path d="M15 23.5 Q14 27.5 5 29" fill="none" stroke="#000" stroke-width="3"/>',
  nine: '<ellipse cx="10" cy="10" rx="6.5" ry="7" fill="none" stroke="#000" stroke-width="3"/><path d="M16 12 Q15 26 5 28" fill="none" stroke="#000" stroke-width="3"/>',
};

const CELL = { width: 20, height: 32 };

function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`no cell ${index}`);
  return value;
}

/**
 * A row of glyphs, each in its cell, with the cells' boxes; a name ending in `x2` is its glyph printed at twice
 * the size (a double-size total), in a cell of twice the width and height, and one ending in `h2` at twice the
 * height only (a double-height total).
 */
async function row(
  names: readonly string[],
): Promise<{ image: GrayImage; boxes: { x0: number; y0: number; x1: number; y1: number }[] }> {
  const scales = names.map((name) => (name.endsWith('x2') ? 2 : 1));
  const tall = names.map((name, i) => (name.endsWith('h2') ? 2 : (scales[i] as number)));
  const lefts = scales.map((_, i) => 4 + scales.slice(0, i).reduce((sum, k) => sum + k * CELL.width, 0));
  const width = scales.reduce((sum, k) => sum + k * CELL.width, 0) + 8;
  const height = CELL.height * Math.max(...tall) + 8;
  const cells = names
    .map(
      (name, i) =>
        `<g transform="translate(${lefts[i]},4) scale(${scales[i]},${tall[i]})">${SHAPES[name.replace(/[xh]2$/, '')]}</g>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f4f4f4"/>${cells}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Tesseract's symbol boxes hug the ink: the stroke's extent, about one pixel inside the cell.
  const boxes = scales.map((k, i) => ({
    x0: at(lefts, i) + k,
    y0: 4 + at(tall, i),
    x1: at(lefts, i) + k * CELL.width - k,
    y1: 4 + at(tall, i) * (CELL.height - 1),
  }));
  return { image: { data: Buffer.from(data), width: info.width, height: info.height }, boxes };
}

describe('looksLikeZero', () => {
  it('knows a slashed, a dotted and a plain zero from an 8, a 6 and a 9', async () => {
    const names = ['slashedZero', 'dottedZero', 'plainZero', 'eight', 'six', 'nine'];
    const { image, boxes } = await row(names);
    const verdicts = Object.fromEntries(names.map((name, i) => [name, looksLikeZero(image, at(boxes, i))]));
    expect(verdicts).toEqual({
      slashedZero: true,
      dottedZero: true,
      plainZero: true,
      eight: false,
      six: false,
      nine: false,
    });
  });

  it('takes a zero whose side patchy print left faint for a zero, not a 6 with faint grey in its opening or a blurred 8', async () => {
    const names = ['patchyZero', 'patchySix', 'blurredEight'];
    const { image, boxes } = await row(names);
    const verdicts = Object.fromEntries(names.map((name, i) => [name, looksLikeZero(image, at(boxes, i))]));
    expect(verdicts).toEqual({ patchyZero: true, patchySix: false, blurredEight: false });
  });

  it('does not judge a glyph too small or without contrast', async () => {
    const { image, boxes } = await row(['slashedZero']);
    const box = at(boxes, 0);
    expect(looksLikeZero(image, { ...box, x1: box.x0 + 4 })).toBe(false);
    const blank: GrayImage = {
      data: Buffer.alloc(image.data.length, 200),
      width: image.width,
      height: image.height,
    };
    expect(looksLikeZero(blank, box)).toBe(false);
  });
});

/** Words of one glyph row: each word's symbols are the named cells, read as `reads`. */
function words(
  boxes: readonly { x0: number; y0: number; x1: number; y1: number }[],
  reads: readonly string[],
) {
  let next = 0;
  return reads.map((text) => {
    const symbols = [...text].map((ch) => ({ text: ch, bbox: at(boxes, next++) }));
    return { text, symbols };
  });
}

describe('glyphBox', () => {
  it("cuts a symbol box reaching far below its glyph down to the glyph's ink, and keeps a broken 9 whole", async () => {
    const { image, boxes } = await row(['slashedZero', 'brokenNine']);
    const [zero, nine] = [at(boxes, 0), at(boxes, 1)];
    // Paper below the row, and the zero's box reaching 24 px into it (a line's last symbol read on its own).
    const below = 24;
    const data = Buffer.alloc(image.width * (image.height + below), 0xf4);
    image.data.copy(data);
    const tall = { data, width: image.width, height: image.height + below };

    const cut = glyphBox(tall, { ...zero, y1: zero.y1 + below });
    expect(cut.y1 - cut.y0).toBeGreaterThanOrEqual(zero.y1 - zero.y0 - 2);
    expect(cut.y1 - cut.y0).toBeLessThanOrEqual(zero.y1 - zero.y0 + 1);
    // A box that hugs its glyph stays as it is, and so does a 9 whose tail is two faint rows off its loop.
    expect(glyphBox(image, zero)).toEqual(zero);
    expect(glyphBox(image, nine)).toEqual(nine);
  });
});

describe('readZeros', () => {
  it("reads as 0 the 8s and 6s printed like the page's zeros, and leaves its real 8s", async () => {
    const cells = [
      'slashedZero',
      'slashedZero',
      'slashedZero',
      'slashedZero',
      'eight',
      'slashedZero',
      'eight',
      'slashedZero',
    ];
    const { image, boxes } = await row(cells);
    // Tesseract read most slashed zeros right, two of them as 8 and 6.
    const page = words(boxes, ['00', '00', '88', '86']);
    expect(readZeros(page, image).texts).toEqual(['00', '00', '80', '80']);
  });

  it("judges a glyph by its ink when Tesseract's box reaches far below it (a line's last symbol)", async () => {
    const cells = ['slashedZero', 'slashedZero', 'slashedZero', 'slashedZero', 'eight', 'slashedZero'];
    const { image, boxes } = await row(cells);
    // Paper below the row, and the last symbol's box reaching 24 px into it.
    const below = 24;
    const data = Buffer.alloc(image.width * (image.height + below), 0xf4);
    image.data.copy(data);
    const tall = { data, width: image.width, height: image.height + below };
    const loose = boxes.map((box, i) => (i === boxes.length - 1 ? { ...box, y1: box.y1 + below } : box));
    expect(readZeros(words(loose, ['00', '00', '88']), tall).texts).toEqual(['00', '00', '80']);
  });

  it('reads as 0 the worn zeros read as 8 when the zeros read right are the crisp ones', async () => {
    const cells = ['slashedZero', 'slashedZero', 'slashedZero', 'wornZero', 'wornZero', 'eight', 'eight'];
    const { image, boxes } = await row(cells);
    // The crisp zeros are identical (no spread among them), the worn ones further from them, yet far nearer them
    // than the page's real 8s.
    const page = words(boxes, ['000', '88', '88']);
    expect(readZeros(page, image).texts).toEqual(['000', '00', '88']);
  });

  it('changes nothing without enough zeros read right to compare with', async () => {
    const { image, boxes } = await row(['slashedZero', 'eight', 'slashedZero', 'slashedZero']);
    const page = words(boxes, ['08', '88']);
    expect(readZeros(page, image).texts).toEqual(['08', '88']);
  });

  it("reads a page whose zeros were all read wrong: the glyphs with a zero's outline stand for its zeros", async () => {
    const cells = ['slashedZero', 'slashedZero', 'eight', 'slashedZero', 'slashedZero', 'six'];
    const { image, boxes } = await row(cells);
    // Not one zero read right: the printer's barred zeros all came out as 6s and 8s.
    const page = words(boxes, ['66', '86', '86']);
    expect(readZeros(page, image).texts).toEqual(['00', '80', '06']);
    // Three such glyphs are too few to stand for the page's zeros.
    expect(readZeros(words(boxes.slice(1), ['6', '86', '86']), image).texts).toEqual(['6', '86', '86']);
  });

  it("reads the zeros of a page where few were read right, unlike each other, against many with a zero's outline", async () => {
    const slashed = Array.from({ length: 10 }, () => 'slashedZero');
    const { image, boxes } = await row([
      'plainZero',
      'dottedZero',
      'plainZero',
      ...slashed,
      'eight',
      'eight',
    ]);
    // Three glyphs read 0 (an O and worn zeros, not this printer's barred zero) beside ten barred zeros read as 6
    // and 8, and two real 8s.
    const page = words(boxes, ['000', '86', '68', '66', '88', '86', '88']);
    expect(readZeros(page, image).texts).toEqual(['000', '00', '00', '00', '00', '00', '88']);
  });

  it("reads a double-size or double-height total's zeros by the page's zeros: as wide, or as wide for their height", async () => {
    const { image, boxes } = await row([
      'slashedZero',
      'slashedZero',
      'slashedZero',
      'slashedZero',
      'eight',
      'eightx2',
      'slashedZerox2',
      'eighth2',
      'slashedZeroh2',
    ]);
    const page = words(boxes, ['0000', '8', '88', '88']);
    expect(readZeros(page, image).texts).toEqual(['0000', '8', '80', '80']);
  });

  it('leaves an 8 that is not shaped like the zeros printed on the page', async () => {
    const { image, boxes } = await row([
      'plainZero',
      'plainZero',
      'plainZero',
      'plainZero',
      'dottedZero',
      'six',
    ]);
    // A dotted glyph among plain zeros is not this printer's zero; a 6 never has a zero's outline.
    const page = words(boxes, ['0000', '86']);
    expect(readZeros(page, image).texts).toEqual(['0000', '86']);
  });

  it("reads the zeros of a date written with its month's name (`05-Apr-20` read `85-Apr-26`)", async () => {
    // Cells: four zeros read right, then the date's glyphs (the letters and dashes drawn as 8s: they are not judged).
    const { image, boxes } = await row([
      ...Array<string>(4).fill('slashedZero'),
      'slashedZero',
      'eight',
      'eight',
      'eight',
      'eight',
      'eight',
      'eight',
      'eight',
      'slashedZero',
    ]);
    const page = words(boxes, ['00', '00', '85-Apr-26']);
    expect(readZeros(page, image).texts).toEqual(['00', '00', '05-Apr-20']);
  });

  it('leaves words that are mostly letters, and words its symbols do not spell', async () => {
    const { image, boxes } = await row([
      'slashedZero',
      'slashedZero',
      'slashedZero',
      'slashedZero',
      'slashedZero',
    ]);
    const page = [
      ...words(boxes.slice(0, 3), ['000']),
      {
        text: 'B8',
        symbols: [
          { text: 'B', bbox: at(boxes, 3) },
          { text: '8', bbox: at(boxes, 4) },
        ],
      },
      { text: '88', symbols: [{ text: '8', bbox: at(boxes, 3) }] },
      { text: '88' },
    ];
    expect(readZeros(page, image).texts).toEqual(['000', 'B8', '88', '88']);
  });

  it("judges a line cut from a page and read again by the page's zeros, at the crop's enlargement", async () => {
    // Prepare: a page whose slashed zeros were read right, and a line of it read again (2x enlarged) on its
    // own, where the one zero it holds came out as 8 and too few zeros were read right to tell it by.
    const pageRow = await row([
      'slashedZeroThin',
      'slashedZero',
      'slashedZeroHeavy',
      'slashedZero',
      'eight',
      'eight',
    ]);
    const { glyphs } = readZeros(words(pageRow.boxes, ['0000', '88']), pageRow.image);
    const lineRow = await row(['slashedZero', 'eight']);
    const enlarged = await sharp(lineRow.image.data, {
      raw: { width: lineRow.image.width, height: lineRow.image.height, channels: 1 },
    })
      .resize({ width: lineRow.image.width * 2 })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const image: GrayImage = {
      data: enlarged.data,
      width: enlarged.info.width,
      height: enlarged.info.height,
    };
    const boxes = lineRow.boxes.map((box) => ({
      x0: box.x0 * 2,
      y0: box.y0 * 2,
      x1: box.x1 * 2,
      y1: box.y1 * 2,
    }));

    // Act
    const alone = readZeros(words(boxes, ['88']), image).texts;
    const withPage = readZeros(words(boxes, ['88']), image, { glyphs, enlarge: 2 }).texts;

    // Assess: the page's real 8s keep the line's 8 an 8
    expect(glyphs.map((glyph) => glyph.digit)).toEqual(['0', '0', '0', '0', '8', '8']);
    expect(alone).toEqual(['88']);
    expect(withPage).toEqual(['08']);
  });
});
