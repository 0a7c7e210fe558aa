/**
 * Receipt layout: OCR lines regrouped into printed rows (left-to-right), each with tokens that carry a box.
 * Tesseract sometimes returns one printed row as several lines (columns read apart); joining lines whose
 * vertical centres overlap restores "TOTAL ........ 8.20" as one row so labels and amounts meet again.
 */
import type { BBox, OcrLine } from '../schema.js';

export interface Token {
  readonly text: string;
  readonly bbox: BBox;
  /** Recognition confidence of the word, 0..1 (the line's when the engine gave no words). */
  readonly confidence: number;
}

export interface Row {
  /** Position in the receipt, top to bottom. */
  readonly index: number;
  readonly text: string;
  /** Upper-cased text for keyword matching. */
  readonly upper: string;
  readonly bbox: BBox;
  readonly confidence: number;
  readonly tokens: readonly Token[];
}

export function unionBox(boxes: readonly BBox[]): BBox {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x0);
    y0 = Math.min(y0, b.y0);
    x1 = Math.max(x1, b.x1);
    y1 = Math.max(y1, b.y1);
  }
  return Number.isFinite(x0) ? { x0, y0, x1, y1 } : { x0: 0, y0: 0, x1: 0, y1: 0 };
}

/**
 * Marks the OCR reads for a printed decimal comma or point: a low quotation mark (43 ‚95), fullwidth and
 * Arabic commas, a cedilla, a middle dot.
 */
const SEPARATOR_FORMS: Readonly<Record<string, string>> = {
  '\u201A': ',',
  '\uFF0C': ',',
  '\u060C': ',',
  '\u00B8': ',',
  '\u00B7': '.',
};
const SEPARATOR_FORM = new RegExp(`[${Object.keys(SEPARATOR_FORMS).join('')}]`, 'g');

function tokenText(text: string): string {
  return text.trim().replace(SEPARATOR_FORM, (mark) => SEPARATOR_FORMS[mark] ?? mark);
}

/** Words of a line; when the engine gave none (or they do not spell the line), split the text and share the box. */
function lineTokens(line: OcrLine): Token[] {
  const words = line.words.filter((w) => w.text.trim() !== '');
  const parts = line.text.split(/\s+/).filter((p) => p !== '');
  if (words.length > 0 && words.map((w) => w.text.trim()).join(' ') === parts.join(' ')) {
    return words.map((w) => ({ text: tokenText(w.text), bbox: w.bbox, confidence: w.confidence }));
  }
  const chars = Math.max(1, line.text.length);
  const width = line.bbox.x1 - line.bbox.x0;
  const tokens: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line.text); m !== null; m = re.exec(line.text)) {
    const x0 = line.bbox.x0 + Math.round((m.index / chars) * width);
    const x1 = line.bbox.x0 + Math.round(((m.index + m[0].length) / chars) * width);
    tokens.push({
      text: tokenText(m[0]),
      bbox: { x0, y0: line.bbox.y0, x1, y1: line.bbox.y1 },
      confidence: line.confidence,
    });
  }
  return tokens;
}

/** A label glued to its amount by a lost space ("TOTAL189.75", "RM8.60") becomes two tokens, boxes shared by length. */
function splitGlued(token: Token): Token[] {
  const m = /^(\p{L}{2,}[:.]?)(-?\d[\d,]*[.,]\d{2})$/u.exec(token.text);
  if (!m?.[1] || !m[2]) return [token];
  const { x0, x1 } = token.bbox;
  const cut = x0 + Math.round(((x1 - x0) * m[1].length) / token.text.length);
  return [
    { ...token, text: m[1], bbox: { ...token.bbox, x1: cut } },
    { ...token, text: m[2], bbox: { ...token.bbox, x0: cut } },
  ];
}

function centreY(b: BBox): number {
  return (b.y0 + b.y1) / 2;
}

/** Groups lines into rows: a line joins a row when its vertical centre lies in the row's span and it does not overlap it horizontally. */
export function buildRows(lines: readonly OcrLine[]): Row[] {
  const usable = lines.filter((l) => l.text.trim() !== '');
  const sorted = [...usable].sort((a, b) => centreY(a.bbox) - centreY(b.bbox));
  const groups: OcrLine[][] = [];
  for (const line of sorted) {
    const c = centreY(line.bbox);
    const group = groups.find((g) => {
      const first = g[0];
      if (first === undefined || c < first.bbox.y0 || c > first.bbox.y1) return false;
      return g.every((o) => line.bbox.x0 >= o.bbox.x1 - 2 || line.bbox.x1 <= o.bbox.x0 + 2);
    });
    if (group) group.push(line);
    else groups.push([line]);
  }
  groups.sort((a, b) => centreY(unionBox(a.map((l) => l.bbox))) - centreY(unionBox(b.map((l) => l.bbox))));
  return groups.map((group, index) => {
    const ordered = [...group].sort((a, b) => a.bbox.x0 - b.bbox.x0);
    const tokens = ordered.flatMap(lineTokens).flatMap(splitGlued);
    const text = tokens.map((t) => t.text).join(' ');
    const weight = ordered.reduce((s, l) => s + l.text.length, 0) || 1;
    const confidence = ordered.reduce((s, l) => s + l.confidence * l.text.length, 0) / weight;
    return {
      index,
      text,
      upper: text.toUpperCase(),
      bbox: unionBox(ordered.map((l) => l.bbox)),
      confidence,
      tokens,
    };
  });
}

/** Box of tokens [from, to) of a row. */
export function tokenBox(row: Row, from: number, to: number): BBox {
  return unionBox(row.tokens.slice(from, to).map((t) => t.bbox));
}

/** The share of letters in a text, ignoring spaces: low for logos read as garbage and for number rows. */
export function letterRatio(text: string): number {
  const compact = text.replace(/\s+/g, '');
  if (compact === '') return 0;
  const letters = compact.match(/\p{L}/gu)?.length ?? 0;
  return letters / compact.length;
}
