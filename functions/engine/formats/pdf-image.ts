/**
 * A PDF page without a text layer as an image: its one embedded image when the page is that image (a scanner's
 * PDF), as the JPEG the scanner wrote when it is one (pdf-jpeg.ts) or else as pdf.js decoded it; otherwise the page
 * drawn at 300 dpi with @napi-rs/canvas (prebuilt Skia for linux x64 and arm64).
 */
import sharp, { type Sharp } from 'sharp';
import { extractImages, type getDocumentProxy, renderPageAsImage } from 'unpdf';
import type { ImageSource, RawPixels } from '../input.js';
import type { EmbeddedJpeg } from './pdf-jpeg.js';
import { type PdfPage, TEXT_DPI } from './pdf-text.js';

type Document = Awaited<ReturnType<typeof getDocumentProxy>>;

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
  pdf: Document,
  page: PdfPage,
  maxPixels: number,
  jpegs: readonly EmbeddedJpeg[],
): Promise<PageImage> {
  const pageAspect = page.viewport.width / page.viewport.height;
  const [jpeg] = jpegs;
  // A one-page scan: the file's only JPEG, shaped like the page, is the page. Taken without asking pdf.js for the
  // page's images, which decodes them (measured: most of what a scanned PDF cost over its JPEG).
  if (pdf.numPages === 1 && jpegs.length === 1 && jpeg !== undefined && sameShape(jpeg, pageAspect)) {
    if (jpeg.width * jpeg.height <= maxPixels) {
      return { source: { bytes: jpeg.bytes, format: 'jpeg' }, width: jpeg.width, height: jpeg.height };
    }
  }
  const images = await extractImages(pdf, page.number);
  const only = images.length === 1 ? images[0] : undefined;
  if (only !== undefined && sameShape(only, pageAspect)) {
    const jpeg = jpegs.filter(
      (candidate) => candidate.width === only.width && candidate.height === only.height,
    );
    const [scan] = jpeg;
    // Two JPEGs of the same size could be either page's: only a unique match is taken as this page's.
    if (scan !== undefined && jpeg.length === 1 && scan.width * scan.height <= maxPixels) {
      return { source: { bytes: scan.bytes, format: 'jpeg' }, width: scan.width, height: scan.height };
    }
    const data = Buffer.from(only.data.buffer, only.data.byteOffset, only.data.byteLength);
    const image = sharp(data, { raw: { width: only.width, height: only.height, channels: only.channels } });
    const shrink = Math.min(1, Math.sqrt(maxPixels / (only.width * only.height)));
    return toGray(shrink < 1 ? image.resize({ width: Math.floor(only.width * shrink) }) : image);
  }
  const area = page.viewport.width * page.viewport.height;
  const scale = (TEXT_DPI / 72) * Math.min(1, Math.sqrt(maxPixels / area));
  const png = await renderPageAsImage(pdf, page.number, {
    canvasImport: () => import('@napi-rs/canvas'),
    scale,
  });
  return toGray(sharp(Buffer.from(png)).flatten({ background: '#ffffff' }));
}
