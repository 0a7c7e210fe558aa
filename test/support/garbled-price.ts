/** A real page reading with one row's price garbled as the page reading garbles thermal print (`13.00` → `13:0O`). */
import type { OcrLine } from '../../functions/engine/schema.js';

export function withMilkPriceGarbled(lines: readonly OcrLine[]): {
  lines: OcrLine[];
  index: number;
  milk: OcrLine;
} {
  const index = lines.findIndex((line) => line.text.startsWith('MILK'));
  const milk = lines[index];
  if (milk === undefined) throw new Error('the MILK line was not read');
  const garbled: OcrLine = {
    ...milk,
    words: milk.words.map((word, i) => (i === milk.words.length - 1 ? { ...word, text: '13:0O' } : word)),
    text: milk.text.replace(/13\.00$/, '13:0O'),
  };
  return { lines: lines.map((line, i) => (i === index ? garbled : line)), index, milk };
}
