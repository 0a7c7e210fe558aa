/**
 * Amounts: OCR tokens to exact decimal values. Money is kept in integer hundredths (cents) so sums and
 * comparisons are exact, and rendered back as decimal strings ("1234.50"), never floats.
 *
 * Both conventions are read: 1,234.56 and 1.234,56; a single separator followed by exactly three digits is a
 * thousands separator (20.600 Colombian pesos, 1,250 US dollars), one or two digits make decimals. OCR
 * confusions inside numbers (O/0, S/5, l/1, I/1, B/8...) are repaired only in tokens that are mostly digits,
 * and amounts split by a stray space ("12. 50") are joined.
 */
import type { BBox } from '../schema.js';
import { type Row, tokenBox } from './layout.js';

export interface Amount {
  /** Value in hundredths of the unit. */
  readonly cents: number;
  /** True when the amount was written with decimals (12.50), false for whole amounts (20.600 pesos, 12). */
  readonly decimals: boolean;
  /** The OCR text it was read from. */
  readonly text: string;
  readonly bbox: BBox;
  /** Index of the first token of the amount in its row (0 = leftmost). */
  readonly tokenIndex: number;
  /** Recognition confidence of the amount's words (the lowest), 0..1. */
  readonly confidence: number;
  /** A currency written next to the amount (RM, $, €...), as written. */
  readonly currencyMark?: string;
}

const CONFUSIONS: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  S: '5',
  s: '5',
  '§': '5',
  l: '1',
  I: '1',
  i: '1',
  '|': '1',
  '!': '1',
  B: '8',
  Z: '2',
  z: '2',
};

/**
 * Currency marks that stick to amounts: "RM8.60", "$8.20", "8,50€", "COP 20.600". A "§" before a whole amount
 * with its cents is a misread "$" or "€" ("Total to pay §25.70"), not a 5: elsewhere it stays a 5. A "¢" after
 * the cents is a misread "€" ("3 555,56¢").
 */
const CURRENCY_MARK =
  /^(RM|MYR|US\$|USD|COP|EUR|GBP|SGD|MXN|CAD|AUD|S\/\.?|S\$|R\$|\$|€|£|¥|R[NH]?(?=\d*[.,]\d{2}$)|§(?=\d{1,3}(?:[.,]\d{3})*[.,]\d{2}$))|(RM|MYR|USD|COP|EUR|GBP|€|£|\$|(?<=\d[.,]\d{2})¢)$/i;

export interface ParsedNumber {
  readonly cents: number;
  readonly decimals: boolean;
  readonly negative: boolean;
  readonly currencyMark?: string;
}

/** Repairs letter/digit confusions in a token that is mostly digits; returns undefined when it is a word. */
export function repairDigits(core: string): string | undefined {
  const digits = core.match(/\d/g)?.length ?? 0;
  if (digits === 0) return undefined;
  let fixed = '';
  let repaired = 0;
  for (const ch of core) {
    const sub = CONFUSIONS[ch];
    if (sub !== undefined) {
      fixed += sub;
      repaired += 1;
    } else fixed += ch;
  }
  if (repaired > digits) return undefined;
  return fixed;
}

/**
 * Parses one money token ("RM1,234.50", "-7,840.00", "20.600", "12,50", "$O.46", ".01"); undefined if it is not one.
 * `markBeside`: a currency mark stands next to the token as a word of its own ("11:28 €").
 */
