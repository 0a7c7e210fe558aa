/**
 * Descriptions the till wrapped onto a second line. A till wraps a description at a word when the next word
 * does not fit in its description column; some tills print the amount on the first line (the rest of the name
 * follows on a line of its own), others on the last (the name starts on a line of its own).
 *
 * A line of words between two articles is the start of the article below when that article has no name of its
 * own ("100G 10% 2,73"). Otherwise it is the rest of the article above when that article's name could not take
 * its first word, and the start of the article below when the line could not take that article's first word
 * (the column width is the widest description of the receipt's articles; a line reaching past it is an
 * article whose amount was not read). When both could be, the receipt's own
 * unambiguous wraps decide which way its till wraps; when it has none, the fuller line is the one that was cut.
 */
import type { ArticleRow, ItemRow } from './item-rows.js';
import { letterRatio, type Row, type Token } from './layout.js';

/** A token of the prices part of a row: an amount, a rate, a currency mark. */
const PRICE_PART = /\d[.,]\d{2}|\d%|^[€$£]$|^EUR$/i;

/** Width of one printed character, from the row's words (the gaps between columns aside). */
function charWidth(row: Row): number {
  const chars = row.tokens.reduce((s, t) => s + t.text.length, 0);
  const width = row.tokens.reduce((s, t) => s + (t.bbox.x1 - t.bbox.x0), 0);
  return chars > 0 ? width / chars : 0;
}

/** The description's words at the start of an article row: up to the prices or a quantity column before them. */
function descriptionWords(row: Row): readonly Token[] {
  let next = row.tokens.findIndex((t, i) => i > 0 && PRICE_PART.test(t.text));
  while (next > 1 && /^\d{1,3}([.,]\d{1,3})?$/.test(row.tokens[next - 1]?.text ?? '')) next -= 1;
  return next <= 0 ? [] : row.tokens.slice(0, next);
}

/**
 * A line of a description without prices: words, or a size ("500G", "0,75L"); not a quantity row the OCR
 * garbled ("2:xe3:50", "3 x°5,00").
 */
export function wordsOnly(row: ItemRow): boolean {
  const text = row.row.text;
  if (/\d\W?\s*[xX×*]|[xX×*]\W?\s*\d/.test(text) && letterRatio(text) < 0.6) return false;
  return row.kind === 'text' || (row.kind === 'other' && /\p{L}/u.test(text) && row.row.tokens.length <= 3);
}

function named(article: ArticleRow): boolean {
  return /\p{L}{3,}/u.test(article.description);
}

type Side = 'above' | 'below';

interface Candidate {
  readonly line: number;
  readonly continues: boolean;
  readonly starts: boolean;
}

/**
 * Lines of words that belong to a neighbouring article's name, by index into the rows: line → the article
 * row it belongs to.
 */
export function wrappedLines(parsed: readonly ItemRow[], used: ReadonlySet<number>): Map<number, number> {
  const article = (i: number) => (parsed[i]?.kind === 'article' ? (parsed[i] as ArticleRow) : undefined);
  const ends = parsed.flatMap((row) => {
    const words = row.kind === 'article' ? descriptionWords(row.row) : [];
    const last = words[words.length - 1];
    return last ? [last.bbox.x1] : [];
  });
  const column = Math.max(...ends);
  const noRoom = (end: number, word: string, width: number) =>
    end + width * (word.length + 1) > column + width / 2;

  const decided = new Map<number, number>();
  const votes = { above: 0, below: 0 };
  const open: Candidate[] = [];
  parsed.forEach((row, k) => {
    // a line reaching into the prices is an article whose amount was not read, not part of a name
    if (used.has(k) || !wordsOnly(row) || row.row.bbox.x1 > column + charWidth(row.row)) return;
    const above = article(k - 1);
    const below = article(k + 1);
    if (below && !named(below) && row.kind === 'text') {
      decided.set(k, k + 1);
      votes.below += 1;
      return;
    }
    const width = charWidth(row.row);
    const aboveWords = above && named(above) ? descriptionWords(above.row) : [];
    const lastAbove = aboveWords[aboveWords.length - 1];
    // a line over a quantity row with its own amount, or over prices without a name, is their description
    const next = parsed[k + 1];
    const free =
      next === undefined ||
      (next.kind === 'quantity' && !next.amount) ||
      (below !== undefined && named(below));
    const continues =
      free && lastAbove !== undefined && noRoom(lastAbove.bbox.x1, row.row.tokens[0]?.text ?? '', width);
    // a line under the receipt's header is no start of a name: only one after an item row is
    const afterItem = parsed[k - 1]?.kind === 'article' || parsed[k - 1]?.kind === 'quantity';
    const belowWords = below ? descriptionWords(below.row) : [];
    const starts =
      afterItem && belowWords.length > 0 && noRoom(row.row.bbox.x1, belowWords[0]?.text ?? '', width);
    if (continues && !below) votes.above += 1;
    if (continues || starts) open.push({ line: k, continues, starts });
  });
  const usual: Side | undefined =
    votes.above > votes.below ? 'above' : votes.below > votes.above ? 'below' : undefined;
  for (const { line, continues, starts } of open) {
    let side: Side = continues ? 'above' : 'below';
    if (continues && starts) {
      const aboveWords = descriptionWords((parsed[line - 1] as ArticleRow).row);
      const aboveLength = (aboveWords[aboveWords.length - 1]?.bbox.x1 ?? 0) - (aboveWords[0]?.bbox.x0 ?? 0);
      const row = (parsed[line] as ItemRow).row;
      side = usual ?? (aboveLength >= row.bbox.x1 - row.bbox.x0 ? 'above' : 'below');
    }
    decided.set(line, side === 'above' ? line - 1 : line + 1);
  }
  // a name wrapped over three lines: the line above a first line joins it
  for (const [line, at] of [...decided].sort((a, b) => b[0] - a[0])) {
    const before = parsed[line - 1];
    if (at === line + 1 && before && !used.has(line - 1) && !decided.has(line - 1) && wordsOnly(before)) {
      const earlier = parsed[line - 2];
      if (earlier?.kind === 'article' || earlier?.kind === 'quantity') decided.set(line - 1, at);
    }
  }
  return decided;
}
