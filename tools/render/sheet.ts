/**
 * A sheet of printed lines on a fixed number of character columns, like an ESC/POS printer: left, right and
 * centred text, column rows, rules, double-height and double-size lines, and graphics (QR code, barcode).
 * `printedText` gives the lines as the printer puts them on paper (the set's text/<id>.txt).
 */
import type { Cell, CellAlign, LineSize, PrintedLine } from './model.js';

export interface LineOptions {
  readonly size?: LineSize;
  readonly bold?: boolean;
}

export class Sheet {
  readonly lines: PrintedLine[] = [];

  constructor(readonly columns: number) {}

  /** Columns available to a line of this size (double width halves them). */
  width(size: LineSize = 'normal'): number {
    return size === 'wide' ? Math.floor(this.columns / 2) : this.columns;
  }

  private push(cells: readonly Cell[], options: LineOptions = {}): void {
    this.lines.push({ kind: 'text', cells, size: options.size ?? 'normal', bold: options.bold ?? false });
  }

  /** Centred text, wrapped on words when too long. */
  center(text: string, options: LineOptions = {}): void {
    const width = this.width(options.size);
    for (const part of wrapWords(text, width)) {
      this.push([{ text: part, col: width / 2, align: 'center' }], options);
    }
  }

  left(text: string, options: LineOptions = {}, indent = 0): void {
    const width = this.width(options.size) - indent;
    for (const part of wrapWords(text, width))
      this.push([{ text: part, col: indent, align: 'left' }], options);
  }

  right(text: string, options: LineOptions = {}): void {
    this.push([{ text, col: this.width(options.size), align: 'right' }], options);
  }

  /**
   * A label on the left and a value on the right. A label too long for the row wraps: its first part on rows
   * of its own and the value on the last row (or, with `valueFirst`, the value on the first row).
   */
  row(label: string, value: string, options: LineOptions = {}, valueFirst = false): string[] {
    const width = this.width(options.size);
    const room = width - value.length - 1;
    if (label.length <= room) {
      this.push(
        [
          { text: label, col: 0, align: 'left' },
          { text: value, col: width, align: 'right' },
        ],
        options,
      );
      return [label];
    }
    const parts = valueFirst
      ? [
          ...wrapWords(label, room).slice(0, 1),
          ...wrapWords(wrapWords(label, room).slice(1).join(' '), width),
        ]
      : wrapLast(label, width, room);
    parts.forEach((part, index) => {
      const withValue = valueFirst ? index === 0 : index === parts.length - 1;
      this.push(
        withValue
          ? [
              { text: part, col: 0, align: 'left' },
              { text: value, col: width, align: 'right' },
            ]
          : [{ text: part, col: 0, align: 'left' }],
        options,
      );
    });
    return parts;
  }

  /** Cells at fixed columns. */
  cells(cells: readonly (readonly [string, number, CellAlign])[], options: LineOptions = {}): void {
    this.push(
      cells.map(([text, col, align]) => ({ text, col, align })),
      options,
    );
  }

  rule(char: string): void {
    this.lines.push({ kind: 'rule', cells: [], size: 'normal', bold: false, ruleChar: char });
  }

  blank(): void {
    this.push([]);
  }

  graphic(kind: 'qr' | 'barcode', rows: number): void {
    this.lines.push({ kind, cells: [], size: 'normal', bold: false, rows });
  }
}

/** Words into lines of at most `width` characters; a word longer than the width is cut. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    let rest = word;
    while (rest.length > width) {
      if (current !== '') {
        lines.push(current);
        current = '';
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (current === '') current = rest;
    else if (current.length + 1 + rest.length <= width) current += ` ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}

/** Wraps greedily, then once more the last line, so that it leaves room for the value sharing its row. */
function wrapLast(text: string, width: number, lastWidth: number): string[] {
  const lines = wrapWords(text, width);
  const last = lines[lines.length - 1] ?? '';
  if (last.length <= lastWidth) return lines;
  return [...lines.slice(0, -1), ...wrapWords(last, lastWidth)];
}

/** The lines as printed, one string per line (double-size lines keep their characters, not their width). */
export function printedText(lines: readonly PrintedLine[], columns: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.kind === 'rule') {
      out.push((line.ruleChar ?? '-').repeat(columns));
      continue;
    }
    if (line.kind !== 'text') continue;
    const width = line.size === 'wide' ? Math.floor(columns / 2) : columns;
    const chars: string[] = Array.from({ length: width }, () => ' ');
    for (const cell of line.cells) {
      const start =
        cell.align === 'left'
          ? cell.col
          : cell.align === 'right'
            ? cell.col - cell.text.length
            : Math.round(cell.col - cell.text.length / 2);
      [...cell.text].forEach((ch, i) => {
        const at = start + i;
        if (at >= 0 && at < chars.length) chars[at] = ch;
        else if (at >= chars.length) chars.push(ch);
      });
    }
    out.push(chars.join('').trimEnd());
  }
  return out;
}
