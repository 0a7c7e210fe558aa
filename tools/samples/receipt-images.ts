/**
 * Synthetic receipt images for tests and tools: text rendered from SVG with sharp (the DejaVu Sans Mono in
 * fonts/), then rotated, skewed, faded or re-encoded like a real scan. Tests never use the SROIE data set; they build receipts here.
 *
 *   const png = await renderReceipt(ENGLISH_RECEIPT);
 *   const jpeg = await renderReceipt({ ...SPANISH_RECEIPT, rotate: 90, format: 'jpeg' });
 */
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/**
 * The font shipped beside this file (fonts/: DejaVu Sans Mono and its licence) is the only one the renderer sees:
 * fontconfig reads FONTCONFIG_FILE when libvips first lays out text in the process, so every machine (slim CI image,
 * macOS) renders the same pixels and tests that assert exact OCR text do not depend on installed fonts.
 */
export const SAMPLE_FONT_CONFIG = fileURLToPath(new URL('./fonts/fonts.conf', import.meta.url));
process.env.FONTCONFIG_FILE = SAMPLE_FONT_CONFIG;

export type ReceiptImageFormat = 'png' | 'jpeg' | 'webp' | 'tiff' | 'gif' | 'bmp';

export interface ReceiptSpec {
  /** Receipt lines, top to bottom. Leading spaces are kept (monospace layout). */
  readonly lines: readonly string[];
  /** Font size in pixels; 22 px is about a 300-dpi scan of thermal-printer text. */
  readonly fontSize?: number;
  /**
   * A heading above the lines in a thermal printer's double-height mode (glyphs twice as tall, as wide as the
   * text's), as tills print the shop's name.
   */
  readonly title?: string;
  /** Clockwise rotation applied after rendering, like a scan fed in sideways or upside down. */
  readonly rotate?: 0 | 90 | 180 | 270;
  /** Small skew in degrees (positive = clockwise), like a receipt laid crooked on the scanner. */
  readonly skewDegrees?: number;
  /** 'low' renders grey ink on grey paper (a faded thermal receipt). */
  readonly contrast?: 'normal' | 'low';
  readonly format?: ReceiptImageFormat;
}

