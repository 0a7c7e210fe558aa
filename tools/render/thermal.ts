/**
 * Prints a laid-out receipt like a thermal printer and scans it: the lines are drawn as SVG at the printer's
 * 203 dpi on 58 or 80 mm paper (384 or 576 printable dots), thresholded to dots, given uneven ink density
 * (patchy heat, weak print-head elements that leave light streaks), then resampled to the scan resolution
 * (about 300 dpi), blurred by the scanner's optics and laid on paper with grain. Output: an 8-bit grey raster.
 */
import sharp from 'sharp';
import type { PrintedLine } from './model.js';
import { Rng } from './random.js';
import { clampByte, fromSharp, noiseTable, type Raster, smoothNoise } from './raster.js';

export const PRINTER_DPI = 203;

export type PrintFont = 'mono' | 'sans' | 'serif';

export interface ThermalParams {
  readonly paperMm: 58 | 80;
  readonly columns: number;
  readonly font: PrintFont;
  /** Dots were binary (thermal); false renders anti-aliased text (inkjet/laser tills). */
  readonly thermal: boolean;
  /** Overall ink darkness, 0..1. */
  readonly density: number;
  /** How much density varies in patches, 0..1. */
  readonly patchiness: number;
  /** Print-head elements that print weakly: light vertical streaks. */
  readonly weakElements: number;
  readonly scanDpi: number;
  readonly blur: number;
  /** Paper tone (0..255) and grain amplitude. */
  readonly paper: number;
  readonly grain: number;
  readonly seed: number;
}

export function drawThermalParams(rng: Rng, paperMm: 58 | 80, columns: number): ThermalParams {
  return {
    paperMm,
    columns,
    font: rng.weighted([
      ['mono', 8],
      ['sans', 1.5],
      ['serif', 0.5],
    ] as const),
    thermal: rng.chance(0.85),
    density: rng.float(0.72, 0.97),
    patchiness: rng.float(0.05, 0.35),
    weakElements: rng.weighted([
      [0, 6],
      [1, 2],
      [2, 1],
      [4, 0.5],
    ] as const),
    scanDpi: rng.int(285, 310),
    blur: rng.float(0.45, 1.0),
    paper: rng.int(236, 252),
    grain: rng.float(2, 6),
    seed: rng.int(0, 0x7fffffff),
  };
}

