/**
 * Currency and locale. The ISO 4217 code comes from what the receipt writes (codes, RM, €, £...) and, for a
 * bare "$" (used in the US, Colombia, Mexico and on some Malaysian tills), from locale hints: GST + SDN BHD
 * means Malaysia, IVA + NIT means Colombia, a state code + ZIP means the US. The locale then decides the date
 * order (month first only in the US) and whether amounts are written without decimals (Colombian pesos).
 */
import type { DateOrder } from './dates.js';
import { markerCounts } from './labels.js';
import type { Row } from './layout.js';
import { type CountryHint, LOCALES, type LocalePack, packForModel } from './locales/index.js';

export interface Locale {
  readonly currency?: string;
  readonly currencyConfidence: number;
  /** The text the currency was read from, and the row it is on (none when only inferred). */
  readonly currencyText: string;
  readonly currencyRow?: Row;
  readonly dateOrder: DateOrder;
  /** True when the date order follows from the receipt (currency, country hints, language) rather than a default. */
  readonly dateOrderKnown: boolean;
  /** Amounts are whole numbers (20.600 = twenty thousand six hundred pesos). */
  readonly wholeAmounts: boolean;
  /** The receipt's language when its words show one other than English. */
  readonly language?: string;
}

/** Every country the packs know, with its hints and currency. */
const COUNTRIES: readonly CountryHint[] = LOCALES.flatMap((pack) => pack.countries);
const WHOLE_CURRENCIES = new Set(['COP', 'CLP', 'JPY', 'KRW', 'PYG', 'VND', 'IDR', 'HUF']);
/** Countries that write amounts with a bare "$". */
const DOLLAR_COUNTRIES = new Set(['US', 'CO', 'MX', 'MY', 'SG']);
const EURO_LANGUAGES = new Set(['de', 'fr', 'it', 'pt', 'nl']);
/** The languages of the countries that pay in pounds sterling (a pound sign elsewhere is a misread euro sign). */
const POUND_LANGUAGES = new Set(['en', 'ms']);

/** Dollar amounts on this many rows outweigh another currency's mark seen on one row only. */
const LONE_MARK_DOLLAR_ROWS = 3;

