/**
 * A PDF page without a text layer as gray pixels: its one embedded image when the page is that image (a
 * scanner's PDF: the scan as scanned, no resampling), else the page rendered at 300 dpi with @napi-rs/canvas
 * (prebuilt Skia for linux x64 and arm64).
 */
import sharp, { type Sharp } from 'sharp';
import { extractImages, renderPageAsImage } from 'unpdf';
import type { RawPixels } from '../input.js';
import { type PdfPage, TEXT_DPI } from './pdf-text.js';

type Document = Parameters<typeof extractImages>[0];

/** An image whose aspect ratio is within this of the page's is taken to be the page. */
const SAME_ASPECT = 0.03;

async function toGray(input: Sharp): Promise<RawPixels> {
  const { data, info } = await input.grayscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 1 };
}

/** The page's pixels; at most `maxPixels` (a rendered page is rendered smaller, an embedded image resized). */
export async function pagePixels(pdf: Document, page: PdfPage, maxPixels: number): Promise<RawPixels> {
  const images = await extractImages(pdf, page.number);
  const only = images.length === 1 ? images[0] : undefined;
  const pageAspect = page.viewport.width / page.viewport.height;
  if (only !== undefined && Math.abs(only.width / only.height / pageAspect - 1) <= SAME_ASPECT) {
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
