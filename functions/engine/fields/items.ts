/**
 * Line items: each row of the items region (items-region.ts) is read on its own (item-rows.ts), then rows are
 * put together:
 * - an article row (description and amount) is an item; discount rows (negative amounts, RABATT, REMISE,
 *   SCONTO...) and deposit rows (PFAND, CONSIGNE, STATIEGELD...) are items of their own;
 * - a quantity row (`2 Stk x 0,39`, `0,414 kg x 3,33 EUR/kg`) without an amount gives the quantity and unit
 *   price of the article above or below it: the one whose amount it multiplies to, else the side the other
 *   quantity rows of the receipt take;
 * - a quantity row with an amount under a description row (`BANANEN` / `0,616 kg x 1,99 EUR/kg 1,23`) is an
 *   item with that description; a prices-only row takes the description above it (or, when the prices come
 *   first, the one below it).
 * Quantity x unit price = amount raises the item's confidence.
 */
import type { LineItem } from '../schema.js';
import {
  type ArticleRow,
  cleanDescription,
  type ItemRow,
  lineCents,
  multiplies,
  type Quantity,
  type QuantityRow,
  readItemRow,
} from './item-rows.js';
import { itemsRegion } from './items-region.js';
import { letterRatio, type Row, unionBox } from './layout.js';
import { formatCents, parseAmount } from './numbers.js';

interface Draft {
  description: string;
  quantity?: Quantity;
  unitCents?: number;
  cents: number;
  decimals: boolean;
  sources: Row[];
  /** Read from a quantity row whose amount the OCR lost: quantity x unit price. */
  computed?: boolean;
}

type Side = 'above' | 'below';

function hasDescription(text: string): boolean {
  return /\p{L}{3,}/u.test(text) && letterRatio(text) >= 0.3;
}

/** The article next to a quantity row on one side, when it has no quantity row of its own yet. */
function neighbour(parsed: readonly ItemRow[], index: number, side: Side): ArticleRow | undefined {
  const row = parsed[side === 'above' ? index - 1 : index + 1];
  return row?.kind === 'article' ? row : undefined;
}

/**
 * Which side's article each amount-less quantity row belongs to: the one whose amount it multiplies to;
 * when neither or both do, the side most quantity rows of this receipt take (below their article when
 * none decides).
 */
function quantityOwners(parsed: readonly ItemRow[]): Map<number, ArticleRow> {
  const votes = { above: 0, below: 0 };
  const decided = new Map<number, Side>();
  const open: number[] = [];
  parsed.forEach((row, i) => {
    if (row.kind !== 'quantity' || row.amount) return;
    const fits = (side: Side) => {
      const article = neighbour(parsed, i, side);
      return article !== undefined && multiplies(row.quantity, row.unitCents, article.amount.cents);
    };
    const above = fits('above');
    const below = fits('below');
    if (above !== below) {
      const side = above ? 'above' : 'below';
      decided.set(i, side);
      votes[side] += 1;
    } else open.push(i);
  });
  const usual: Side = votes.below > votes.above ? 'below' : 'above';
  for (const i of open) decided.set(i, usual);
  const owners = new Map<number, ArticleRow>();
  const taken = new Set<ArticleRow>();
  for (const [i, side] of [...decided].sort((a, b) => a[0] - b[0])) {
    const article = neighbour(parsed, i, side) ?? neighbour(parsed, i, side === 'above' ? 'below' : 'above');
    if (article && !taken.has(article)) {
      owners.set(i, article);
      taken.add(article);
    }
  }
  return owners;
}

/** The quantity row's own amount repeats the article next to it: it only details that article. */
function detailsNeighbour(
  parsed: readonly ItemRow[],
  index: number,
  row: QuantityRow,
): ArticleRow | undefined {
  const cents = row.amount?.cents;
  return (['above', 'below'] as const)
    .map((side) => neighbour(parsed, index, side))
    .find((article) => article !== undefined && article.amount.cents === cents);
}

