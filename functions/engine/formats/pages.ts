/**
 * The pages of a PDF are read as one receipt, stacked top to bottom on one grid; the result's boxes are
 * given back per page: each box gets its 1-based page number and y measured from that page's top.
 */
import type { BBox, EngineResult } from '../schema.js';

export interface PageSpan {
  /** First row of the page on the stacked grid. */
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export function stackPages(sizes: readonly { width: number; height: number }[]): PageSpan[] {
  let top = 0;
  return sizes.map(({ width, height }) => {
    const span = { top, width: Math.round(width), height: Math.round(height) };
    top += span.height;
    return span;
  });
}

/** `pages` on the stacked grid the result's boxes are on (for a scaled reading: scaled to it). */
export function boxesOnPages(result: EngineResult, pages: readonly PageSpan[]): EngineResult {
  const onPage = <T extends BBox | null>(box: T): T => {
    if (box === null) return box;
    const centre = (box.y0 + box.y1) / 2;
    let index = pages.findIndex((page) => centre < page.top + page.height);
    if (index < 0) index = pages.length - 1;
    const top = pages[index]?.top ?? 0;
    return { ...box, y0: box.y0 - top, y1: box.y1 - top, page: index + 1 };
  };
  const fields = Object.fromEntries(
    Object.entries(result.fields).map(([name, field]) => [name, { ...field, bbox: onPage(field.bbox) }]),
  ) as EngineResult['fields'];
  return {
    ...result,
    fields,
    items: result.items.map((item) => ({ ...item, bbox: onPage(item.bbox) })),
    lines: result.lines.map((line) => ({
      ...line,
      bbox: onPage(line.bbox),
      words: line.words.map((word) => ({ ...word, bbox: onPage(word.bbox) })),
    })),
  };
}
