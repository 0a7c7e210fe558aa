/**
 * Whether a text line's print carries marks above its letters: the umlauts, accents and tildes (`Ä`, `é`, `ñ`,
 * `ã`) that the first language's model cannot read and another language's can. Only such lines are worth reading
 * again whole with the receipt's own model (second-look.ts): the others read the same either way but where the
 * first reading garbled them, and reading every word line again whole was most of what a receipt in another
 * language cost (docs/engine.md, session 18).
 *
 * A mark is a small blob of ink close above a letter's body, detached from it. The dot of an `i` or `j` is one too:
 * a single mark over a narrow stem, or where the reading has a dotted letter, does not count; colons, quotes,
 * degree signs and the like have no body under them. A letter broken by faded print may look marked: that costs
 * one line read again, never a field. */
import { otsuThreshold } from '../layout.js';
import type { GrayImage } from '../preprocess.js';
import type { OcrLine, OcrWord } from '../schema.js';
import { type Component, connectedComponents } from './components.js';
import { grayPixels } from './raster.js';

/**
 * Room above the line's box, in line heights: its box often leaves out an accent over a capital (a font squeezes
 * the accented capital to the line's height and sets the accent over it, `Ó`).
 */
const MARGIN = 0.5;
/** A body is at least this share of the line's letter height; a mark at most this other share. */
const BODY = 0.5;
const MARK = 0.4;
/** A mark lies within this share of the letter height above its body. */
const GAP = 0.45;
/** A body narrower than this share of the letter height is a stem (`i`, `j`, `l`, `1`): its dot is no mark. */
const STEM = 0.25;
/** Letters read there whose glyph has a dot of its own (touching letters make an `i` look wide). */
const DOTTED = /[ijíìïĳ!?¡¿;:]/;

function heightOf(component: Component): number {
  return component.bottom - component.top;
}

function widthOf(component: Component): number {
  return component.right - component.left;
}

/** The letter height: the height most components of some size reach (a cap or an ascender's, not a dot's). */
function letterHeight(components: readonly Component[]): number {
  const heights = components
    .filter((component) => component.area >= 4)
    .map(heightOf)
    .sort((a, b) => a - b);
  return heights[Math.floor(heights.length * 0.75)] ?? 0;
}

function bodyUnder(mark: Component, bodies: readonly Component[], letter: number): Component | undefined {
  const centre = (mark.left + mark.right) / 2;
  return bodies.find(
    (body) =>
      centre >= body.left &&
      centre < body.right &&
      widthOf(body) >= STEM * letter &&
      mark.bottom <= body.top + 1 &&
      body.top - mark.bottom <= GAP * letter,
  );
}

/**
 * Whether the reading has a dotted letter (`i`, `j`, `!`) at `x` (on the reported grid): the letter whose place in
 * the word, taken in proportion to the word's width, is nearest.
 */
function dottedLetterAt(words: readonly OcrWord[], x: number): boolean {
  const word = words.find((w) => x >= w.bbox.x0 && x < w.bbox.x1);
  if (word === undefined) return false;
  const letters = [...word.text];
  const at = Math.floor(((x - word.bbox.x0) / Math.max(1, word.bbox.x1 - word.bbox.x0)) * letters.length);
  return DOTTED.test(letters[Math.min(at, letters.length - 1)] ?? '');
}

/**
 * The marks above letters on `line` (its boxes on the reported grid: divided by `scale` they are on `image`), with
 * a margin above for marks the line's box left out (MARGIN). Two marks over one letter are an umlaut; a single one
 * counts unless the reading has a dotted letter there.
 */
export function marksAboveLetters(
  image: GrayImage,
  line: Pick<OcrLine, 'bbox' | 'words'>,
  scale: number,
): number {
  const box = line.bbox;
  const lineHeight = (box.y1 - box.y0) / scale;
  const left = Math.max(0, Math.floor(box.x0 / scale));
  const right = Math.min(image.width, Math.ceil(box.x1 / scale));
  const top = Math.max(0, Math.floor(box.y0 / scale - MARGIN * lineHeight));
  const bottom = Math.min(image.height, Math.ceil(box.y1 / scale));
  const width = right - left;
  const height = bottom - top;
  if (width <= 0 || height <= 0) return 0;
  const gray = grayPixels(image, left, top, right, bottom);
  const threshold = otsuThreshold(gray);
  const mask = gray.map((value) => (value <= threshold ? 1 : 0));
  // A blob cut by the crop's top edge belongs to the line above.
  const components = connectedComponents(mask, width, height).components.filter((c) => c.top > 0);
  const letter = letterHeight(components);
  if (letter < 6) return 0;
  const bodies = components.filter((component) => heightOf(component) >= BODY * letter);
  const marked = new Map<Component, Component[]>();
  for (const component of components) {
    if (heightOf(component) > MARK * letter || widthOf(component) > letter || component.area < 2) continue;
    const body = bodyUnder(component, bodies, letter);
    if (body !== undefined) marked.set(body, [...(marked.get(body) ?? []), component]);
  }
  let count = 0;
  for (const marks of marked.values()) {
    const [mark] = marks;
    if (mark === undefined) continue;
    const centre = (left + (mark.left + mark.right) / 2) * scale;
    if (marks.length >= 2 || !dottedLetterAt(line.words, centre)) count += marks.length;
  }
  return count;
}
