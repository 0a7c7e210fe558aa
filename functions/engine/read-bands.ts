/**
 * A receipt much taller than wide (a long till roll, a stitched scan, the pages of a PDF stacked) is read in
 * overlapping horizontal bands, each turned upright and recognised on its own (read-upright.ts), and their
 * lines merged. Tesseract's memory grows with the image it is given and stays grown (its WASM heap never
 * shrinks): a 1080x45,810 px receipt read whole pushed the process past 3 GB and failed with "Image too
 * large". In bands, memory is bounded by one band and time grows linearly with the length.
 *
 * The overlap is split down the middle: a band keeps the lines whose centre lies in its own half of each
 * overlap, so a line cut by one band's edge is kept, whole, from the neighbour that holds it away from its
 * edge, and no line is kept twice.
 */
import type { DigitGlyph } from './image/zero-glyph.js';
import { cropImage, type GrayImage } from './preprocess.js';
import { type Capture, type Lap, type Reading, readUpright } from './read-upright.js';
import { meanWordConfidence, type Recognizer } from './recognizer.js';
import type { BBox, OcrLine } from './schema.js';

export interface BandOptions {
  /** Pixels per band at most (width x band height, at the resolution read). */
  readonly bandPixels: number;
  /** Rows two neighbouring bands share: several text lines, so a cut line is whole in one of them. */
  readonly overlap: number;
}

/**
 * 4 MP: a receipt 1200 px wide is read whole up to 3,333 px tall, as before (the dev set's scans stay under
 * it); anything longer is cut. Measured with tools/bench/long-receipt.ts (docs/engine.md).
 */
export const DEFAULT_BANDS: BandOptions = { bandPixels: 4_000_000, overlap: 240 };

interface Band {
  readonly top: number;
  readonly height: number;
  /** Rows [keepFrom, keepTo) of the whole image whose lines this band keeps. */
  readonly keepFrom: number;
  readonly keepTo: number;
}

/** The bands of an image `height` rows tall (one band when it fits in one). */
export function planBands(width: number, height: number, options: BandOptions = DEFAULT_BANDS): Band[] {
  const bandHeight = Math.max(options.overlap * 3, Math.floor(options.bandPixels / Math.max(1, width)));
  if (height <= bandHeight) return [{ top: 0, height, keepFrom: 0, keepTo: height }];
  const step = bandHeight - options.overlap;
  const count = Math.ceil((height - options.overlap) / step);
  const bands: Band[] = [];
  for (let index = 0; index < count; index += 1) {
    const top = Math.min(index * step, height - bandHeight);
    const previousBottom = index === 0 ? 0 : (bands[index - 1]?.top ?? 0) + bandHeight;
    const keepFrom = index === 0 ? 0 : Math.round((top + previousBottom) / 2);
    bands.push({ top, height: bandHeight, keepFrom, keepTo: height });
    const previous = bands[index - 1];
    if (previous !== undefined) bands[index - 1] = { ...previous, keepTo: keepFrom };
  }
  return bands;
}

/**
 * Maps a box on the band as read (turned clockwise by `rotation` degrees about its centre, the canvas grown to
 * `turned`) back to the band's own pixels: the axis-aligned hull of its four corners turned back.
 */
export function unturnBox(
  box: BBox,
  rotation: number,
  band: { width: number; height: number },
  turned: { width: number; height: number },
): BBox {
  if (rotation % 360 === 0) return box;
  const radians = (-rotation * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const corners = [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x1, box.y1],
    [box.x0, box.y1],
  ].map(([x = 0, y = 0]) => {
    const dx = x - turned.width / 2;
    const dy = y - turned.height / 2;
    return { x: dx * cos - dy * sin + band.width / 2, y: dx * sin + dy * cos + band.height / 2 };
  });
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  return {
    x0: Math.round(Math.max(0, Math.min(...xs))),
    y0: Math.round(Math.max(0, Math.min(...ys))),
    x1: Math.round(Math.min(band.width, Math.max(...xs))),
    y1: Math.round(Math.min(band.height, Math.max(...ys))),
  };
}

function moveBox(box: BBox, scale: number, map: (box: BBox) => BBox, top: number): BBox {
  const local = map({ x0: box.x0 / scale, y0: box.y0 / scale, x1: box.x1 / scale, y1: box.y1 / scale });
  return {
    x0: Math.round(local.x0 * scale),
    y0: Math.round((local.y0 + top) * scale),
    x1: Math.round(local.x1 * scale),
    y1: Math.round((local.y1 + top) * scale),
  };
}

/**
 * Reads `image` upright: whole when it fits in one band (readUpright as it is), else band by band. Lines of a
 * banded reading are on the grid of `image` as given (each band's turn undone), in top-to-bottom order, and
 * the reading's image is `image` itself with rotation 0, so later line re-reads cut from the same grid.
 */
export async function readInBands(
  image: GrayImage,
  scale: number,
  recognizer: Recognizer,
  lap: Lap,
  options: BandOptions = DEFAULT_BANDS,
  capture: Capture = {},
): Promise<Reading> {
  const bands = planBands(image.width, image.height, options);
  if (bands.length === 1) return readUpright(image, scale, recognizer, lap, capture);
  const kept: { line: OcrLine; centre: number }[] = [];
  // Every band is the same print: their digits together judge a re-read line's zeros.
  const digits: DigitGlyph[] = [];
  for (const band of bands) {
    const pixels = await cropImage(image, {
      left: 0,
      top: band.top,
      width: image.width,
      height: band.height,
    });
    const reading = await readUpright(pixels, scale, recognizer, lap, capture);
    digits.push(...(reading.page.digits ?? []));
    const size = { width: pixels.width, height: pixels.height };
    const map = (box: BBox) => unturnBox(box, reading.rotation, size, reading.image);
    for (const line of reading.page.lines) {
      const bbox = moveBox(line.bbox, scale, map, band.top);
      const centre = (bbox.y0 + bbox.y1) / 2 / scale;
      if (centre < band.keepFrom || centre >= band.keepTo) continue;
      const words = line.words.map((word) => ({ ...word, bbox: moveBox(word.bbox, scale, map, band.top) }));
      kept.push({ line: { ...line, bbox, words }, centre });
    }
  }
  const lines = kept.sort((a, b) => a.centre - b.centre).map(({ line }) => line);
  return {
    page: { lines, confidence: meanWordConfidence(lines), digits },
    image,
    rotation: 0,
    turn: 0,
  };
}
