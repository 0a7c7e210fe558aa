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
