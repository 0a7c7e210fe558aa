/**
 * A PDF page's text layer as the engine's lines of words: what OCR would have produced, exactly, on a grid of
 * TEXT_DPI pixels per inch. PDFium gives the characters in reading order, each with its baseline origin, em size and
 * advance box; whitespace (the file's own or the line breaks PDFium adds) splits them into words, words on one
 * baseline make a line. A word spans its characters' advance boxes; its height is the font's, from the baseline
 * (0.8 em above it to 0.2 em below), so that one line's words share a height as a scanner's would.
 */
import type { OcrLine, OcrWord } from '../schema.js';
import type { PdfChar } from './pdfium.js';

/** The grid text positions are given on: a 300-dpi scan's, the resolution the recognizer is tuned for. */
export const TEXT_DPI = 300;

export interface PdfPage {
  /** 1-based. */
  readonly number: number;
  /** At TEXT_DPI, in pixels, as the page is shown (its /Rotate applied). */
  readonly width: number;
  readonly height: number;
  /** At TEXT_DPI, on the page as its content is written (its /Rotate undone). */
  readonly chars: readonly PdfChar[];
  /** The size of that frame, at TEXT_DPI. */
  readonly written: { readonly width: number; readonly height: number };
}

interface Word {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  readonly baseline: number;
  readonly size: number;
}

/** Characters within half a letter height of a baseline are on it. */
function sameBaseline(a: { baseline: number; size: number }, b: { baseline: number }): boolean {
  return Math.abs(a.baseline - b.baseline) < a.size / 2;
}

function pageWords(chars: readonly PdfChar[]): Word[] {
  const words: Word[] = [];
  let current: PdfChar[] = [];
  const flush = () => {
    const [first] = current;
    const last = current.at(-1);
    if (first !== undefined && last !== undefined) {
      words.push({
        text: current.map((char) => char.text).join(''),
        x0: first.box.x0,
        x1: last.box.x1,
        baseline: first.baseline,
        size: first.size,
      });
    }
    current = [];
  };
  for (const char of chars) {
    if (/^\s*$/u.test(char.text)) {
      flush();
      continue;
    }
    const previous = current.at(-1);
    // A run that jumps to another baseline, or back to the left, starts a word of its own.
    if (previous !== undefined && (!sameBaseline(previous, char) || char.box.x0 < previous.box.x0)) flush();
    current.push(char);
  }
  flush();
  return words;
}

function toOcrWord(word: Word, top: number): OcrWord {
  return {
    text: word.text,
    confidence: 1,
    bbox: {
      x0: Math.round(word.x0),
      y0: Math.round(top + word.baseline - word.size * 0.8),
      x1: Math.round(word.x1),
      y1: Math.round(top + word.baseline + word.size * 0.2),
    },
  };
}

/** Non-space characters of the page's text layer. */
export function textCharacters(page: PdfPage): number {
  return page.chars.filter((char) => !/^\s*$/u.test(char.text)).length;
}

/** The page's lines, top to bottom, on the stacked grid (the page starting at row `top`). */
export function textLines(page: PdfPage, top: number): OcrLine[] {
  const sorted = pageWords(page.chars).sort((p, q) => p.baseline - q.baseline || p.x0 - q.x0);
  const rows: Word[][] = [];
  for (const word of sorted) {
    const row = rows.at(-1);
    const first = row?.[0];
    if (row !== undefined && first !== undefined && sameBaseline(first, word)) row.push(word);
    else rows.push([word]);
  }
  return rows.map((row) => {
    const lineWords = row.sort((p, q) => p.x0 - q.x0).map((word) => toOcrWord(word, top));
    return {
      text: lineWords.map((word) => word.text).join(' '),
      confidence: 1,
      bbox: {
        x0: Math.min(...lineWords.map((word) => word.bbox.x0)),
        y0: Math.min(...lineWords.map((word) => word.bbox.y0)),
        x1: Math.max(...lineWords.map((word) => word.bbox.x1)),
        y1: Math.max(...lineWords.map((word) => word.bbox.y1)),
      },
      words: lineWords,
    };
  });
}