const FONT_FAMILY: Record<PrintFont, string> = {
  mono: 'DejaVu Sans Mono',
  sans: 'DejaVu Sans Condensed',
  serif: 'DejaVu Serif Condensed',
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function qrModules(rng: Rng, x: number, y: number, size: number): string {
  const n = 25;
  const m = size / n;
  const rects: string[] = [];
  const finder = (fx: number, fy: number) =>
    `<rect x="${x + fx * m}" y="${y + fy * m}" width="${7 * m}" height="${7 * m}"/>` +
    `<rect x="${x + (fx + 1) * m}" y="${y + (fy + 1) * m}" width="${5 * m}" height="${5 * m}" fill="#fff"/>` +
    `<rect x="${x + (fx + 2) * m}" y="${y + (fy + 2) * m}" width="${3 * m}" height="${3 * m}"/>`;
  for (let r = 0; r < n; r += 1) {
    for (let c = 0; c < n; c += 1) {
      const inFinder = (r < 8 && c < 8) || (r < 8 && c >= n - 8) || (r >= n - 8 && c < 8);
      if (!inFinder && rng.chance(0.5))
        rects.push(`<rect x="${x + c * m}" y="${y + r * m}" width="${m}" height="${m}"/>`);
    }
  }
  return finder(0, 0) + finder(n - 7, 0) + finder(0, n - 7) + rects.join('');
}

function barcodeBars(rng: Rng, x: number, y: number, width: number, height: number): string {
  const bars: string[] = [];
  let at = x;
  while (at < x + width) {
    const w = rng.int(1, 4) * 2;
    if (rng.chance(0.5)) bars.push(`<rect x="${at}" y="${y}" width="${w}" height="${height}"/>`);
    at += w;
  }
  return bars.join('');
}

/** The receipt as SVG at printer resolution, and its size in dots. */
export function receiptSvg(
  lines: readonly PrintedLine[],
  params: ThermalParams,
): { svg: string; width: number; height: number } {
  const rng = new Rng(params.seed);
  const paper = Math.round((params.paperMm / 25.4) * PRINTER_DPI);
  const printable = params.paperMm === 58 ? 384 : 576;
  const margin = (paper - printable) / 2;
  const charWidth = printable / params.columns;
  const fontSize = (charWidth / 0.602) * (params.font === 'mono' ? 1 : 0.93);
  const lineHeight = Math.round(charWidth * 2.05);
  const family = FONT_FAMILY[params.font];
  let y = rng.int(24, 56);
  const parts: string[] = [];
  for (const line of lines) {
    const scaleY = line.size === 'normal' ? 1 : 2;
    const scaleX = line.size === 'wide' ? 2 : 1;
    const height =
      line.kind === 'text' || line.kind === 'rule' ? lineHeight * scaleY : lineHeight * (line.rows ?? 4);
    if (line.kind === 'qr') {
      const size = Math.min(height - 8, printable * 0.45);
      parts.push(`<g fill="#000">${qrModules(rng, margin + (printable - size) / 2, y + 4, size)}</g>`);
    } else if (line.kind === 'barcode') {
      const width = printable * rng.float(0.5, 0.8);
      parts.push(
        `<g fill="#000">${barcodeBars(rng, margin + (printable - width) / 2, y + 4, width, height - 8)}</g>`,
      );
    } else if (line.kind === 'rule') {
      const text = (line.ruleChar ?? '-').repeat(params.columns);
      parts.push(
        `<text x="${margin}" y="${y + lineHeight * 0.78}" textLength="${printable}" lengthAdjust="spacingAndGlyphs">${escapeXml(text)}</text>`,
      );
    } else {
      const baseline = (y + lineHeight * 0.78 * scaleY) / scaleY;
      const texts = line.cells.map((cell) => {
        const x = (margin + cell.col * charWidth * scaleX) / scaleX;
        const anchor = cell.align === 'left' ? 'start' : cell.align === 'right' ? 'end' : 'middle';
        return `<text x="${x}" y="${baseline}" text-anchor="${anchor}">${escapeXml(cell.text)}</text>`;
      });
      if (texts.length > 0) {
        parts.push(
          `<g transform="scale(${scaleX},${scaleY})"${line.bold ? ' font-weight="bold"' : ''}>${texts.join('')}</g>`,
        );
      }
    }
    y += height;
  }
  const height = Math.round(y + rng.int(60, 110));
  // Thermal dots are thresholded anyway: anti-aliasing would only cost time.
  const speed = params.thermal ? ' text-rendering="optimizeSpeed" shape-rendering="crispEdges"' : '';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${paper}" height="${height}"${speed}>
<rect width="100%" height="100%" fill="#fff"/>
<g font-family="${family}" font-size="${fontSize.toFixed(2)}" fill="#000" xml:space="preserve">${parts.join('\n')}</g></svg>`;
  return { svg, width: paper, height };
}

/** Bilinear resampling of a grey image to a larger size. */
export function upscale(
  src: Buffer,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
): Buffer {
  const out = Buffer.alloc(outWidth * outHeight);
  const sx = width / outWidth;
  const sy = height / outHeight;
  const xs = new Int32Array(outWidth);
  const fx = new Float32Array(outWidth);
  for (let x = 0; x < outWidth; x += 1) {
    const gx = Math.min(width - 1.001, Math.max(0, (x + 0.5) * sx - 0.5));
    xs[x] = Math.floor(gx);
    fx[x] = gx - Math.floor(gx);
  }
  for (let y = 0; y < outHeight; y += 1) {
    const gy = Math.min(height - 1.001, Math.max(0, (y + 0.5) * sy - 0.5));
    const iy = Math.floor(gy);
    const f = gy - iy;
    const r0 = iy * width;
    const r1 = r0 + width;
    const o = y * outWidth;
    for (let x = 0; x < outWidth; x += 1) {
      const ix = xs[x] as number;
      const t = fx[x] as number;
      const top = (src[r0 + ix] as number) + ((src[r0 + ix + 1] as number) - (src[r0 + ix] as number)) * t;
      const bottom = (src[r1 + ix] as number) + ((src[r1 + ix + 1] as number) - (src[r1 + ix] as number)) * t;
      out[o + x] = top + (bottom - top) * f;
    }
  }
  return out;
}

/** Prints and scans: grey raster at `params.scanDpi`. */
export async function printThermal(lines: readonly PrintedLine[], params: ThermalParams): Promise<Raster> {
  const { svg, width, height } = receiptSvg(lines, params);
  const rng = new Rng(params.seed ^ 0x5bd1e995);
  // RGBA straight from librsvg; the page is opaque white, so red is the grey level.
  const rgba = await sharp(Buffer.from(svg)).raw().toBuffer();

  // Ink coverage at printer resolution: binary dots (thermal) or anti-aliased, times an uneven density.
  const patches = smoothNoise(rng, width, height, rng.int(40, 120));
  const column = new Float32Array(width).fill(1);
  for (let k = 0; k < params.weakElements; k += 1) {
    const x = rng.int(0, width - 2);
    const strength = rng.float(0.15, 0.6);
    column[x] = strength;
    if (rng.chance(0.5)) column[x + 1] = strength;
  }
  // Paper tone (slow variation, read from the same field mirrored) and grain, minus ink; thermal black is
  // dark grey. Grain is added at printer resolution: the scan's resampling softens it like paper texture.
  const inkBlack = 28;
  const printed = Buffer.alloc(width * height);
  const last = width * height - 1;
  const noise = noiseTable(rng);
  const salt = rng.int(0, 0xffff);
  for (let yy = 0; yy < height; yy += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = yy * width + x;
      const paper = params.paper - (patches[last - i] as number) / 50;
      const g = rgba[i * 4] as number;
      const coverage = params.thermal ? (g < 128 ? 1 : 0) : 1 - g / 255;
      const density =
        coverage === 0
          ? 0
          : params.density * (1 - (params.patchiness * (patches[i] as number)) / 255) * (column[x] as number);
      const n = noise[(Math.imul(i ^ salt, 0x9e3779b1) >>> 16) & 0xffff] as number;
      printed[i] = clampByte(paper - (paper - inkBlack) * coverage * density + n * params.grain * 1.5);
    }
  }

  // Scan: the optics' blur, then resampling to the scan resolution (bilinear in JavaScript: libvips's
  // upscaling cost several times more here).
  const scale = params.scanDpi / PRINTER_DPI;
  const { data: blurred } = await fromSharp(
    sharp(printed, { raw: { width, height, channels: 1 } }).blur(Math.max(0.3, params.blur / scale)),
    1,
  );
  const out = upscale(blurred, width, height, Math.round(width * scale), Math.round(height * scale));
  const outWidth = Math.round(width * scale);
  const outHeight = Math.round(height * scale);
  return { data: out, width: outWidth, height: outHeight, channels: 1 };
}
