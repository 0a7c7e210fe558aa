/**
 * Line items: the rows of the items region (items-region.ts) are read one by one (item-rows.ts), then put
 * together:
 * - an article row (description and amount) is an item; discount rows (negative amounts, RABATT, REMISE,
 *   SCONTO...) and deposit rows (PFAND, CONSIGNE, STATIEGELD...) are items of their own, deductions negative;
 * - a quantity row without an amount (`2 Stk x 0,39`, `0,414 kg x 3,33 EUR/kg`, a weight alone `NET WT 1.513
 *   lb`) gives the quantity and unit price of the article above or below it: the one whose amount it
 *   multiplies to (past up to two lines of a wrapped name), else the side the other quantity rows of the
 *   receipt take;
 * - a quantity row with an amount under a description row (`BANANEN` / `0,616 kg x 1,99 EUR/kg 1,23`) is an
 *   item with that description; a prices-only row takes the description above it (or, when the prices come
 *   first, the one below it); a description line between an article and its quantity row is part of it.
 * Then the receipt's own arithmetic (items-balance.ts) checks the items against the sum that closes them.
 */
import type { LineItem } from '../schema.js';
import {
  formatPrice,
  impliedPrice,
  lineCents,
  multiplies,
  nearlyMultiplies,
  priceFor,
  quantityOf,
} from './item-quantities.js';
import {
  type ArticleRow,
  cleanDescription,
  type ItemRow,
  type QuantityRow,
  readItemRow,
} from './item-rows.js';
import { type PriceContext, priceCodes } from './item-tokens.js';
import { wordsOnly, wrappedLines } from './item-wraps.js';
import { balanceItems, checked, type Draft, draftsSum, repairedTo, unlabelledSum } from './items-balance.js';
import { priceReadings, priceTokens, rowPriceReadings, settleGap } from './items-readings.js';
import { type ItemsRegion, itemsRegion } from './items-region.js';
import { letterRatio, type Row, unionBox } from './layout.js';
import { formatCents, moneyAmounts, parseAmount, pricedInDollars } from './numbers.js';

type Side = 'above' | 'below';

function hasDescription(text: string): boolean {
  return /\p{L}{3,}/u.test(text) && letterRatio(text) >= 0.3;
}

/** Rows a quantity row may reach past to its article: a wrapped description line or a short code. */
function passable(row: ItemRow): boolean {
  return row.kind === 'text' || (row.kind === 'other' && row.row.tokens.length <= 3);
}

/** The nearest article on one side of a row, past at most two lines of a wrapped description. */
function articleNear(parsed: readonly ItemRow[], index: number, side: Side, reach = 3): number | undefined {
  const step = side === 'above' ? -1 : 1;
  for (let i = index + step, n = 0; n < reach && i >= 0 && i < parsed.length; i += step, n++) {
    const row = parsed[i] as ItemRow;
    if (row.kind === 'article') return i;
    if (!passable(row)) return undefined;
  }
  return undefined;
}

/**
 * Which article each amount-less quantity row belongs to: the one whose amount it multiplies to; when neither
 * or both do, the adjacent article on the side most quantity rows of this receipt take (the article above when
 * none decides). Returns quantity row → article row, and the usual side.
 */
