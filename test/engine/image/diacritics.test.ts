import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { marksAboveLetters } from '../../../functions/engine/image/diacritics.js';
import type { GrayImage } from '../../../functions/engine/preprocess.js';
import type { OcrLine } from '../../../functions/engine/schema.js';

const FONT_SIZE = 28;
/** DejaVu Sans Mono's advance: every character takes the same width, so a word's box follows from its place. */
const ADVANCE = FONT_SIZE * 0.602;
const LEFT = 12;
const BASELINE = 40;

/**
 * One printed line (`printed`) and its first reading (`read`, what the English model makes of it: same length,
 * no marks), the words' boxes where the monospaced font puts them.
 */
async function printedLine(printed: string, read: string): Promise<{ image: GrayImage; line: OcrLine }> {
  const width = Math.ceil(LEFT * 2 + ADVANCE * printed.length);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="56"><rect width="100%" height="100%" fill="#f2f2f2"/><text x="${LEFT}" y="${BASELINE}" font-family="DejaVu Sans Mono" font-size="${FONT_SIZE}" fill="#111" xml:space="preserve">${printed}</text></svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .grayscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const words = [...read.matchAll(/\S+/g)].map((match) => ({
    text: match[0],
    confidence: 0.9,
    bbox: {
      x0: Math.round(LEFT + ADVANCE * match.index),
      y0: 10,
      x1: Math.round(LEFT + ADVANCE * (match.index + match[0].length)),
      y1: 48,
    },
  }));
  const line = { text: read, confidence: 0.9, bbox: { x0: LEFT, y0: 10, x1: width - LEFT, y1: 48 }, words };
  return { image: { data, width: info.width, height: info.height }, line };
}

async function marks(printed: string, read = printed): Promise<number> {
  const { image, line } = await printedLine(printed, read);
  return marksAboveLetters(image, line, 1);
}

describe('marksAboveLetters', () => {
  it('finds the umlauts an English reading drops, two dots each', async () => {
    expect(await marks('KÄSE BRÖTCHEN 1,19 A', 'KASE BROTCHEN 1,19 A')).toBe(4);
    expect(await marks('Gemüse für 3,50', 'Gemuse fur 3,50')).toBe(4);
  });

  it('finds accents and tildes', async () => {
    expect(await marks('CAFÉ CRÈME 2,80', 'CAFE CREME 2,80')).toBe(2);
    expect(await marks('PAN ESPAÑOL', 'PAN ESPANOL')).toBe(1);
    expect(await marks('CORAÇÃO', 'CORACAO')).toBeGreaterThanOrEqual(1);
  });

  it('finds none on the same words printed without marks', async () => {
    expect(await marks('KASE BROTCHEN 1,19 A')).toBe(0);
    expect(await marks('CAFE CREME 2,80')).toBe(0);
  });

  it('does not take the dots of i and j, colons, quotes or a degree sign for marks', async () => {
    expect(await marks('Vielen Dank, bis bald')).toBe(0);
    expect(await marks('Bitte Beleg aufbewahren: jetzt')).toBe(0);
    expect(await marks('Tel: 0941 "4°C" 19% 2,30')).toBe(0);
  });
});
