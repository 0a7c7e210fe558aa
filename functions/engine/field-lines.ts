/**
 * The lines worth a second, closer reading: those the key fields were read from or depend on (the total, the
 * amounts and tender rows around it, the date), when they were read with less than full confidence. A slipped
 * digit there costs the record; elsewhere it costs little. Reading a few line crops enlarged costs a fraction
 * of the page, so the selection is bounded by the share of the page's area it re-reads.
 */
import { CASH_TENDERED, CHANGE, DATE_LABEL, STRONG_TOTAL, SUBTOTAL, TOTAL } from './fields/labels.js';
import type { BBox, Extraction, OcrLine } from './schema.js';

export interface FieldLineOptions {
  /** Lines read at or above this confidence are left as they are. */
  readonly below: number;
  /** At most this many lines. */
  readonly maxLines: number;
  /** At most this share of the page's text area (sum of line boxes) is read again. */
  readonly maxAreaShare: number;
  /**
   * Which lines: those of the key fields; the other lines that hold words (descriptions, the merchant), for
   * a reading in the receipt's own language when the first one was in another; or the merchant's name and
   * address lines (the receipt's top lines when no name was found), for a reading with the better model when
   * the page was read with the fast one.
   */
  readonly kind: 'fields' | 'words' | 'merchant' | 'items';
}

/** Measured on `pnpm eval` (docs/engine.md). */
export const DEFAULT_FIELD_LINES: FieldLineOptions = {
  below: 0.85,
  maxLines: 6,
  maxAreaShare: 0.35,
  kind: 'fields',
};

const DATE_SHAPE = /\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}/;
/**
 * A year and a time of day on one row: the date row, whatever the reading made of its day and month (`18 Jul 2022
 * 12:55` read `18=3Ul=2022%12:55`). A year's four digits and a time's hour or minutes cannot be the same digits.
 */
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/;
const TIME_OF_DAY = /(?<![\d.,])\d{1,2}:\d{2}(?![\d.,])/;

function area(box: BBox): number {
  return Math.max(0, box.x1 - box.x0) * Math.max(0, box.y1 - box.y0);
}

/** The line holds (vertically) the centre of a box. */
function holds(line: OcrLine, box: BBox): boolean {
  const centre = (box.y0 + box.y1) / 2;
  return centre >= line.bbox.y0 && centre <= line.bbox.y1;
}

function isFieldLine(line: OcrLine, boxes: readonly BBox[]): boolean {
  const upper = line.text.toUpperCase();
  return (
    boxes.some((box) => holds(line, box)) ||
    TOTAL.test(upper) ||
    STRONG_TOTAL.test(upper) ||
    SUBTOTAL.test(upper) ||
    (CASH_TENDERED.test(upper) && /\d/.test(upper)) ||
    CHANGE.test(upper) ||
    DATE_LABEL.test(upper) ||
    DATE_SHAPE.test(upper) ||
    (YEAR.test(upper) && TIME_OF_DAY.test(upper))
  );
}

/** The merchant's header lines read with the fast model and re-read with best_int (docs/engine.md). */
export const MERCHANT_LINES: FieldLineOptions = {
  below: 0.95,
  maxLines: 5,
  maxAreaShare: 0.35,
  kind: 'merchant',
};

/** With no merchant name found, the name is looked for in this many lines from the top. */
const TOP_LINES = 4;

function boxesOf(fields: readonly ({ bbox?: BBox | null } | undefined)[]): BBox[] {
  return fields.map((field) => field?.bbox).filter((box): box is BBox => box !== null && box !== undefined);
}

/** Whether line `index` is one the options' kind selects (confidence aside). */
function selector(
  lines: readonly OcrLine[],
  extraction: Extraction,
  kind: FieldLineOptions['kind'],
): (line: OcrLine, index: number) => boolean {
  const { total, subtotal, tax, transactionDate, merchantName, merchantAddress } = extraction.fields;
  if (kind === 'merchant') {
    const merchant = boxesOf([merchantName, merchantAddress]);
    if (merchantName === undefined) return (_, index) => index < Math.min(TOP_LINES, lines.length);
    return (line) => merchant.some((box) => overlaps(line, box));
  }
  const boxes = boxesOf([total, subtotal, tax, transactionDate]);
  if (kind === 'fields') return (line) => isFieldLine(line, boxes);
  if (kind === 'items') {
    // Between the merchant's lines and the total: the article rows.
    const top = Math.max(
      ...boxesOf([merchantName, merchantAddress, extraction.fields.merchantPhone]).map((b) => b.y1),
    );
    const bottom = total?.bbox?.y0 ?? totalRowTop(lines, top);
    return (line) => {
      const centre = (line.bbox.y0 + line.bbox.y1) / 2;
      return centre > top && centre < bottom && !isFieldLine(line, boxes) && /\p{L}{2,}/u.test(line.text);
    };
  }
  return (line) => !isFieldLine(line, boxes) && /\p{L}{3,}/u.test(line.text);
}

/**
 * Where the total's row starts when the total was worked out rather than read (cash − change, the VAT table: it
 * has no box): the first row under the header labelled as a total, or none.
 */
function totalRowTop(lines: readonly OcrLine[], top: number): number {
  const row = lines.find((line) => {
    const upper = line.text.toUpperCase();
    return line.bbox.y0 > top && (TOTAL.test(upper) || STRONG_TOTAL.test(upper));
  });
  return row?.bbox.y0 ?? Number.NEGATIVE_INFINITY;
}

/** The line lies (vertically, by its centre) within a box that may span several lines (an address). */
function overlaps(line: OcrLine, box: BBox): boolean {
  const centre = (line.bbox.y0 + line.bbox.y1) / 2;
  return centre >= box.y0 && centre <= box.y1;
}

/**
 * The article rows of a receipt whose items do not add up to its subtotal or total: one of them was misread
 * (a slipped digit, a lost decimal mark) or lost its amount. Only the rows whose price is garbled are read again
 * (rereadPrices), so a place given to a row with a clean price costs nothing. Twelve places, not eight: the
 * weakest rows include a web address or a misread quantity row now and then, and eight had left two of a
 * receipt's seven garbled prices unread.
 */
export const ITEM_LINES: FieldLineOptions = {
  below: 0.93,
  maxLines: 12,
  maxAreaShare: 0.5,
  kind: 'items',
};

/** Indices of the lines to read again, the weakest first, within the options' budget. */
export function fieldLines(
  lines: readonly OcrLine[],
  extraction: Extraction,
  options: FieldLineOptions = DEFAULT_FIELD_LINES,
): number[] {
  const pageArea = lines.reduce((sum, line) => sum + area(line.bbox), 0);
  const selected = selector(lines, extraction, options.kind);
  const ranked = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line, index }) => line.confidence < options.below && selected(line, index))
    .sort((a, b) => a.line.confidence - b.line.confidence);
  const chosen: number[] = [];
  let budget = pageArea * options.maxAreaShare;
  for (const { line, index } of ranked) {
    if (chosen.length >= options.maxLines) break;
    const cost = area(line.bbox);
    if (cost > budget) continue;
    budget -= cost;
    chosen.push(index);
  }
  return chosen.sort((a, b) => a - b);
}

/** A total below this confidence has no label-and-arithmetic backing worth trusting (docs/fields.md). */
const CLOSER_LOOK_BELOW = 0.6;

/** Whether the key fields need a closer look: no total, a total nothing supports, or no date. */
export function needsCloserLook(extraction: Extraction): boolean {
  const { total, transactionDate } = extraction.fields;
  return total === undefined || total.confidence < CLOSER_LOOK_BELOW || transactionDate === undefined;
}