function quantityOwners(parsed: readonly ItemRow[]): { owners: Map<number, number>; usual: Side } {
  const votes = { above: 0, below: 0 };
  const decided: [number, number][] = [];
  const open: number[] = [];
  parsed.forEach((row, i) => {
    if (row.kind !== 'quantity' || row.amount) return;
    type Check = typeof multiplies;
    const fits = (side: Side, check: Check) => {
      const at = articleNear(parsed, i, side);
      const article = at === undefined ? undefined : (parsed[at] as ArticleRow);
      return article && row.price && check(row.quantity, row.price, article.amount.cents) ? at : undefined;
    };
    // a unit price with its slashed zero misread still says which article it prices, when none multiplies
    const exact = [fits('above', multiplies), fits('below', multiplies)] as const;
    const [above, below] =
      exact[0] === undefined && exact[1] === undefined
        ? [fits('above', nearlyMultiplies), fits('below', nearlyMultiplies)]
        : exact;
    if ((above === undefined) === (below === undefined)) open.push(i);
    else {
      decided.push([i, (above ?? below) as number]);
      votes[above !== undefined ? 'above' : 'below'] += 1;
    }
  });
  const usual: Side = votes.below > votes.above ? 'below' : 'above';
  const other: Side = usual === 'above' ? 'below' : 'above';
  for (const i of open) {
    // the other side only at the edge of the items: a line of words on the usual side is an article whose
    // amount was not read, and the quantity row is its own
    // A weight printed alone has no price to make an item of its own: with no other quantity row to tell the
    // side, it is the adjacent article's on either side (`NET WT 28.91 l` over `UNLEADED £43.94`).
    const priceless = !(parsed[i] as QuantityRow).price && votes.above + votes.below === 0;
    const edge = priceless || parsed[usual === 'above' ? i - 1 : i + 1] === undefined;
    const at = articleNear(parsed, i, usual, 1) ?? (edge ? articleNear(parsed, i, other, 1) : undefined);
    if (at !== undefined) decided.push([i, at]);
  }
  const owners = new Map<number, number>();
  const taken = new Set<number>();
  for (const [i, at] of decided.sort((a, b) => a[0] - b[0])) {
    if (taken.has(at)) continue;
    owners.set(i, at);
    taken.add(at);
  }
  return { owners, usual };
}

/** A quantity row whose amount repeats the article next to it only details that article. */
function detailedArticle(parsed: readonly ItemRow[], index: number, row: QuantityRow): number | undefined {
  for (const at of [index - 1, index + 1]) {
    const article = parsed[at];
    if (article?.kind === 'article' && article.amount.cents === row.amount?.cents) return at;
  }
  return undefined;
}

function textRow(parsed: readonly ItemRow[], at: number, used: ReadonlySet<number>): boolean {
  return parsed[at]?.kind === 'text' && !used.has(at);
}

/** The description row above a row: adjacent, or past a short code row ("WA29 - 20"). */
function descriptionAbove(
  parsed: readonly ItemRow[],
  index: number,
  used: ReadonlySet<number>,
): number | undefined {
  if (textRow(parsed, index - 1, used)) return index - 1;
  const between = parsed[index - 1];
  if (between?.kind === 'other' && between.row.tokens.length <= 3 && textRow(parsed, index - 2, used))
    return index - 2;
  return undefined;
}

