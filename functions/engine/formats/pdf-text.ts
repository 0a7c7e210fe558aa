/**
 * A PDF page's text layer as the engine's lines of words: what OCR would have produced, exactly, on a grid of
 * TEXT_DPI pixels per inch. pdf.js gives text runs (a string, its baseline origin and advance width); runs on
 * one baseline make a line, whitespace splits a run into words, and a word's box is its share of the run's
 * width by character count (receipts are mostly set in monospace, where that is exact).
 */
import type { getDocumentProxy } from 'unpdf';
import type { OcrLine, OcrWord } from '../schema.js';

type Document = Awaited<ReturnType<typeof getDocumentProxy>>;
type Page = Awaited<ReturnType<Document['getPage']>>;
type Viewport = ReturnType<Page['getViewport']>;
type Items = Awaited<ReturnType<Page['getTextContent']>>['items'];

/** The grid text positions are given on: a 300-dpi scan's, the resolution the recognizer is tuned for. */
export const TEXT_DPI = 300;

export interface PdfPage {
  /** 1-based. */
  readonly number: number;
  readonly page: Page;
  /** At TEXT_DPI. */
  readonly viewport: Viewport;
  readonly items: Items;
}

interface Run {
  readonly text: string;
  readonly x: number;
  /** Baseline, in grid pixels from the page's top. */
  readonly baseline: number;
  readonly width: number;
  readonly size: number;
}

function runs(page: PdfPage): Run[] {
  const scale = TEXT_DPI / 72;
  const found: Run[] = [];
  for (const item of page.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform as number[];
    const [x = 0, baseline = 0] = page.viewport.convertToViewportPoint(e, f);
    const size = Math.max(Math.hypot(a, b), Math.hypot(c, d)) * scale;
    found.push({ text: item.str, x, baseline, width: item.width * scale, size });
  }
  return found;
}

function words(run: Run, top: number): OcrWord[] {
  const advance = run.width / Math.max(1, run.text.length);
  const y0 = Math.round(top + run.baseline - run.size * 0.8);
  const y1 = Math.round(top + run.baseline + run.size * 0.2);
  const result: OcrWord[] = [];
  for (const match of run.text.matchAll(/\S+/g)) {
    const start = match.index ?? 0;
    result.push({
      text: match[0],
      confidence: 1,
      bbox: {
        x0: Math.round(run.x + start * advance),
        y0,
        x1: Math.round(run.x + (start + match[0].length) * advance),
        y1,
      },
    });
  }
  return result;
}

/** The page's lines, top to bottom, on the stacked grid (the page starting at row `top`). */
export function textLines(page: PdfPage, top: number): OcrLine[] {
  const sorted = runs(page).sort((p, q) => p.baseline - q.baseline || p.x - q.x);
  const rows: Run[][] = [];
  for (const run of sorted) {
    const row = rows.at(-1);
    const first = row?.[0];
    // Runs whose baselines are within half a letter height share a line.
    if (
      row !== undefined &&
      first !== undefined &&
      Math.abs(run.baseline - first.baseline) < first.size / 2
    ) {
      row.push(run);
    } else {
      rows.push([run]);
    }
  }
  return rows.map((row) => {
    const lineWords = row.sort((p, q) => p.x - q.x).flatMap((run) => words(run, top));
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
