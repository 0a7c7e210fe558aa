/**
 * Row labels of every language the extractor knows, compiled from the locale packs (locales/) into patterns
 * that run on the upper-cased row text. Each pattern is the union of all packs: a receipt's language is not
 * known for sure before its labels are read, and the words rarely collide across languages (where they do,
 * packs anchor them to the start of the row).
 *
 * Compiling a phrase makes it tolerant of what Tesseract does to thermal print: spaces and dots between words
 * lost or added, digits read for look-alike letters (T0TAL, 5UMME), diacritics lost (ESPECES, RUCKGELD) or
 * umlauts read as two letters (RIICKGELD) or as an I (RICKGELD); a phrase never matches inside a longer word (SUMME is not in
 * ZWISCHENSUMME).
 */
import { LOCALES, type LocaleLabels, type LocalePack, type Phrase } from './locales/index.js';

/** Upper-case letters, accented ones included: phrase boundaries. */
const LETTER = 'A-ZÀ-ÖØ-Þ';

/** What the OCR reads for each letter on receipts. */
const FORMS: Readonly<Record<string, string>> = {
  A: '[A4ÀÁÂÃÄ]',
  B: '[B8]',
  C: '[CÇ]',
  E: '[EÉÈÊË]',
  G: '[G6]',
  I: '[I1L|!ÍÌÎÏ]',
  L: '[L1I|]',
  M: '(?:M|N|H|RN|IN|NI)',
  N: '[NM]',
  O: '[O0QÓÒÔÕÖ]',
  S: '[S5$§]',
  U: '[UVÚÙÛÜ]',
  Z: '[Z2]',
  Ä: '(?:Ä|AE|A)',
  Ö: '(?:Ö|OE|O|0)',
  Ü: '(?:Ü|UE|U|II|LI|IJ|V|I)',
  ß: '(?:SS|ß|B)',
  À: '[AÀ]',
  Á: '[AÁÀ]',
  Â: '[AÂ]',
  Ã: '[AÃ]',
  Ç: '[CÇG]',
  É: '[EÉÈ]',
  È: '[EÈÉ]',
  Ê: '[EÊ]',
  Ë: '[EË]',
  Í: '[IÍ1]',
  Î: '[IÎ]',
  Ï: '[IÏ]',
  Ó: '[OÓ0]',
  Ô: '[OÔ0]',
  Õ: '[OÕ0]',
  Ú: '[UÚ]',
  Û: '[UÛ]',
  Ù: '[UÙ]',
  Ñ: '[NÑ]',
  ' ': '[\\s.:/-]*',
  '.': '\\.?\\s*',
  '-': '[\\s-]?',
  "'": "['’`]?",
  '/': '\\s*/?\\s*',
  '°': '[°ºO0]?',
};

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * One phrase as a pattern source. "^WORD" only matches at the start of the row (after a few non-letters);
 * "WORD*" may continue into a longer word.
 */
export function phraseSource(phrase: Phrase): string {
  if (phrase instanceof RegExp) return `(?:${phrase.source})`;
  let text = phrase;
  const anchored = text.startsWith('^');
  if (anchored) text = text.slice(1);
  const open = text.endsWith('*');
  if (open) text = text.slice(0, -1);
  const body = [...text].map((ch) => FORMS[ch] ?? escapeRegExp(ch)).join('');
  const start = anchored ? `^[^${LETTER}0-9]{0,3}` : `(?<![${LETTER}])`;
  return `${start}${body}${open ? '' : `(?![${LETTER}])`}`;
}

function compile(phrases: readonly Phrase[], flags = ''): RegExp {
  // A pattern that matches nothing when no pack has a phrase for the label.
  if (phrases.length === 0) return new RegExp('(?!)', flags);
  return new RegExp(phrases.map(phraseSource).join('|'), flags);
}

function union(packs: readonly LocalePack[], label: keyof LocaleLabels): Phrase[] {
  return packs.flatMap((pack) => pack.labels[label]);
}