function assemble(parsed: readonly ItemRow[]): Draft[] {
  const { owners, usual } = quantityOwners(parsed);
  const detailOf = new Map<number, QuantityRow>();
  const lines = new Map<number, number[]>();
  const used = new Set<number>();
  for (const [q, at] of owners) {
    detailOf.set(at, parsed[q] as QuantityRow);
    used.add(q);
    // description lines between an article and its quantity row belong to the article
    const [from, to] = q < at ? [q + 1, at] : [at + 1, q];
    for (let k = from; k < to; k++) {
      const line = parsed[k];
      if (!line || !wordsOnly(line)) continue;
      lines.set(at, [...(lines.get(at) ?? []), k]);
      used.add(k);
    }
  }
  // a name the till wrapped: a line of words between two articles
  for (const [k, at] of wrappedLines(parsed, used)) {
    lines.set(at, [...(lines.get(at) ?? []), k]);
    used.add(k);
  }
  parsed.forEach((row, i) => {
    if (row.kind !== 'quantity' || !row.amount || used.has(i)) return;
    const at = detailedArticle(parsed, i, row);
    if (at !== undefined && !detailOf.has(at)) {
      detailOf.set(at, row);
      used.add(i);
    }
  });

  const drafts: Draft[] = [];
  for (const [i, row] of parsed.entries()) {
    if (used.has(i) || row.kind === 'text' || row.kind === 'other') continue;
    if (row.kind === 'quantity') {
      // a quantity row of its own: the description is the row above (the quantity row itself when none is);
      // its amount, when the OCR lost it, is quantity x unit price
      const above = descriptionAbove(parsed, i, used);
      const nextTo = usual === 'above' ? i - 1 : i + 1;
      const text = row.amount ? above : textRow(parsed, nextTo, used) ? nextTo : undefined;
      if (!row.price || (!row.amount && text === undefined)) continue;
      if (text !== undefined) used.add(text);
      const source = text !== undefined ? (parsed[text] as ItemRow).row : undefined;
      drafts.push({
        description: cleanDescription(source?.text ?? row.row.text) || row.row.text,
        quantity: row.quantity,
        price: row.price,
        cents: row.amount?.cents ?? lineCents(row.quantity, row.price),
        decimals: row.amount?.decimals ?? row.price.decimals !== 0,
        sources: source ? [source, row.row] : [row.row],
        ...(row.amount ? {} : { computed: true }),
      });
      continue;
    }
    const detail = detailOf.get(i);
    const sources = [row.row];
    let description = row.description;
    const attached = lines.get(i) ?? [];
    if (attached.length > 0) {
      const before = attached.filter((k) => k < i).map((k) => (parsed[k] as ItemRow).row);
      const after = attached.filter((k) => k > i).map((k) => (parsed[k] as ItemRow).row);
      description = cleanDescription(
        [...before.map((r) => r.text), description, ...after.map((r) => r.text)].join(' '),
      );
      sources.push(...before, ...after);
    } else if (!hasDescription(description)) {
      const above = descriptionAbove(parsed, i, used);
      const next = parsed[i + 1];
      if (above !== undefined) {
        const own = /\p{L}/u.test(description) ? ` ${description}` : '';
        description = cleanDescription(`${(parsed[above] as ItemRow).row.text}${own}`);
        sources.unshift((parsed[above] as ItemRow).row);
        used.add(above);
      } else if (next?.kind === 'text' && !used.has(i + 1) && letterRatio(next.row.text) > 0.5) {
        // code and prices first, description on the row below: "1042 4 18.55 74.20" / "CORRUGATED ROOFING SHEET"
        description = cleanDescription(next.row.text);
        sources.push(next.row);
        used.add(i + 1);
      }
    }
    // a short name ("SP98") stands when its quantity row checks the amount
    const checked =
      detail?.price !== undefined && multiplies(detail.quantity, detail.price, row.amount.cents);
    if (!hasDescription(description) && !(checked && /\p{L}/u.test(description))) continue;
    if (detail) sources.push(detail.row);
    // a count at the start of a wrapped name: "2 CHICKEN BREAST FILLETS" / "500G 10.78"
    const first = lines.get(i)?.find((k) => k < i);
    const count =
      first === undefined
        ? undefined
        : /^(\d{1,3})\s*(?:[xX×]\s+)?(?=\p{L})/u.exec((parsed[first] as ItemRow).row.text);
    const quantity = detail?.quantity ?? row.quantity ?? (count?.[1] ? quantityOf(count[1]) : undefined);
    const printed = detail?.price
      ? priceFor(detail.quantity, detail.price, row.amount.cents)
      : row.priceImplied
        ? undefined
        : row.price;
    const implied =
      printed || !quantity ? undefined : impliedPrice(quantity, row.amount.cents, row.amount.decimals);
    const price = printed ?? implied;
    drafts.push({
      description,
      cents: row.amount.cents,
      decimals: row.amount.decimals,
      sources,
      ...(quantity ? { quantity } : {}),
      ...(price ? { price } : {}),
      ...(implied ? { priceImplied: true } : {}),
    });
  }
  return drafts;
}