export function parseAmount(raw: string, markBeside = false): ParsedNumber | undefined {
  const trimmed = raw.trim();
  let negative = /^\(.*\)$/.test(trimmed); // accounting style: (3.00)
  let text = trimmed.replace(/^[([{*#:=~]+|[)\]}*:;,]+$/g, '');
  if (text.startsWith('-')) {
    negative = true;
    text = text.replace(/^[-(]+/, '');
  }
  if (text.endsWith('-')) {
    negative = true;
    text = text.slice(0, -1);
  }
  let currencyMark: string | undefined;
  // the euro sign read twice at the end, as a cent sign and itself: "578¢€"
  text = text.replace(/(\d)¢€$/, '$1€');
  // a small "s" before a whole amount with its cents is a dollar sign, as "§" is ("Sub-Total s7.34")
  if (/^s\d{1,3}(?:[.,]\d{3})*[.,]\d{2}$/.test(text)) text = `$${text.slice(1)}`;
  const mark = CURRENCY_MARK.exec(text);
  if (mark) {
    currencyMark = mark[0];
    text = mark.index === 0 ? text.slice(mark[0].length) : text.slice(0, mark.index);
    // print noise between a leading mark and the figures: "€:52,37"; the mark read twice, or as two: "£€21,55"
    if (mark.index === 0) text = text.replace(/^[:;=]/, '').replace(/^[€£$]/, '');
    if (text.startsWith('-')) {
      negative = true;
      text = text.slice(1);
    }
    // a minus after the figures and before the mark: "28,35-€" (French tills' refunds)
    if (text.endsWith('-')) {
      negative = true;
      text = text.slice(0, -1);
    }
  }
  // "£2.9%": no rate carries a currency mark before it; the cents' last digit was read as a percent sign (its
  // value is unknown: total-support.ts hears figures with any digit there). After the figures (`0,9%€`) the mark
  // may belong to a rate's column.
  if (mark?.index === 0 && /^\d{1,6}[.,]\d%$/.test(text)) text = text.slice(0, -1);
  if (text === '' || text.endsWith('%')) return undefined;
  // "$12-345": noise in place of the thousands separator of a marked amount
  if (currencyMark) text = text.replace(/^(\d{1,3})[-~_](\d{3})(?=$|[.,]\d{2}$)/, '$1$2');
  text = text.replace(/^(.*\d[.,]\d{2})(SR|ZR|TX|[A-Z*])$/, '$1'); // a tax code glued on: "5.90SR"
  // a till's zero read as a C in the cents ("BANANEN 1,7C", "-0,3C"): one decimal and a C is no VAT code after cents
  text = text.replace(/^(\d{1,6}[.,]\d)[Cc]$/, '$10');
  text = text.replace(/^(\d{1,6})[°º](\d{2})$/, '$1,$2'); // a decimal comma read as a degree sign: "21°25"
  text = text.replace(/^(\d{1,6}[.,]\d{2})[°º]$/, '$1'); // print noise read as a degree sign after the cents: "2,18°€"
  // the decimal point of a grouped amount read as a colon ("VISA DEBIT 3,417:22"): no time has a thousands group
  text = text.replace(
    /^(\d{1,3}(?:([.,])\d{3})+):(\d{2})$/,
    (_all, whole: string, group: string, c: string) => `${whole}${group === ',' ? '.' : ','}${c}`,
  );
  // a decimal comma read as a colon where no time can be: its whole part above 23 ("CONTANT 59:25"), or a currency
  // mark on it or beside it ("3:40€", "TROCO 11:28 €", "Resto € 2:75"): no time of day carries one
  text = text.replace(/^(2[4-9]|[3-9]\d|[1-9]\d{2,3}):(\d{2})$/, '$1,$2');
  if (currencyMark || markBeside) text = text.replace(/^(\d{1,2}):(\d{2})$/, '$1,$2');
  const core = repairDigits(text);
  if (core === undefined || !/^[\d.,']+$/.test(core)) return undefined;
  const value = decimalValue(core);
  if (value === undefined) return undefined;
  return { ...value, negative, ...(currencyMark ? { currencyMark } : {}) };
}

function decimalValue(core: string): { cents: number; decimals: boolean } | undefined {
  const cleaned = core.replace(/'/g, ',');
  if (/^\d+$/.test(cleaned)) {
    if (cleaned.length > 9) return undefined; // a reference number, not money
    return { cents: Number(cleaned) * 100, decimals: false };
  }
  const lastSep = Math.max(cleaned.lastIndexOf('.'), cleaned.lastIndexOf(','));
  const intPart = cleaned.slice(0, lastSep);
  const fracPart = cleaned.slice(lastSep + 1);
  if (!/^\d*$/.test(fracPart)) return undefined;
  // Thousands only: 20.600, 1,250, 1.234.567
  if (fracPart.length === 3 && /^\d{1,3}([.,]\d{3})*$/.test(intPart) && intPart !== '') {
    const seps = cleaned.match(/[.,]/g) ?? [];
    if (seps.every((s) => s === seps[0])) {
      const whole = Number(cleaned.replace(/[.,]/g, ''));
      return whole > 999_999_999 ? undefined : { cents: whole * 100, decimals: false };
    }
  }
  // "2160,000": no thousands group has four digits, so the third decimal is a digit glued on (a code, noise).
  if (fracPart.length === 3 && /^\d{4,}$/.test(intPart)) return decimalValue(cleaned.slice(0, -1));
  // "21,0000": zeros after the cents (a till's four-decimal column, or the cents read twice) leave the value.
  if (/^\d{2}0{2,}$/.test(fracPart)) return decimalValue(cleaned.slice(0, lastSep + 3));
  if (fracPart.length < 1 || fracPart.length > 2) return undefined;
  // Grouping in the integer part must use the other separator, in groups of three.
  const sep = cleaned[lastSep];
  const other = sep === '.' ? ',' : '.';
  if (intPart.includes(sep ?? '')) return undefined;
  const groups = intPart.split(other);
  if (
    groups.length > 1 &&
    !(/^\d{1,3}$/.test(groups[0] ?? '') && groups.slice(1).every((g) => /^\d{3}$/.test(g)))
  ) {
    return undefined;
  }
  const whole = intPart.replace(/[.,]/g, '');
  if (whole.length > 9) return undefined;
  const cents = Number(whole || '0') * 100 + Number(fracPart.padEnd(2, '0'));
  return { cents, decimals: true };
}

/** Renders hundredths as a decimal string: "1234.50", or "20600" for whole amounts. */
export function formatCents(cents: number, decimals = true): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  if (!decimals && frac === 0) return `${sign}${whole}`;
  return `${sign}${whole}.${String(frac).padStart(2, '0')}`;
}

/** "12.", "RMS.", "RM5:" — the integer part of an amount whose decimals the OCR put in the next token. */
function splitDecimals(text: string): boolean {
  if (!/[.,:]$/.test(text)) return false;
  const core = text.slice(0, -1).replace(/^(RM|\$|€|£)/i, '');
  const repaired =
    repairDigits(core) ?? (/^[OSlIB]$/.test(core) ? repairDigits(`0${core}`)?.slice(1) : undefined);
  return repaired !== undefined && /^\d{1,7}$/.test(repaired) && core !== '';
}

const MARKS = 'RM|MYR|US\\$|USD|COP|EUR|GBP|SGD|MXN|\\$|€|£';
const BARE_MARK = new RegExp(`^(${MARKS})$`, 'i');
/** A minus sign set before a currency mark, apart from the figures ("TOTAL -£ 1.00", "-€ 1,79"): a refund's amount. */
const MINUS_MARK = new RegExp(`^[-—–](${MARKS})$`, 'i');

/**
 * A thousands group split off its amount: "$12" + ".345" (noise between them), or, after a label or a currency
 * mark, "1" + "234,56" (a space as the thousands separator, as French receipts print it). A bare leading
 * number is a quantity ("1 234,56" at the start of an item row), so the joined form needs a word or mark
 * before it.
 */
function splitsThousands(text: string, next: string, previous: string | undefined): boolean {
  const head = /^(?:[$€£]|RM|COP)?\d{1,3}$/i;
  if (!head.test(text)) return false;
  if (/^[.,]\d{3}(?:[.,]\d{2})?$/.test(next)) return true;
  if (!/^\d{3}[.,]\d{2}(?:[€$£¢]|EUR)?$/i.test(next)) return false;
  return previous !== undefined && (/\p{L}{2,}[:.]?$/u.test(previous) || BARE_MARK.test(previous));
}

/**
 * A thousands-grouped figure followed by two digits that end the row (a currency mark may follow): the cents,
 * their separator read as a space. Nothing else prints a grouped figure and then two lone digits.
 */
function lostDecimalComma(text: string, rest: readonly { text: string }[]): boolean {
  const [cents, ...after] = rest;
  return (
    /^\d{1,3}([.,])\d{3}(?:\1\d{3})*$/.test(text) &&
    cents !== undefined &&
    /^\d{2}$/.test(cents.text) &&
    after.every((t) => BARE_MARK.test(t.text))
  );
}

/**
 * Amounts in a row, left to right. Tokens split by OCR are joined first: "12." + "50", "12" + ".50", "44" + ",57€",
 * and, right after a currency mark at the end of the row, "8" + "60" (a dot the OCR lost).
 */
export function findAmounts(row: Row): readonly Amount[] {
  const known = AMOUNTS_IN_ROW.get(row);
  if (known !== undefined) return known;
  const found = readAmounts(row);
  AMOUNTS_IN_ROW.set(row, found);
  return found;
}

/**
 * A row's amounts, read once: the totals, the tax, the items and their checks each ask for them, several times
 * over one extraction (rows are immutable, so the first answer stands).
 */
const AMOUNTS_IN_ROW = new WeakMap<Row, readonly Amount[]>();

function readAmounts(row: Row): readonly Amount[] {
  const tokens = row.tokens;
  const found: Amount[] = [];
  let pendingMark: string | undefined;
  let pendingMinus = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined) continue;
    const minusMark = MINUS_MARK.exec(token.text);
    if (BARE_MARK.test(token.text) || minusMark) {
      pendingMark = minusMark ? minusMark[1] : token.text;
      pendingMinus = minusMark !== null;
      continue;
    }
    let text = token.text;
    let end = i + 1;
    const next = tokens[end];
    const previous = tokens[i - 1];
    if (next !== undefined) {
      if (splitsThousands(text, next.text, previous?.text)) {
        // "$12 .345", "TOTAL 1 234,56": a thousands group the OCR (or the printer) set apart
        text = `${text}${/^[.,]/.test(next.text) ? '' : ' '}${next.text}`.replace(/(\d)\s(\d{3})/, '$1$2');
        end += 1;
      } else if (splitDecimals(text) && /^\d{2}$/.test(next.text)) {
        text = `${text.slice(0, -1)}.${next.text}`;
        end += 1;
      } else if (/\d[.,]$/.test(text) && /^\d{2}\b/.test(next.text)) {
        text += next.text;
        end += 1;
      } else if (/\d$/.test(text) && /^[.,]\d{2}(?:[€$£]|EUR)?$/i.test(next.text)) {
        text += next.text;
        end += 1;
      } else if (lostDecimalComma(text, tokens.slice(end))) {
        // "Totaal 1.725 71 €": a grouped amount whose decimal separator the OCR read as a space
        text = `${text}${text.includes('.') ? ',' : '.'}${next.text}`;
        end += 1;
      } else if (
        pendingMark &&
        /^\d{1,4}$/.test(text) &&
        /^\d{2}$/.test(next.text) &&
        end === tokens.length - 1
      ) {
        text = `${text}.${next.text}`;
        end += 1;
      }
    }
    const parsed = parseAmount(text, pendingMark !== undefined || BARE_MARK.test(tokens[end]?.text ?? ''));
    const minus = pendingMinus;
    pendingMinus = false;
    if (parsed === undefined) {
      pendingMark = undefined;
      continue;
    }
    const currencyMark = parsed.currencyMark ?? pendingMark;
    found.push({
      cents: parsed.negative || minus ? -parsed.cents : parsed.cents,
      decimals: parsed.decimals,
      text: tokens
        .slice(i, end)
        .map((t) => t.text)
        .join(' '),
      bbox: tokenBox(row, i, end),
      tokenIndex: i,
      confidence: Math.min(...tokens.slice(i, end).map((t) => t.confidence)),
      ...(currencyMark ? { currencyMark } : {}),
    });
    pendingMark = undefined;
    i = end - 1;
  }
  return found;
}

/**
 * A figure of three to six digits with its currency mark glued after it (`578€`, `578¢€`, `1559€`, a card's
 * `Pago con tarjeta 496€`), or of three glued before it (`€578`), on a receipt written in cents: its decimal
 * separator was lost, for no till or terminal prints an amount without its cents there (item-tokens.ts reads
 * article prices the same way).
 */
function withLostSeparator(amount: Amount): Amount {
  // after a leading mark a fourth digit is as often the VAT code run on (`€1621` for €1.62 1)
  const lost = /^[€$£]\d{3}$|^\d{3,6}¢?[€$£]$/.test(amount.text);
  if (amount.decimals || !lost) return amount;
  return { ...amount, cents: Math.round(amount.cents / 100), decimals: true };
}

/**
 * Amounts that look like money on this receipt: written with decimals or a currency mark, or, on receipts in
 * whole amounts, grouped (20.600) or of three digits or more and not leading the row (a leading "2" is a quantity).
 */
export function moneyAmounts(row: Row, wholeAmounts: boolean): Amount[] {
  return findAmounts(row)
    .map((a) => (wholeAmounts ? a : withLostSeparator(a)))
    .filter(
      (a) =>
        a.decimals ||
        a.currencyMark !== undefined ||
        (wholeAmounts && (/\d[.,']\d{3}\b/.test(a.text) || (a.tokenIndex > 0 && a.cents >= 100_00))),
    );
}

/**
 * The receipt prints its prices after a dollar sign (`$2.49`): where one reads `52.85`, `S2.85` or `s2.85`, the
 * first character may be that sign misread.
 */
export function pricedInDollars(rows: readonly Row[]): boolean {
  return rows.some((row) => row.tokens.some((token) => /^\$\d/.test(token.text)));
}
