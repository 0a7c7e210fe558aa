/**
 * Item rows as the amount reader expects them. Tills and the OCR glue and split the tokens of item rows in ways
 * that other rows do not show:
 * - a VAT rate glued to the amount on narrow paper: `21%1.050,89€` → `21%` `1.050,89€`;
 * - a thousands group set apart after a rate column: `20% 3 920,36` → `20%` `3920,36`;
 * - a minus after the amount and before the currency mark: `1,00-€` → `-1,00€`; before the mark: `-€ 0,90`;
 *   before a VAT code: `0,32-A` → `0,32-` `A`;
 * - a VAT code or print noise glued after the amount and its mark: `2,29€A` → `2,29€` `A`, `1,39°B` → `1,39` `B`;
 * - print noise before the amount: `“6,13` → `6,13`, `€:32,34` → `€32,34`, `€.2,10` → `€2,10`; a leading zero
 *   read as `©` or `@`: `©,99€` → `0,99€`;
 * - a VAT code (one or two digits) glued to the amount by a lost space: `2.101` (2.10, code 1), `3.1841`,
 *   `12,295€` at the end of the row, on a receipt written with two decimals (a weight `0,422 kg` keeps its unit
 *   and is not touched).
 */
import { UNIT } from './item-quantities.js';
import type { Row, Token } from './layout.js';

const RATE = /^\d{1,2}(?:[.,]\d{1,2})?%$/;
const MARKS = '€|EUR|\\$|£';

/** Splits a token into parts of the given lengths, sharing its box by length. */
function split(token: Token, lengths: readonly number[]): Token[] {
  const { x0, x1 } = token.bbox;
  const total = token.text.length;
  let at = 0;
  return lengths.map((length) => {
    const from = x0 + Math.round(((x1 - x0) * at) / total);
    const to = x0 + Math.round(((x1 - x0) * (at + length)) / total);
    const text = token.text.slice(at, at + length);
    at += length;
    return { ...token, text, bbox: { ...token.bbox, x0: from, x1: to } };
  });
}

function join(a: Token, b: Token, text: string): Token {
  return {
    text,
    confidence: Math.min(a.confidence, b.confidence),
    bbox: {
      x0: a.bbox.x0,
      y0: Math.min(a.bbox.y0, b.bbox.y0),
      x1: b.bbox.x1,
      y1: Math.max(a.bbox.y1, b.bbox.y1),
    },
  };
}

/**
 * Print noise read before an amount: `“6,13`, `€:32,34`, `£€11,50`. The noise goes; a currency mark among it
 * stays in front of the amount, where tills print it.
 */