/** Explicit currency marks, strongest first. The bare "$" is handled apart. */
const EXPLICIT: { re: RegExp; code: string }[] = [
  // "RM" after an Italian postcode and city is Rome's province ("00184 Roma (RM)", "00153 ROMA RM"), not ringgit.
  {
    re: /\b(MYR|RM)\s?-?\d|\bMYR\b|(?<!\d{5}\s[A-ZÀ-Ü' ]{2,30}\(?)\bRM\b|\d\s?RM\b/,
    code: 'MYR',
  },
  { re: /\bCOP\b|\bCOL\$/, code: 'COP' },
  { re: /\bUSD\b|\bUS\$/, code: 'USD' },
  {
    re: /\bEURO?\b|€\s?-?\d+[.,]\d{2}\b|\b\d+[.,]\d{2}\s?€|\(€\)|^\s*€\s*$|\b(SUMME|TOTAL|TOTALE|TOTAAL)\s*€/,
    code: 'EUR',
  },
  // Swiss tills also write francs as "Fr. 24.25" / "SFr.24.25" (the dot read as a colon at times: "Fr: 15.53"),
  // or after the amount ("Gesamtbetrag 2612.50 Fr.").
  { re: /\bCHF\b|\bSFR\b|\bS?FR[.:]\s?\d+[.,]\d{2}\b|\d[.,]\d{2}\s?S?FR\b/, code: 'CHF' },
  { re: /\bBRL\b|\bR\$/, code: 'BRL' },
  { re: /\bGBP\b|£\s?\d+[.,]\d{2}\b/, code: 'GBP' },
  { re: /\bSGD\b|\bS\$/, code: 'SGD' },
  { re: /\bMXN\b/, code: 'MXN' },
  { re: /\bCAD\b|\bC\$/, code: 'CAD' },
  { re: /\bAUD\b|\bA\$/, code: 'AUD' },
  { re: /\bPEN\b|\bS\/\s?\d/, code: 'PEN' },
  { re: /\bCLP\b/, code: 'CLP' },
  { re: /\bIDR\b|\bRP\.?\s?\d/, code: 'IDR' },
];

function countryScores(all: string): Map<CountryHint, number> {
  const scores = new Map<CountryHint, number>();
  for (const country of COUNTRIES) {
    const score = country.hints.filter((h) => h.test(all)).length;
    if (score > 0) scores.set(country, score);
  }
  return scores;
}

function bestCountry(scores: Map<CountryHint, number>): { country: CountryHint; score: number } | undefined {
  let best: { country: CountryHint; score: number } | undefined;
  for (const [country, score] of scores) if (!best || score > best.score) best = { country, score };
  return best;
}

/** Languages a country's receipts are written in besides those of the packs that list it. */
const ALSO_WRITTEN: Readonly<Record<string, readonly string[]>> = {
  CH: ['fr', 'it'],
  LU: ['de'],
  US: ['es'],
};

function writes(country: CountryHint, language: string): boolean {
  const listed = LOCALES.some(
    (pack) => pack.language === language && pack.countries.some((c) => c.country === country.country),
  );
  return listed || (ALSO_WRITTEN[country.country]?.includes(language) ?? false);
}

/**
 * One hint of a country whose receipts are not written in the receipt's language says little about where it
 * is from: "SAS" names a French company as often as a Colombian S.A.S., and made a French receipt's amounts
 * Colombian pesos.
 */
function homeCountry(
  best: { country: CountryHint; score: number } | undefined,
  language: LocalePack | undefined,
): { country: CountryHint; score: number } | undefined {
  if (!best || !language || best.score >= 2 || writes(best.country, language.language)) return best;
  return undefined;
}

/**
 * The receipt's language: the pack whose markers the text shows most (two distinct at least, so one stray word
 * does not decide), else the language of the model that read it.
 */
export function detectLanguage(all: string, models: readonly string[] = []): LocalePack | undefined {
  let best: { pack: LocalePack; hits: number } | undefined;
  for (const [pack, hits] of markerCounts(all)) {
    if (pack.language === 'en') continue;
    if (hits >= 2 && (!best || hits > best.hits)) best = { pack, hits };
  }
  if (best) return best.pack;
  const model = models[0] ? packForModel(models[0]) : undefined;
  return model?.language === 'en' ? undefined : model;
}

/**
 * Whole amounts: thousands-grouped numbers ("20.600", "1,250") and no number written with two decimals, marked
 * or not ("£0.62"). A weight ("0.431 kg") is no thousands group: none starts with a 0.
 */
function looksWhole(rows: readonly Row[]): boolean {
  let grouped = 0;
  let decimals = 0;
  for (const row of rows) {
    for (const token of row.tokens) {
      const t = token.text.replace(/^[$£€]|[$£€]$/g, '');
      if (/^[1-9]\d{0,2}([.,]\d{3})+$/.test(t)) grouped += 1;
      else if (/^\d+[.,]\d{2}$/.test(t)) decimals += 1;
    }
  }
  return grouped >= 2 && decimals === 0;
}

export function detectLocale(rows: readonly Row[], languages: readonly string[] = []): Locale {
  const all = rows.map((r) => r.upper).join('\n');
  const language = detectLanguage(all, languages);
  const country = homeCountry(bestCountry(countryScores(all)), language);
  let currency: string | undefined;
  let currencyConfidence = 0;
  let currencyText = '';
  let currencyRow: Row | undefined;

  // Written currencies, weighed by how many rows show them and by the country hints: a lone "£" misread from
  // a smudge on a Malaysian receipt must not beat GST, SDN BHD and JALAN.
  let bestScore = 0;
  for (const { re, code } of EXPLICIT) {
    const matching = rows.filter((r) => re.test(r.upper));
    const first = matching[0];
    if (!first) continue;
    const hinted = country && country.country.currency === code ? country.score : 0;
    const score = Math.min(3, matching.length) + hinted;
    if (score > bestScore) {
      bestScore = score;
      currency = code;
      currencyRow = first;
      currencyText = re.exec(first.upper)?.[0].trim() ?? '';
      currencyConfidence = matching.length >= 2 || hinted > 0 ? 0.9 : 0.7;
    }
  }
  if (currency && country && country.country.currency !== currency && country.score >= 3 && bestScore < 2) {
    currency = undefined; // one stray symbol against a receipt that says where it is from
    currencyRow = undefined;
    currencyText = '';
  }
  if (
    currency === 'GBP' &&
    !/GBP/.test(currencyText) &&
    ((language && !POUND_LANGUAGES.has(language.language)) || country?.country.currency === 'EUR')
  ) {
    // "Zu zahlen £53,20": no country of this receipt's language pays in pounds; "AMOUNT DUE £254.19" under an
    // Irish VAT number and town: Ireland pays in euros. The OCR read a euro sign.
    currency = 'EUR';
    currencyConfidence = 0.7;
  }
  const dollarRows = rows.filter((r) => /\$\s?\d/.test(r.text));
  // One row's mark against dollars written on many ("Ground Coffee £3.55" among fourteen "$" amounts): the one
  // row is the misread, unless the receipt's country pays in that currency.
  if (currency && bestScore === 1 && dollarRows.length >= LONE_MARK_DOLLAR_ROWS) {
    currency = undefined;
    currencyRow = undefined;
    currencyText = '';
  }
  if (!currency) {
    const dollarRow = dollarRows[0];
    if (dollarRow) {
      const byCountry =
        country && DOLLAR_COUNTRIES.has(country.country.country) ? country.country : undefined;
      currency = byCountry ? byCountry.currency : 'USD';
      currencyConfidence = byCountry ? 0.8 : 0.55;
      currencyRow = dollarRow;
      currencyText = '$';
    } else if (country) {
      currency = country.country.currency;
      currencyConfidence = country.score >= 2 ? 0.6 : 0.4;
    } else if (language && EURO_LANGUAGES.has(language.language)) {
      // French, Italian, Portuguese, Dutch and German receipts without a mark are euro receipts far more often
      // than not (Switzerland and Brazil print their marks).
      currency = 'EUR';
      currencyConfidence = 0.5;
    }
  }

  // Month first only on strong evidence of the US: its hints, or dollars written on several rows (not one "$"
  // misread from a smudge), and no other language on the receipt.
  const monthFirstCountry = country?.country.monthFirst === true;
  const strongDollar = currency === 'USD' && (currencyConfidence >= 0.9 || dollarRows.length >= 2);
  const dateOrder: DateOrder = (monthFirstCountry || strongDollar) && !language ? 'mdy' : 'dmy';
  // Dollars on one row only (a `$` a smudge could make) leave the order unknown: the default day first is a guess.
  const weakDollar = currency === 'USD' && !strongDollar && !country;
  const dateOrderKnown =
    (currency !== undefined && !weakDollar) || country !== undefined || language !== undefined;
  const wholeAmounts = (currency !== undefined && WHOLE_CURRENCIES.has(currency)) || looksWhole(rows);
  if (!currency && wholeAmounts && language?.language === 'es') {
    currency = 'COP';
    currencyConfidence = 0.4;
  }
  return {
    ...(currency ? { currency } : {}),
    currencyConfidence,
    currencyText,
    ...(currencyRow ? { currencyRow } : {}),
    dateOrder,
    dateOrderKnown,
    wholeAmounts,
    ...(language ? { language: language.language } : {}),
  };
}