function toItem(draft: Draft): LineItem {
  const ocr = draft.sources.reduce((s, r) => s + r.confidence, 0) / draft.sources.length;
  const base = draft.computed || draft.repaired ? 0.45 : checked(draft) ? 0.8 : 0.6;
  return {
    description: draft.description,
    quantity: draft.quantity?.text ?? null,
    unitPrice: draft.price ? formatPrice(draft.price) : null,
    amount: formatCents(draft.cents, draft.decimals),
    confidence: Number((base * (0.7 + 0.3 * ocr)).toFixed(3)),
    text: [...draft.sources]
      .sort((a, b) => a.index - b.index)
      .map((r) => r.text)
      .join('\n'),
    bbox: unionBox(draft.sources.map((r) => r.bbox)),
  };
}

/**
 * The items with garbled prices settled by the sum that closes them (items-readings.ts): rows of words ending
 * in a figure no price rule took become articles, and articles whose price token reads several ways take
 * another reading, when exactly one choice makes the items add up. Undefined when none does.
 */
function settleGarbled(
  parsed: readonly ItemRow[],
  drafts: readonly Draft[],
  closing: number,
  inDollars: boolean,
): Draft[] | undefined {
  const gap = closing - draftsSum(drafts);
  if (gap === 0) return undefined;
  const used = new Set(drafts.flatMap((d) => d.sources.map((r) => r.index)));
  const rows = parsed.flatMap((read) => {
    if (read.kind !== 'text' || used.has(read.row.index)) return [];
    const readings = rowPriceReadings(read.row);
    if (!readings) return [];
    const description = cleanDescription(
      read.row.tokens
        .slice(0, readings.from)
        .map((t) => t.text)
        .join(' '),
    );
    return hasDescription(description) ? [{ row: read.row, readings, description }] : [];
  });
  const articles = drafts.flatMap((draft, at) => {
    const row = draft.sources[0];
    if (draft.computed || checked(draft) || !row || draft.cents <= 0) return [];
    const others = rowPriceReadings(row)?.cents.filter((c) => c !== draft.cents) ?? [];
    return others.length > 0 ? [{ at, others }] : [];
  });
  const dollars = inDollars ? dollarsAsDigits(drafts) : new Map<number, number>();
  const options = [
    ...rows.map((r) => [...r.readings.cents]),
    ...articles.map((a) => a.others.map((c) => c - (drafts[a.at] as Draft).cents)),
    ...(dollars.size > 0
      ? [[[...dollars].reduce((s, [at, c]) => s + c - (drafts[at] as Draft).cents, 0)]]
      : []),
  ];
  const settled = settleGap(options, gap);
  if (settled === undefined) return undefined;
  const out = [...drafts];
  const added: Draft[] = [];
  for (const { element, cents } of settled) {
    const row = rows[element];
    if (row) {
      added.push({ description: row.description, cents, decimals: true, sources: [row.row], repaired: true });
      continue;
    }
    const article = articles[element - rows.length];
    const draft = article && out[article.at];
    if (article && draft) out[article.at] = repairedTo(draft, draft.cents + cents);
    if (element === rows.length + articles.length) {
      for (const [at, value] of dollars) out[at] = repairedTo(out[at] as Draft, value);
    }
  }
  const first = (d: Draft) => Math.min(...d.sources.map((r) => r.index));
  return [...out, ...added].sort((a, b) => first(a) - first(b));
}

/**
 * On a receipt priced in dollars, the articles whose price starts with a `$` read as `5`, `S` or `s` (`S2.99`,
 * `51.95` for $1.95): the font's dollar sign misread on one row is misread on the others, so they are one
 * choice together. Article index → the price without that first character.
 */
function dollarsAsDigits(drafts: readonly Draft[]): Map<number, number> {
  const out = new Map<number, number>();
  drafts.forEach((draft, at) => {
    const row = draft.sources[0];
    const token = row ? (priceTokens(row)[0]?.text ?? '') : '';
    // a deduction's minus before the misread sign (`PROMO -S0.50T`) keeps it negative
    const dollar = /^(-?)[5Ss](?=\d)/.exec(token);
    const read = dollar ? priceReadings(token.slice(dollar[0].length))?.cents[0] : undefined;
    const value = read === undefined ? undefined : draft.cents < 0 ? -read : read;
    if (value !== undefined && !draft.computed && !checked(draft) && value !== draft.cents)
      out.set(at, value);
  });
  return out;
}

