/**
 * Minimal PDF files for tests, written object by object (PDF 1.4, uncompressed streams, a valid xref): a
 * digital receipt with a text layer, a scanned one (one JPEG per page), and damaged and password-protected
 * variants. No PDF library is needed to write this little; PDFium reads them as it reads real receipts.
 */
import sharp from 'sharp';
import { ENGLISH_RECEIPT, type ReceiptSpec, renderReceipt } from './receipt-images.js';

interface PageContent {
  /** The page's content stream. */
  readonly stream: string;
  readonly width: number;
  readonly height: number;
  /** A JPEG painted as /Im0 (a scanned page). */
  readonly jpeg?: { readonly bytes: Buffer; readonly width: number; readonly height: number };
  /** The page's /Rotate: shown turned clockwise by this many degrees, its content written upright. */
  readonly rotate?: number;
}

function escapeText(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** Assembles the file: catalog, page tree, one Courier font, each page with its content (and image). */
function writePdf(pages: readonly PageContent[], trailerExtra = '', objectsExtra: string[] = []): Buffer {
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const tree = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>');
  const kids: number[] = [];
  for (const page of pages) {
    const content = add(
      Buffer.concat([
        Buffer.from(`<< /Length ${Buffer.byteLength(page.stream, 'latin1')} >>\nstream\n`, 'latin1'),
        Buffer.from(page.stream, 'latin1'),
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
    let xobject = '';
    if (page.jpeg !== undefined) {
      const image = add(
        Buffer.concat([
          Buffer.from(
            `<< /Type /XObject /Subtype /Image /Width ${page.jpeg.width} /Height ${page.jpeg.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${page.jpeg.bytes.length} >>\nstream\n`,
            'latin1',
          ),
          page.jpeg.bytes,
          Buffer.from('\nendstream', 'latin1'),
        ]),
      );
      xobject = ` /XObject << /Im0 ${image} 0 R >>`;
    }
    kids.push(
      add(
        `<< /Type /Page /Parent ${tree} 0 R${page.rotate ? ` /Rotate ${page.rotate}` : ''} /MediaBox [0 0 ${page.width} ${page.height}] /Contents ${content} 0 R /Resources << /Font << /F1 ${font} 0 R >>${xobject} >> >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${tree} 0 R >>`;
  objects[tree - 1] =
    `<< /Type /Pages /Kids [${kids.map((kid) => `${kid} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  for (const extra of objectsExtra) add(extra);

  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  objects.forEach((body, index) => {
    offsets.push(length);
    const part = Buffer.concat([
      Buffer.from(`${index + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(part);
    length += part.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root ${catalog} 0 R${trailerExtra} >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** A receipt page in Courier: lines from the top, 10 pt on an 80 mm roll (227 pt wide). */
function textPage(lines: readonly string[]): PageContent {
  const size = 10;
  const leading = 13;
  const height = Math.max(200, 40 + lines.length * leading);
  const body = lines
    .map(
      (line, index) => `BT /F1 ${size} Tf 12 ${height - 24 - index * leading} Td (${escapeText(line)}) Tj ET`,
    )
    .join('\n');
  const longest = Math.max(...lines.map((line) => line.length));
  return { stream: body, width: Math.max(227, 24 + longest * size * 0.6), height };
}

/** A digital receipt: one page of text per entry of `pages`, each shown turned by `rotate` degrees (/Rotate). */
export function textPdf(pages: readonly (readonly string[])[], rotate = 0): Buffer {
  return writePdf(pages.map((lines) => ({ ...textPage(lines), rotate })));
}

/** A scanned receipt: each JPEG fills its page, at 300 dpi. */
export function scannedPdf(scans: readonly { bytes: Buffer; width: number; height: number }[]): Buffer {
  return writePdf(
    scans.map((scan) => {
      const width = (scan.width * 72) / 300;
      const height = (scan.height * 72) / 300;
      return { stream: `q ${width} 0 0 ${height} 0 0 cm /Im0 Do Q`, width, height, jpeg: scan };
    }),
  );
}

/**
 * A PDF encrypted with the standard handler and a user password (its /U entry matches no empty password), so
 * a reader must ask for the password.
 */
export function passwordPdf(): Buffer {
  const hex = (seed: number) =>
    Array.from({ length: 32 }, (_, i) => ((seed * (i + 7)) % 256).toString(16).padStart(2, '0')).join('');
  const encrypt = `<< /Filter /Standard /V 1 /R 2 /O <${hex(11)}> /U <${hex(13)}> /P -44 >>`;
  const pdf = writePdf([textPage(['SECRET RECEIPT', 'TOTAL 9.99'])], '', [encrypt]);
  // The Encrypt dictionary is the last object; the trailer names it and the file ID its keys derive from.
  const text = pdf.toString('latin1');
  const size = Number(/\/Size (\d+)/.exec(text)?.[1]);
  return Buffer.from(
    text.replace(
      `/Size ${size}`,
      `/Size ${size} /Encrypt ${size - 1} 0 R /ID [<${hex(3).slice(0, 32)}> <${hex(3).slice(0, 32)}>]`,
    ),
    'latin1',
  );
}

/** A rendered receipt as a scanner's JPEG, ready for scannedPdf. */
export async function jpegScan(spec: ReceiptSpec = ENGLISH_RECEIPT) {
  const { data, info } = await sharp(await renderReceipt(spec))
    .jpeg({ quality: 90 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}
