/**
 * What the rest of a receipt says the total must be. A printed total is one reading of one row; the receipt
 * prints the same figure again in other forms: subtotal + tax (− discount, + tip, ± rounding), cash handed
 * over − change, the net + tax (or gross) columns of the VAT table, the amount charged to the card, the sum of
 * the items. When two of these agree on a value and the printed total does not, the printed total was misread
 * (one digit slipped on faint print), and the agreed value is the total.
 */
import type { Row } from './layout.js';
import { type Amount, moneyAmounts } from './numbers.js';

export type SupportSource = 'tender' | 'sum' | 'subtotal' | 'vat-table' | 'card' | 'items';

export interface Support {
  readonly source: SupportSource;
  readonly cents: number;
}

export interface SupportParts {
  readonly cash?: number;
  readonly change?: number;
  readonly subtotal?: number;
  readonly tax?: number;
  readonly tip?: number;
  readonly discount?: number;
  readonly rounding?: number;
  readonly itemsCents?: number;
  /** Amounts printed on card-payment rows after the totals. */
  readonly card: readonly number[];
  /** Rows of the VAT summary table at the foot. */
  readonly summaryRows: readonly Row[];
  readonly whole: boolean;
}

const MAX_VAT_RATE = 0.3;

/**
 * Totals the VAT table implies. Per row: net + tax (two amounts, the second smaller) and gross (a third amount
 * equal to net + tax). Over the table: the sum of the row grosses, when more than one rate is printed.
 */
export function vatTableTotals(rows: readonly Row[], whole: boolean): Set<number> {
  const totals = new Set<number>();
  let grossSum = 0;
  let grossRows = 0;
  for (const row of rows) {
    const amounts = moneyAmounts(row, whole).filter((a) => a.cents > 0);
    let rowGross: number | undefined;
    for (let i = 0; i + 1 < amounts.length; i++) {
      const net = amounts[i] as Amount;
      const tax = amounts[i + 1] as Amount;
      // VAT rates stay below 30%: a larger "tax" is another column (a unit price beside an amount)
      if (tax.cents > net.cents * MAX_VAT_RATE) continue;
      const sum = net.cents + tax.cents;
      totals.add(sum);
      // "19%  5,63  1,07  6,70": the gross column confirms the pair
      if (amounts[i + 2]?.cents === sum) rowGross = sum;
    }
    if (rowGross !== undefined) {
      grossSum += rowGross;
      grossRows += 1;
    }
  }
  if (grossRows >= 2) totals.add(grossSum);
  // Net and tax printed on rows of their own ("IVA 10%  12,93" / "Base imp.  129,27"): a pair across rows.
  const amounts = rows.flatMap((row) => moneyAmounts(row, whole).filter((a) => a.cents > 0));
  for (const [i, x] of amounts.entries()) {
    for (const y of amounts.slice(i + 1)) {
      const [net, tax] = x.cents >= y.cents ? [x, y] : [y, x];
      if (tax.cents <= net.cents * MAX_VAT_RATE) totals.add(net.cents + tax.cents);
    }
  }
  return totals;
}

/** Every value the receipt's own arithmetic supports, with where it comes from. */
export function supportFor(parts: SupportParts): Support[] {
  const support: Support[] = [];
  const { cash, change, subtotal, tax, tip = 0, discount = 0, rounding = 0 } = parts;
  if (cash !== undefined && change !== undefined && change >= 0 && change < cash) {
    support.push({ source: 'tender', cents: cash - change });
  }
  if (subtotal !== undefined && tax !== undefined && tax > 0 && tax < subtotal) {
    const sum = subtotal + tax + tip - discount;
    support.push({ source: 'sum', cents: sum });
    if (rounding !== 0) support.push({ source: 'sum', cents: sum + rounding });
  }
  if (subtotal !== undefined && subtotal > 0) {
    // Tax included (most receipts outside North America): the subtotal is the total before tip and discount.
    support.push({ source: 'subtotal', cents: subtotal + tip - discount + rounding });
  }
  for (const cents of vatTableTotals(parts.summaryRows, parts.whole))
    support.push({ source: 'vat-table', cents });
  for (const cents of parts.card) support.push({ source: 'card', cents });
  if (parts.itemsCents !== undefined && parts.itemsCents > 0) {
    support.push({ source: 'items', cents: parts.itemsCents });
  }
  return support;
}

/** The distinct sources that agree with a value. */
export function sourcesOf(support: readonly Support[], cents: number): SupportSource[] {
  return [...new Set(support.filter((s) => s.cents === cents).map((s) => s.source))];
}

/**
 * Sources that restate the same figures count as one witness. Subtotal + tax and the VAT table print the same
 * net and tax figures (when the till's own figures are off by a cent they agree with each other and not with
 * the total); the items add up to the subtotal by construction, so they agree with it whether or not the tax
 * is included.
 */
const FAMILY: Record<SupportSource, string> = {
  tender: 'tender',
  sum: 'net and tax',
  'vat-table': 'net and tax',
  subtotal: 'items',
  items: 'items',
  card: 'card',
};

function witnesses(sources: readonly SupportSource[]): number {
  return new Set(sources.map((s) => FAMILY[s])).size;
}

/**
 * A value at least two independent sources agree on, when there is exactly one such value (two different
 * agreed values mean the receipt's figures are not understood well enough to overrule what is printed).
 */
export function agreedValue(
  support: readonly Support[],
): { cents: number; sources: SupportSource[] } | undefined {
  const agreed = new Map<number, SupportSource[]>();
  for (const { cents } of support) {
    const sources = sourcesOf(support, cents);
    if (witnesses(sources) >= 2 && cents > 0) agreed.set(cents, sources);
  }
  if (agreed.size !== 1) return undefined;
  const [[cents, sources]] = [...agreed] as [[number, SupportSource[]]];
  // Cash handed over minus change is the most direct record of what was paid: an agreement it contradicts is
  // not strong enough to overrule the printed total.
  const tender = support.find((s) => s.source === 'tender');
  if (tender && tender.cents !== cents) return undefined;
  return { cents, sources };
}