/**
 * The sum that closes the items as read, and, on a receipt priced in dollars, read without a first `5`, `S` or
 * `s` that is its dollar sign (`Subtotal 57.98` for $7.98 over articles `Bananas 50.68`, `Salted Butter 52.00`).
 */
function closingReadings(region: ItemsRegion, parsed: readonly ItemRow[]): number[] {
  if (region.closingCents === undefined) return [];
  const text = region.closingText ?? '';
  const withoutSign =
    pricedInDollars(parsed.map((read) => read.row)) && /^[5Ss]\d/.test(text)
      ? priceReadings(text.slice(1))?.cents[0]
      : undefined;
  return withoutSign === undefined || withoutSign <= 0
    ? [region.closingCents]
    : [region.closingCents, withoutSign];
}

/**
 * The items, and what they witness of the sum under them: their sum and count before any price was settled by
 * that sum (settled prices add up to it by construction, so they confirm nothing).
 */
export interface ItemsRead {
  readonly items: LineItem[];
  readonly witness: { readonly cents: number; readonly count: number };
  /**
   * The items settled against a total the receipt's other figures confirm, when they did not settle against the
   * sum under them (itself misread: `SOUS TOTAL 13,51` for 15,51 under `TOTAL A PAYER 15.51` and the card's
   * `15:51`); undefined when that changes nothing.
   */
  settledTo(total: number): LineItem[] | undefined;
}

/** `51.76`, `S2.59`, `§2.59`: a price whose dollar sign was read as a 5 (or an S), the sign itself lost. */
const DOLLAR_READ = /^[5S§](\d{1,3}[.,]\d{2})$/;
/** `€53,02`: the currency mark read twice, once as itself and once as a 5. */
const MARK_READ_TWICE = /^[€$£][5S§](\d{1,3}[.,]\d{2})$/;
/** `98 114,43`: a number that ends the name (a fuel grade, a size) read as the price's thousands group. */
const NAME_AS_GROUP = /^(\d{1,3})\s(\d{3}[.,]\d{2})$/;

/**
 * Another reading of an article amount above the sum that closes the items, since no article costs more than all
 * of them together: a dollar sign read as a digit (`COLA 2L 51.76` for `$1.76`, on a receipt that prints
 * dollars), a mark read twice (`€53,02`), or a number of the name taken for a thousands group (`SUPER PLUS 98
 * 114,43`, `VERNICE LAVABILE 14 106,40`), which goes back to the name.
 */
function amountsBelowSum(
  parsed: readonly ItemRow[],
  closing: number | undefined,
  rows: readonly Row[],
): ItemRow[] {
  if (closing === undefined) return [...parsed];
  const dollars = rows.some((row) => row.text.includes('$'));
  return parsed.map((row) => {
    if (row.kind !== 'article' || row.amount.cents <= closing) return row;
    const markRead =
      (dollars ? DOLLAR_READ.exec(row.amount.text) : null) ?? MARK_READ_TWICE.exec(row.amount.text);
    const named = NAME_AS_GROUP.exec(row.amount.text);
    const [price, name] = markRead?.[1] ? [markRead[1], ''] : named?.[2] ? [named[2], named[1] ?? ''] : [];
    const cents = price === undefined ? undefined : parseAmount(price)?.cents;
    if (price === undefined || cents === undefined || cents > closing) return row;
    const mark = row.amount.currencyMark ?? (markRead ? '$' : undefined);
    return {
      ...row,
      description: name === '' ? row.description : `${row.description} ${name}`.trim(),
      amount: { ...row.amount, cents, text: price, ...(mark ? { currencyMark: mark } : {}) },
    };
  });
}

