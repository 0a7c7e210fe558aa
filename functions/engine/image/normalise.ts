/**
 * Faded, low-contrast or unevenly lit paper made legible: each pixel is divided by the paper's own brightness
 * around it (estimated with the text removed), then the contrast is stretched from the ink to the paper.
 * Only for weak readings: on a clean scan a global stretch turns paper grain and JPEG noise into specks
 * (normalising every receipt hurt CER).
 */
import { otsuThreshold } from '../layout.js';
import type { GrayImage } from '../preprocess.js';
import { boxBlur, percentile } from './raster.js';

/** Side of the blocks the paper's brightness is sampled on: larger than a glyph, smaller than a shadow. */
const BLOCK = 16;

/** The paper's brightness per block: the block's brightest pixels (text is darker), smoothed. */
function paperLevels(image: GrayImage): { levels: Uint8Array; columns: number; rows: number } {
  const columns = Math.ceil(image.width / BLOCK);
  const rows = Math.ceil(image.height / BLOCK);
  const levels = new Uint8Array(columns * rows);
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column < columns; column += 1) {
      let max = 0;
      for (let y = row * BLOCK; y < Math.min(image.height, (row + 1) * BLOCK); y += 1) {
        const start = y * image.width;
        for (let x = column * BLOCK; x < Math.min(image.width, (column + 1) * BLOCK); x += 1) {
          const value = image.data[start + x] as number;
          if (value > max) max = value;
        }
      }
      levels[row * columns + column] = max;
    }
  }
  return { levels: boxBlur(levels, columns, rows, 2), columns, rows };
}

export function flattenLighting(image: GrayImage): GrayImage {
  const { levels, columns, rows } = paperLevels(image);
  const flat = new Uint8Array(image.width * image.height);
  for (let y = 0; y < image.height; y += 1) {
    // Bilinear between block centres, so block edges leave no seams.
    const gy = Math.min(rows - 1, Math.max(0, (y + 0.5) / BLOCK - 0.5));
    const r0 = Math.floor(gy);
    const r1 = Math.min(rows - 1, r0 + 1);
    const fy = gy - r0;
    for (let x = 0; x < image.width; x += 1) {
      const gx = Math.min(columns - 1, Math.max(0, (x + 0.5) / BLOCK - 0.5));
      const c0 = Math.floor(gx);
      const c1 = Math.min(columns - 1, c0 + 1);
      const fx = gx - c0;
      const top =
        (levels[r0 * columns + c0] as number) * (1 - fx) + (levels[r0 * columns + c1] as number) * fx;
      const bottom =
        (levels[r1 * columns + c0] as number) * (1 - fx) + (levels[r1 * columns + c1] as number) * fx;
      const paper = Math.max(1, top * (1 - fy) + bottom * fy);
      const index = y * image.width + x;
      flat[index] = Math.min(255, ((image.data[index] as number) * 255) / paper);
    }
  }
  // Ink (the darkest percent) to black, the paper (most pixels) to white.
  const ink = percentile(flat, 0.01);
  const paper = Math.max(ink + 16, percentile(flat, 0.6));
  const data = Buffer.alloc(flat.length);
  for (let i = 0; i < flat.length; i += 1) {
    data[i] = Math.max(0, Math.min(255, (((flat[i] as number) - ink) * 255) / (paper - ink)));
  }
  return { data, width: image.width, height: image.height };
}

/**
 * How much flattening changed a page as Tesseract sees it first, a page of ink and paper split at one threshold:
 * the pixels whose side of its Otsu threshold differs between the page and the flattened one, per ink pixel of the
 * page. A stretch of the contrast alone moves no pixel across (Otsu's split follows it); paper that darkens
 * towards an edge or faint ink does. Two weak dev scans on white paper flattened to 0 and 0.0003, faint ones to
 * 0.07 and 0.15, a photo's falling light to 0.5. Per ink pixel, so that sparse print on a large page still counts.
 */
export function flatteningChange(image: GrayImage, flat: GrayImage): number {
  const before = otsuThreshold(image.data);
  const after = otsuThreshold(flat.data);
  let ink = 0;
  let moved = 0;
  for (let index = 0; index < image.data.length; index += 1) {
    const wasInk = (image.data[index] as number) <= before;
    if (wasInk) ink += 1;
    if (wasInk !== (flat.data[index] as number) <= after) moved += 1;
  }
  return moved / Math.max(1, ink);
}
