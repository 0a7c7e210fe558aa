/**
 * Test helper: OCR lines from plain text, with plausible boxes (a monospaced till roll: 12 px per character,
 * 30 px per row). Leading spaces shift a line right, like a right-aligned total.
 */
import type { OcrLine } from '../../../functions/engine/schema.js';

const CHAR = 12;
const ROW = 30;

export function ocrLine(text: string, x: number, y: number, confidence = 0.9): OcrLine {
  const words = [...text.matchAll(/\S+/g)].map((m) => ({
    text: m[0],
    confidence,
    bbox: { x0: x + m.index * CHAR, y0: y, x1: x + (m.index + m[0].length) * CHAR, y1: y + 22 },
  }));
  const trimmed = text.trim();
  const lead = text.length - text.trimStart().length;
  return {
    text: trimmed,
    confidence,
    bbox: { x0: x + lead * CHAR, y0: y, x1: x + text.trimEnd().length * CHAR, y1: y + 22 },
    words,
  };
}

/** One OCR line per non-empty text line, top to bottom. */
export function ocrLines(text: string, confidence = 0.9): OcrLine[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, i }) => ocrLine(line, 20, 20 + i * ROW, confidence));
}

/** The lines with the words of those that start with `prefix` read at `confidence` (a blurred total row). */
export function readWeakly(lines: readonly OcrLine[], prefix: string, confidence: number): OcrLine[] {
  return lines.map((line) =>
    line.text.startsWith(prefix)
      ? { ...line, words: line.words.map((word) => ({ ...word, confidence })) }
      : line,
  );
}