function labelPattern(label: keyof LocaleLabels, flags = ''): RegExp {
  return compile(union(LOCALES, label), flags);
}

/** The grand total, stated strongly: preferred over a plain TOTAL. */
export const STRONG_TOTAL = labelPattern('strongTotal');
/** A plain total label. */
export const TOTAL = labelPattern('total');
/** Rows that say TOTAL but are not the amount paid. */
export const NOT_TOTAL = labelPattern('notTotal');
export const SUBTOTAL = labelPattern('subtotal');
/** Tax amounts. Registration numbers and notes that mention the tax are excluded by NOT_TAX. */
export const TAX = labelPattern('tax');
export const NOT_TAX = labelPattern('notTax');
export const TIP = labelPattern('tip');
export const DISCOUNT = labelPattern('discount');
export const ROUNDING = labelPattern('rounding');
export const CASH_TENDERED = labelPattern('cash');
export const NOT_CASH = labelPattern('notCash');
export const CHANGE = labelPattern('change');
export const NOT_CHANGE = /EXCHANGE|INTERCAMBIO/;
export const CARD = labelPattern('card');
export const MOBILE = labelPattern('mobile');
export const VOUCHER = labelPattern('voucher');
export const DATE_LABEL = labelPattern('dateLabel');
export const NOT_TRANSACTION_DATE = labelPattern('notTransactionDate');
export const DEPOSIT = labelPattern('deposit');
export const REFUND = labelPattern('refund');
export const NET = labelPattern('net');
/** Street words and postcodes of the packs' countries (merchant.ts: where the address starts). */
export const STREET = labelPattern('street');
export const POSTCODE = labelPattern('postcode');
/** Headings that open the tax summary table at the foot: its "TOTAL" is not the bill. */
export const SUMMARY_HEADING = labelPattern('summaryHeading');
/** Column headings of the items table (global: count the distinct headings of a row). */
export const ITEM_HEADER = labelPattern('itemHeader', 'g');
const SUMMARY_COLUMN = labelPattern('summaryColumn', 'g');

/** Distinct VAT-table column headings in a row ("MWST NETTO BRUTTO", "TAUX HT TVA TTC"). */
export function summaryColumns(upper: string): number {
  return new Set(upper.match(SUMMARY_COLUMN)?.map((m) => m.replace(/[^A-Z%]/g, ''))).size;
}

/** A row that opens the tax summary: a heading of its own, or two VAT-table column headings. */
export function isSummaryHeading(upper: string): boolean {
  return SUMMARY_HEADING.test(upper) || summaryColumns(upper) >= 2;
}

/** A name without its accents: `AOÛT` → `AOUT`, `MÄRZ` → `MARZ`. */
const withoutAccents = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '');

/**
 * Month names of every pack, upper case, to their number; each also without its accents, as tills without them
 * print it and the OCR often reads it (`Le 14 aout 2020`). Packs agree where they share a name.
 */
export const MONTHS: Readonly<Record<string, number>> = Object.assign(
  {},
  ...LOCALES.flatMap((pack) => [
    Object.fromEntries(Object.entries(pack.months).map(([name, month]) => [withoutAccents(name), month])),
    pack.months,
  ]),
);

/** The ISO 4217 codes of every pack's countries, as a whole token (`EUR`, `CHF`, `MYR`). */
export const CURRENCY_CODE = new RegExp(
  `^(?:${[...new Set(LOCALES.flatMap((pack) => pack.countries.map((c) => c.currency)))].join('|')})$`,
);

/** Compiled language markers per pack: how many distinct markers of each language a text shows. */
const MARKERS = LOCALES.map((pack) => ({
  pack,
  markers: pack.markers.map((marker) => new RegExp(phraseSource(marker))),
}));

export function markerCounts(upper: string): Map<LocalePack, number> {
  const counts = new Map<LocalePack, number>();
  for (const { pack, markers } of MARKERS) {
    const hits = markers.filter((marker) => marker.test(upper)).length;
    if (hits > 0) counts.set(pack, hits);
  }
  return counts;
}
