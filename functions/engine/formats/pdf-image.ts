/**
 * A PDF page without a text layer as an image: its one embedded image when the page is that image (a scanner's
 * PDF), as the JPEG the scanner wrote when it is one (pdf-jpeg.ts) or else as PDFium decoded it; otherwise the page
 * drawn at 300 dpi by PDFium. PDFium gives an image's size without decoding it, so a scan's JPEG is found without
 * its pixels ever being decoded twice.
 */
import sharp, { type Sharp } from 'sharp';
import type { ImageSource, RawPixels } from '../input.js';
import type { EmbeddedJpeg } from './pdf-jpeg.js';
import { type PdfPage, TEXT_DPI } from './pdf-text.js';
import type { PdfFile } from './pdfium.js';

/** An image whose aspect ratio is within this of the page's is taken to be the page. */
const SAME_ASPECT = 0.03;

function sameShape(image: { width: number; height: number }, pageAspect: number): boolean {
  return Math.abs(image.width / image.height / pageAspect - 1) <= SAME_ASPECT;
}

export interface PageImage {
  readonly source: ImageSource;
  readonly width: number;
  readonly height: number;
}

async function toGray(input: Sharp): Promise<PageImage> {
  const { data, info } = await input.grayscale().raw().toBuffer({ resolveWithObject: true });
  const raw: RawPixels = { data, width: info.width, height: info.height, channels: 1 };
  return { source: { raw, format: 'pdf' }, width: raw.width, height: raw.height };
}

/**
 * The page as an image of at most `maxPixels` (a drawn page is drawn smaller, decoded pixels resized); `jpegs`
 * are the file's JPEG streams, one of which may be this page's image.
 */
export async function pageImage(
  pdf: PdfFile,
  page: PdfPage,
  maxPixels: number,
  jpegs: readonly EmbeddedJpeg[],
): Promise<PageImage> {
  const pageAspect = page.width / page.height;
  const found = pdf.withPage(
    page.number,
    (reader): { jpeg: EmbeddedJpeg } | { raw: RawPixels; drawn: boolean } => {
      const images = reader.images();
      const only = images.length === 1 ? images[0] : undefined;
      if (only !== undefined && sameShape(only, pageAspect)) {
        const same = jpegs.filter((jpeg) => jpeg.width === only.width && jpeg.height === only.height);
        const [scan] = same;
        // Two JPEGs of the same size could be either page's: only a unique match is taken as this page's.
        if (scan !== undefined && same.length === 1 && scan.width * scan.height <= maxPixels)
          return { jpeg: scan };
        return { raw: only.pixels(), drawn: false };
      }
      const area = page.width * page.height;
      const scale = (TEXT_DPI / 72) * Math.min(1, Math.sqrt(maxPixels / area));
      return { raw: reader.draw(scale), drawn: true };
    },
  );
  if ('jpeg' in found) {
    const { bytes, width, height } = found.jpeg;
    return { source: { bytes, format: 'jpeg' }, width, height };
  }
  const { raw } = found;
  if (found.drawn) return { source: { raw, format: 'pdf' }, width: raw.width, height: raw.height };
  const image = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
  const shrink = Math.min(1, Math.sqrt(maxPixels / (raw.width * raw.height)));
  return toGray(shrink < 1 ? image.resize({ width: Math.floor(raw.width * shrink) }) : image);
}
