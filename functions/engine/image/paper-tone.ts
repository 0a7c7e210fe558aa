/**
 * How bright the paper is: the median, over blocks of the receipt's middle, of each block's brightest pixel
 * (text is darker than the paper it is on). A flatbed scan's paper is white (240-255 on the SROIE-like scans
 * measured); a phone photo's paper in room light is grey (90-200 on the phone photos measured), and its
 * brightness falls off across the receipt. Such paper reads better with its lighting flattened, whatever the
 * first reading's confidence (measured: flattening turned 8 of 8 missed photo totals right, and cost 4 of 28
 * totals on white scans, so it is kept for grey paper).
 */
import type { GrayImage } from '../preprocess.js';
import { percentile } from './raster.js';

/** Blocks per side: a block must be larger than a glyph so that it holds some paper. */
const BLOCKS = 30;
/** Paper darker than this is photographed or shaded, not scanned white. */
export const GREY_PAPER = 215;

export function paperTone(image: GrayImage): number {
  const block = Math.max(4, Math.floor(Math.min(image.width, image.height) / BLOCKS));
  const maxima: number[] = [];
  // The middle 60 % in both directions: the receipt's edges may still show a strip of table.
  for (let top = Math.floor(image.height * 0.2); top + block <= image.height * 0.8; top += block) {
    for (let left = Math.floor(image.width * 0.2); left + block <= image.width * 0.8; left += block) {
      let max = 0;
      for (let y = top; y < top + block; y += 2) {
        const row = y * image.width;
        for (let x = left; x < left + block; x += 2) {
          const value = image.data[row + x] as number;
          if (value > max) max = value;
        }
      }
      maxima.push(max);
    }
  }
  return maxima.length === 0 ? 255 : percentile(maxima, 0.5);
}

/** Grey paper: a photo in room light or a shaded copy, read with its lighting flattened from the start. */
export function isGreyPaper(image: GrayImage): boolean {
  return paperTone(image) < GREY_PAPER;
}

/** Slices across and down the receipt whose paper levels are compared (isUnevenlyLit). */
const SLICES = 10;
/** A slice's paper level: the brightest tenth of its pixels starts here (text is darker). */
const PAPER_SHARE = 0.9;
/**
 * Paper in the darkest slice below this share of the brightest slice's level is lit unevenly. White paper whose
 * light falls off to 176 of 232 towards one edge of a photo lost its right-hand column of amounts to
 * Tesseract's one threshold for the page (`TOTAL EUR 34` for 134,20); flattened, the page read whole, and so did
 * a blurred photo falling off only to 201 of 231. Scans, pages and flat renders measure 0.94-0.99; 15 of 60
 * rendered photos (three seeds) fell below 0.9 (engine.ts flattens photos only: two dev scans darkening towards one end, 0.76
 * and 0.77, read as well or better as they are).
 */
export const UNEVEN_LIGHT = 0.9;

/** The paper's level per slice, sampled on every third pixel and row inside a 3 % margin. */
function sliceLevels(image: GrayImage): number[] {
  const { width, height, data } = image;
  const across = Array.from({ length: SLICES }, () => new Uint32Array(256));
  const down = Array.from({ length: SLICES }, () => new Uint32Array(256));
  for (let y = Math.floor(height * 0.03); y < height * 0.97; y += 3) {
    const row = down[Math.floor((y / height) * SLICES)] as Uint32Array;
    for (let x = Math.floor(width * 0.03); x < width * 0.97; x += 3) {
      const value = data[y * width + x] as number;
      const column = across[Math.floor((x / width) * SLICES)] as Uint32Array;
      column[value] = (column[value] as number) + 1;
      row[value] = (row[value] as number) + 1;
    }
  }
  return [...across, ...down].map((histogram) => {
    const total = histogram.reduce((sum, count) => sum + count, 0);
    let seen = 0;
    for (let value = 0; value < 256; value += 1) {
      seen += histogram[value] as number;
      if (seen >= total * PAPER_SHARE) return value;
    }
    return 255;
  });
}

/** Paper lit unevenly (a photo's light falling off towards an edge): read with its lighting flattened too. */
export function isUnevenlyLit(image: GrayImage): boolean {
  const levels = sliceLevels(image);
  return Math.min(...levels) < UNEVEN_LIGHT * Math.max(...levels);
}