/**
 * The region closed by a sum row whose label the OCR garbled, when no labelled row closed it: the items end
 * above that row, and its amount is the sum to check them against.
 */
function closedBySum(
  region: ItemsRegion,
  read: readonly ItemRow[],
  rows: readonly Row[],
  whole: boolean,
): { region: ItemsRegion; read: readonly ItemRow[]; drafts?: Draft[] } {
  if (region.closingCents !== undefined) return { region, read };
  const drafts = assemble(read);
  const printedBelow = (cents: number, row: Row) =>
    rows.some((r) => r.index > row.index && moneyAmounts(r, whole).some((a) => a.cents === cents));
  const at = unlabelledSum(drafts, printedBelow);
  const sum = at === undefined ? undefined : drafts[at];
  // nothing closes the items: they stand as put together (no sum to read their amounts against)
  if (!sum) return { region, read, drafts };
  const end = Math.min(...sum.sources.map((r) => r.index));
  return {
    region: {
      rows: region.rows.filter((r) => r.index < end),
      closingCents: sum.cents,
      closingRestated: true,
    },
    read: read.filter((r) => r.row.index < end),
  };
}

export function readItems(rows: readonly Row[], whole: boolean): ItemsRead {
  const found = itemsRegion(rows, whole);
  const context: PriceContext = priceCodes(found.rows);
  let priced = false;
  const { region, read, drafts } = closedBySum(
    found,
    found.rows.map((row) => {
      const item = readItemRow(row, whole, priced ? context : undefined);
      priced ||= item.kind === 'article';
      return item;
    }),
    rows,
    whole,
  );
  const parsed = amountsBelowSum(read, region.closingCents, rows);
  const balanced = balanceItems(
    drafts ?? assemble(parsed),
    region.closingCents,
    region.closingRestated === true,
  );
  const closings = closingReadings(region, parsed);
  // the receipt's own dollar signs, wherever they were read (a fuel receipt's articles print none: `PROMO -S0.50T`
  // under `UNLEADED` and its gallons, over `Subtotal $54.81`)
  const inDollars = pricedInDollars(rows);
  // items that add up to the sum under them as read are not read again to add up to another reading of it
  const settled =
    whole || closings.includes(draftsSum(balanced))
      ? undefined
      : closings.reduce<Draft[] | undefined>(
          (found, closing) => found ?? settleGarbled(parsed, balanced, closing, inDollars),
          undefined,
        );
  const witness = balanced.map(toItem);
  return {
    items: (settled ?? balanced).map(toItem),
    witness: { cents: itemsSum(witness), count: witness.length },
    settledTo: (total) =>
      whole || settled ? undefined : settleGarbled(parsed, balanced, total, inDollars)?.map(toItem),
  };
}

export function findItems(rows: readonly Row[], whole: boolean): LineItem[] {
  return readItems(rows, whole).items;
}

/**
 * A refund's articles read without their minus signs (every one of them lost, as the bill's: totals.ts tells the
 * refund from its VAT row or its words) are taken back: negative, when together they are the bill.
 */
export function refundedItems(items: readonly LineItem[], totalCents: number | undefined): LineItem[] {
  const lost = items.length > 0 && items.every((item) => !item.amount.startsWith('-'));
  if (totalCents === undefined || totalCents >= 0 || !lost || itemsSum(items) !== -totalCents)
    return [...items];
  return items.map((item) => ({
    ...item,
    amount: `-${item.amount}`,
    quantity: item.quantity === null || item.quantity.startsWith('-') ? item.quantity : `-${item.quantity}`,
  }));
}

/** Sum of item amounts in hundredths. */
export function itemsSum(items: readonly LineItem[]): number {
  return items.reduce((s, item) => {
    const parsed = parseAmount(item.amount);
    return s + (parsed ? (parsed.negative ? -parsed.cents : parsed.cents) : 0);
  }, 0);
}