const PAPER = { normal: '#ffffff', low: '#c8c8c8' } as const;
const INK = { normal: '#111111', low: '#8c8c8c' } as const;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function receiptSvg(spec: ReceiptSpec): { svg: string; width: number; height: number } {
  const fontSize = spec.fontSize ?? 22;
  const contrast = spec.contrast ?? 'normal';
  const lineHeight = Math.round(fontSize * 1.45);
  const margin = fontSize * 2;
  const titleHeight = spec.title === undefined ? 0 : lineHeight * 2;
  const longest = Math.max(...spec.lines.map((line) => line.length), spec.title?.length ?? 0, 1);
  // DejaVu Sans Mono advances 0.602 em per character.
  const width = Math.ceil(longest * fontSize * 0.602 + margin * 2);
  const height = titleHeight + spec.lines.length * lineHeight + margin * 2;
  const title =
    spec.title === undefined
      ? ''
      : `<text transform="scale(1,2)" x="${margin}" y="${(margin + titleHeight - lineHeight * 0.3) / 2}" font-weight="bold" xml:space="preserve">${escapeXml(spec.title)}</text>`;
  const texts =
    title +
    spec.lines
      .map(
        (line, index) =>
          `<text x="${margin}" y="${titleHeight + margin + (index + 1) * lineHeight - lineHeight * 0.3}" xml:space="preserve">${escapeXml(line)}</text>`,
      )
      .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="${PAPER[contrast]}"/>
<g font-family="DejaVu Sans Mono" font-size="${fontSize}" fill="${INK[contrast]}">${texts}</g></svg>`;
  return { svg, width, height };
}

/** A minimal 24-bit bottom-up BMP writer: sharp cannot write BMP, and tests need BMP uploads. */
function encodeBmp(rgb: Buffer, width: number, height: number): Buffer {
  const rowSize = Math.ceil((width * 3) / 4) * 4;
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'ascii');
  header.writeUInt32LE(54 + rowSize * height, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(width, 18);
  header.writeInt32LE(height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(rowSize * height, 34);
  const pixels = Buffer.alloc(rowSize * height);
  for (let y = 0; y < height; y += 1) {
    const row = (height - 1 - y) * rowSize;
    for (let x = 0; x < width; x += 1) {
      const source = (y * width + x) * 3;
      pixels[row + x * 3] = rgb[source + 2] ?? 0;
      pixels[row + x * 3 + 1] = rgb[source + 1] ?? 0;
      pixels[row + x * 3 + 2] = rgb[source] ?? 0;
    }
  }
  return Buffer.concat([header, pixels]);
}

/** Renders a receipt image in the requested format (PNG by default). */
export async function renderReceipt(spec: ReceiptSpec): Promise<Buffer> {
  const { svg } = receiptSvg(spec);
  const background = PAPER[spec.contrast ?? 'normal'];
  let image = sharp(Buffer.from(svg)).flatten({ background });
  if (spec.skewDegrees) {
    image = sharp(await image.png().toBuffer()).rotate(spec.skewDegrees, { background });
  }
  if (spec.rotate) {
    image = sharp(await image.png().toBuffer()).rotate(spec.rotate);
  }
  const format = spec.format ?? 'png';
  switch (format) {
    case 'png':
      return image.png().toBuffer();
    case 'jpeg':
      return image.jpeg({ quality: 90 }).toBuffer();
    case 'webp':
      return image.webp({ quality: 90 }).toBuffer();
    case 'tiff':
      return image.tiff().toBuffer();
    case 'gif':
      return image.gif().toBuffer();
    case 'bmp': {
      const { data, info } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return encodeBmp(data, info.width, info.height);
    }
  }
}

/** An English receipt (Malaysian style, like the SROIE scans): comma thousands, dot decimals. */
export const ENGLISH_RECEIPT: ReceiptSpec = {
  lines: [
    '     SUNRISE GROCERY SDN BHD',
    '  12 JALAN MERANTI, 47301 PETALING',
    '      TEL: 03-7865 4321',
    '',
    'DATE: 15/03/2024      TIME: 14:32',
    'INVOICE NO: 100234',
    '',
    'MILK 1L          2 x 6.50   13.00',
    'BREAD WHOLEMEAL  1 x 4.20    4.20',
    'COFFEE BEANS     1 x 1,045.90 1,045.90',
    '',
    'SUBTOTAL                 1,063.10',
    'SST 6%                      63.79',
    'TOTAL                 RM 1,126.89',
    'CASH                     1,200.00',
    'CHANGE                      73.11',
    '',
    '     THANK YOU, PLEASE COME AGAIN',
  ],
};

/** A Spanish receipt (Colombian style): dot thousands, pesos without decimals. */
export const SPANISH_RECEIPT: ReceiptSpec = {
  lines: [
    '      PANADERÍA LA ESPIGA S.A.S.',
    '        NIT 900.123.456-7',
    '   CALLE 45 # 12-30, BOGOTÁ D.C.',
    '',
    'FACTURA DE VENTA No. 5521',
    'FECHA: 28/02/2024   HORA: 09:15',
    '',
    'PAN FRANCES       3 x 1.200  $3.600',
    'CAFÉ CON LECHE    2 x 4.500  $9.000',
    'ALMOJÁBANA        4 x 2.000  $8.000',
    '',
    'SUBTOTAL                    $17.311',
    'IVA 19%                      $3.289',
    'TOTAL A PAGAR               $20.600',
    'EFECTIVO                    $50.000',
    'CAMBIO                      $29.400',
    '',
    '      GRACIAS POR SU COMPRA',
  ],
};

/** A Spanish receipt from Spain: euro, comma decimals and dot thousands. */
export const SPANISH_EURO_RECEIPT: ReceiptSpec = {
  lines: [
    '       FARMACIA CENTRAL S.L.',
    '   AVDA. DE LA PAZ 18, 28001 MADRID',
    '          CIF B12345678',
    '',
    'FACTURA SIMPLIFICADA 2024/0087',
    'FECHA: 05/06/2024   HORA: 18:47',
    '',
    'IBUPROFENO 600MG       1   4,95',
    'CREMA SOLAR SPF50      1  1.019,90',
    '',
    'BASE IMPONIBLE          934,05',
    'IVA 10%                  90,80',
    'TOTAL                 1.024,85 EUR',
    'TARJETA               1.024,85',
  ],
};