function withoutLeadingNoise(token: Token): Token {
  const lead = /^[“”"'’`:;¢€$£.]+(?=\d[\d.,]*[.,]\d{2})/u.exec(token.text);
  if (!lead || /^[€$£]$/.test(lead[0])) return token;
  const mark = lead[0].replace(/[^€$£]/g, '').slice(-1);
  return { ...token, text: `${mark}${token.text.slice(lead[0].length)}` };
}

/**
 * A leading zero read as a copyright or at sign: `©,99€`, `@,99€`, `©4,15`. An at sign before digits
 * (`2 @0.80`) is the unit price's "at" and stays.
 */
function zeroRead(token: Token): Token {
  const text = token.text.replace(/^[©@](?=[.,]\d)/u, '0').replace(/^©(?=\d)/u, '0');
  return text === token.text ? token : { ...token, text };
}

function normalise(tokens: readonly Token[], whole: boolean, context: PriceContext | undefined): Token[] {
  const out: Token[] = [];
  for (const read of tokens) {
    const token = withoutLeadingNoise(zeroRead(read));
    const rate = /^(\d{1,2}(?:[.,]\d)?%)([-€$£]?\d.*)$/.exec(token.text);
    if (rate?.[1] && rate[2]) {
      out.push(...split(token, [rate[1].length, rate[2].length]));
      continue;
    }
    // "2,29€A", "1,39°B", "2,16'3", "2,18::€", "5,00¢€", "7,89.1", "2,89€8B": a VAT code or print noise glued
    // after the amount and its mark (a cent sign is a euro sign half read; the space before a code read as an 8);
    // "0,32-A", "0.20-1": a deduction's minus, then its code (not after a mark: `€:22,30-A` is an article's noise)
    const glued = /^([€$£]?-?\d[\d.,]*[.,]\d{2}-?)([€$£°'"’`:;¢.]*)(\d?[A-Z]{1,2}|\d)?$/i.exec(token.text);
    const noise = glued?.[2]?.replace(/[€$£]/g, '') ?? '';
    const minusCode = glued?.[2] === '' && /^\d.*-$/.test(glued[1] ?? '') && glued[3] !== undefined;
    if (glued?.[1] && ((glued[2] && (noise !== '' || glued[3])) || minusCode)) {
      const mark = (glued[2] ?? '').replace(/[^€$£]/g, '').slice(0, 1);
      const [amount, code] = split(token, [glued[1].length + (glued[2]?.length ?? 0), glued[3]?.length ?? 0]);
      if (amount) out.push({ ...amount, text: `${glued[1]}${mark}` });
      if (code && glued[3]) out.push({ ...code, text: glued[3] });
      continue;
    }
    const trailingMinus = new RegExp(`^(\\d[\\d.,]*\\d)-(${MARKS})$`, 'i').exec(token.text);
    out.push(trailingMinus ? { ...token, text: `-${trailingMinus[1]}${trailingMinus[2]}` } : token);
  }
  for (let i = 0; i + 1 < out.length; i++) {
    const a = out[i] as Token;
    const b = out[i + 1] as Token;
    const merge =
      (new RegExp(`^-(${MARKS})$`, 'i').test(a.text) && /^\d/.test(b.text)) ||
      (/^\d{1,3}$/.test(a.text) && /^\d{3}[.,]\d{2}\b/.test(b.text) && RATE.test(out[i - 1]?.text ?? ''));
    if (merge) out.splice(i, 2, join(a, b, `${a.text}${b.text}`));
  }
  if (!whole) {
    // the last number of the row, unless a unit follows it
    const last = out.findLastIndex((t) => /\d/.test(t.text));
    const token = out[last];
    const glued = token ? /^([-€$£]*\d{1,6}[.,]\d{2})(\d{1,2})([€$£]?)$/.exec(token.text) : null;
    const after = out.slice(last + 1);
    if (token && glued?.[1] && glued[2] && after.length <= 1 && !after.some((t) => UNIT.test(t.text)))
      out.splice(last, 1, ...split(token, [glued[1].length, glued[2].length + (glued[3]?.length ?? 0)]));
    const lost = lostSeparator(out[last]);
    if (lost && after.length <= 1) out.splice(last, 1, ...lost);
    else if (!lost) return withBarePrice(withCodeAsPercent(out, context), context);
  }
  return out;
}

/** A VAT code printed after an article's amount ("2,05 A", "1,38 1"), or the amount's currency mark. */
const CODE_AFTER = new RegExp(`^(?:[A-D]|\\d|${MARKS})$`, 'i');

/** What the rows above an article row tell about its price: it comes below a priced article. */
export interface PriceContext {
  /** The single-digit VAT codes the receipt's priced articles end with ("1,70 2"): a code read glued on. */
  readonly codes: ReadonlySet<string>;
  /** The receipt's priced articles end with a one-letter tax code ("3.03 N", "2.30 T"). */
  readonly letterCodes?: boolean;
}

/** "1:35", "0;58", "1:75:2", "1;:29:€": the decimal comma read as a colon or semicolon, print noise after it. */
const COLON_PRICE = /^([€$£]?)(\d{1,3})[:;]{1,2}(\d{2})[:;.,]{0,2}([A-D]|\d|[€$£])?$/;
/** "165", "230A": the separator lost. */
const BARE_PRICE = /^([€$£]?)(\d)(\d{2})([A-D])?$/;
/** "7502", "2501": the separator and the space before a one-digit VAT code lost. */
const CODED_PRICE = /^([€$£]?)(\d)(\d{2})(\d)$/;

/**
 * "SPAGHETTI 500G 165", "Roggenmischbrot 230A", "KARTOFFELN 389 1", "Bananes 052", "Fruchtgummi 1:35 A": an
 * article row's closing price with its decimal separator lost or read as a colon, alone or before its VAT code
 * or mark. On a receipt written with two decimals a price has cents, and an article row ends with its price, so
 * the last two digits are the cents. Three digits, or four when the last is a VAT code the receipt's other
 * articles end with (`ESPRESSO 2501` among `1,70 2` and `0,36 1`); four digits otherwise are as often a price with
 * a code or mark read as a digit (`3556` for 3,56 €), longer numbers are codes, and a row without words is no
 * article.
 */
function withBarePrice(tokens: Token[], context: PriceContext | undefined): Token[] {
  const code = tokens.length > 1 && CODE_AFTER.test(tokens.at(-1)?.text ?? '') ? 1 : 0;
  const at = tokens.length - 1 - code;
  const token = tokens[at];
  // Above the first priced article only a price that carries its currency mark (`£250`) is one.
  if (!context && !/^[€$£]\d/.test(token?.text ?? '')) return tokens;
  const coded = !code && token ? CODED_PRICE.exec(token.text) : null;
  const lost =
    token &&
    (COLON_PRICE.exec(token.text) ??
      BARE_PRICE.exec(token.text) ??
      (coded?.[4] && context?.codes.has(coded[4]) ? coded : null));
  if (!token || !lost?.[2] || !lost[3] || (code && lost[4])) return tokens;
  const before = tokens.slice(0, at);
  if (!before.some((t) => /\p{L}{3}/u.test(t.text)) || /^[x×*@]$/i.test(before.at(-1)?.text ?? ''))
    return tokens;
  const [amount, glued] = split(token, [token.text.length - (lost[4]?.length ?? 0), lost[4]?.length ?? 0]);
  if (!amount) return tokens;
  const repaired = [{ ...amount, text: `${lost[1]}${lost[2]},${lost[3]}` }];
  if (glued && lost[4]) repaired.push({ ...glued, text: lost[4] });
  return [...before, ...repaired, ...tokens.slice(at + 1)];
}

/** The codes rows end with after a price with cents ("1,70 2"), when two rows or more end with such a code. */
function codesAfterPrices(rows: readonly Row[], code: RegExp): string[] {
  const seen = rows.flatMap((row) => {
    const [price, last] = row.tokens.slice(-2).map((t) => t.text);
    return price && last && /\d[.,]\d{2}[€$£]?$/.test(price) && code.test(last) ? [last] : [];
  });
  return seen.length >= 2 ? seen : [];
}

/** What the rows tell about the codes after prices: the single-digit VAT codes, and whether letters end them. */
export function priceCodes(rows: readonly Row[]): PriceContext {
  return {
    codes: new Set(codesAfterPrices(rows, /^\d$/)),
    letterCodes: codesAfterPrices(rows, /^[A-Z]$/).length >= 3,
  };
}

/**
 * "1.25%" closing an article row among rows that end "3.03 N", "2.30 T": the tax code read as a percent sign. No
 * rate closes an article row after its price, and a rate alone is printed with the row's amount beside it.
 */
function withCodeAsPercent(tokens: Token[], context: PriceContext | undefined): Token[] {
  const token = tokens.at(-1);
  const read = token ? /^([€$£]?\d{1,4}[.,]\d{2})%$/.exec(token.text) : null;
  if (!token || !context?.letterCodes || !read?.[1]) return tokens;
  if (tokens.some((t) => t !== token && /\d[.,]\d{2}/.test(t.text))) return tokens;
  if (!tokens.some((t) => /\p{L}{3}/u.test(t.text))) return tokens;
  return [...tokens.slice(0, -1), { ...token, text: read[1] }];
}

/**
 * "210€B", "465€8", "1559€": the amount's decimal separator lost, the currency mark read right after the
 * digits. A till that prints cents never prints a price without them, so the last two digits are the cents.
 */
function lostSeparator(token: Token | undefined): Token[] | undefined {
  const lost = token
    ? new RegExp(`^(-?\\d{1,4})(\\d{2})(${MARKS})([A-Z]{1,2}|\\d)?$`, 'i').exec(token.text)
    : null;
  if (!token || !lost?.[1] || !lost[2] || !lost[3]) return undefined;
  const [amount, code] = split(token, [
    lost[1].length + lost[2].length + lost[3].length,
    lost[4]?.length ?? 0,
  ]);
  const repaired = amount ? [{ ...amount, text: `${lost[1]},${lost[2]}${lost[3]}` }] : [];
  return code && lost[4] ? [...repaired, { ...code, text: lost[4] }] : repaired;
}

/**
 * The row with its item tokens normalised; the same row when nothing changed. `context`: the row comes after an
 * article read with its price whole, so a bare number closing it may be a price (above the first article it is
 * as likely a house or phone number of the header, unless its currency mark is before it: `£250`).
 */
export function prepareRow(row: Row, whole: boolean, context?: PriceContext): Row {
  const tokens = normalise(row.tokens, whole, context);
  const text = tokens.map((t) => t.text).join(' ');
  if (text === row.text) return row;
  return { ...row, tokens, text, upper: text.toUpperCase() };
}