function toItem(draft: Draft, checks: boolean): LineItem {
  const ocr = draft.sources.reduce((s, r) => s + r.confidence, 0) / draft.sources.length;
  const base = draft.computed ? 0.45 : checks ? 0.8 : 0.6;
  return {
    description: draft.description,
    quantity: draft.quantity?.text ?? null,
    unitPrice: draft.unitCents !== undefined ? formatCents(draft.unitCents, draft.decimals) : null,
    amount: formatCents(draft.cents, draft.decimals),
    confidence: Number((base * (0.7 + 0.3 * ocr)).toFixed(3)),
    text: [...draft.sources]
      .sort((a, b) => a.index - b.index)
      .map((r) => r.text)
      .join('\n'),
    bbox: unionBox(draft.sources.map((r) => r.bbox)),
  };
}

export function findItems(rows: readonly Row[], whole: boolean): LineItem[] {
  const area = itemsRegion(rows, whole);
  const parsed = area.map((row) => readItemRow(row, whole));
  const owners = quantityOwners(parsed);
  const quantityOf = new Map<ArticleRow, QuantityRow>();
  for (const [i, article] of owners) quantityOf.set(article, parsed[i] as QuantityRow);

  const drafts: Draft[] = [];
  const used = new Set<number>();
  let pending: number | undefined;
  for (const [i, row] of parsed.entries()) {
    if (used.has(i)) continue;
    if (row.kind === 'text') {
      pending = i;
      continue;
    }
    if (row.kind === 'other') {
      // a short code row ("WA29 - 20") between a description and its prices does not break them apart
      if (row.row.tokens.length > 3) pending = undefined;
      continue;
    }
    const above = pending !== undefined ? (parsed[pending] as ItemRow) : undefined;
    pending = undefined;
    if (row.kind === 'quantity') {
      if (!row.amount && owners.has(i)) continue;
      if (row.amount && detailsNeighbour(parsed, i, row)) continue;
      // a quantity row of its own: the description is the row above; its amount, when the OCR lost it, is
      // quantity x unit price
      if (!above) continue;
      const cents = row.amount?.cents ?? lineCents(row.quantity, row.unitCents);
      drafts.push({
        description: cleanDescription(above.row.text),
        quantity: row.quantity,
        unitCents: row.unitCents,
        cents,
        decimals: row.amount?.decimals ?? true,
        sources: [above.row, row.row],
        ...(row.amount ? {} : { computed: true }),
      });
      continue;
    }
    const draft: Draft = {
      description: row.description,
      cents: row.amount.cents,
      decimals: row.amount.decimals,
      sources: [row.row],
      ...(row.quantity ? { quantity: row.quantity } : {}),
      ...(row.unitCents !== undefined ? { unitCents: row.unitCents } : {}),
    };
    if (!hasDescription(draft.description)) {
      const next = parsed[i + 1];
      if (above) {
        draft.description = cleanDescription(above.row.text);
        draft.sources.unshift(above.row);
      } else if (next?.kind === 'text' && letterRatio(next.row.text) > 0.5) {
        // code and prices first, description on the row below: "1042 4 18.55 74.20" / "CORRUGATED ROOFING SHEET"
        draft.description = cleanDescription(next.row.text);
        draft.sources.push(next.row);
        used.add(i + 1);
      }
    }
    if (!hasDescription(draft.description)) continue;
    const detail = quantityOf.get(row);
    if (detail) {
      draft.quantity = detail.quantity;
      draft.unitCents = detail.unitCents;
      draft.sources.push(detail.row);
    }
    drafts.push(draft);
  }
  return drafts.map((draft) => {
    const checks =
      draft.quantity !== undefined &&
      draft.unitCents !== undefined &&
      multiplies(draft.quantity, draft.unitCents, draft.cents);
    // a unit price read from the amount alone says nothing: only keep one the row printed or that checks
    if (draft.unitCents === undefined && draft.quantity && draft.quantity.milli > 0) {
      const unit = Math.round((Math.abs(draft.cents) * 1000) / draft.quantity.milli);
      if (multiplies(draft.quantity, unit, draft.cents)) draft.unitCents = unit;
    }
    return toItem(draft, checks);
  });
}

/** Sum of item amounts in hundredths. */
export function itemsSum(items: readonly LineItem[]): number {
  return items.reduce((s, item) => {
    const parsed = parseAmount(item.amount);
    return s + (parsed ? (parsed.negative ? -parsed.cents : parsed.cents) : 0);
  }, 0);
}
