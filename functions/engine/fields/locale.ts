/**
 * Currency and locale. The ISO 4217 code comes from what the receipt writes (codes, RM, €, £...) and, for a
 * bare "$" (used in the US, Colombia, Mexico and on some Malaysian tills), from locale hints: GST + SDN BHD
 * means Malaysia, IVA + NIT means Colombia, a state code + ZIP means the US. The locale then decides the date
 * order (month first only in the US) and whether amounts are written without decimals (Colombian pesos).
 */
import type { DateOrder } from './dates.js';
import type { Row } from './layout.js';

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
}

type Country = 'MY' | 'CO' | 'US' | 'MX' | 'ES' | 'GB' | 'SG';

const COUNTRY_HINTS: Record<Country, RegExp[]> = {
  MY: [
    /\bSDN\.?\s*BHD\b/,
    /\bS\/B\b/,
    /\bBHD\b/,
    /\bGST\b/,
    /\bSST\b/,
    /\bMALAYSIA\b/,
    /\bJA?LA?N\b/,
    /\bTAMAN\b/,
    /\b(SELANGOR|KUALA LUMPUR|JOHOR|PENANG|SABAH|SARAWAK|PERAK|KEDAH|MELAKA|PAHANG|PETALING|KLANG)\b/,
  ],
  CO: [
    /\bNIT\b/,
    /\bCOLOMBIA\b/,
    /\bS\.?\s?A\.?\s?S\b/,
    /\bDIAN\b/,
    /\bR[EÉ]GIMEN\b/,
    /\b(BOGOT[AÁ]|MEDELL[IÍ]N|CALI|BARRANQUILLA|CARTAGENA|BUCARAMANGA|PEREIRA)\b/,
    /\bIMPOCONSUMO\b/,
    /\bRESOLUCI[OÓ]N\b/,
  ],
  US: [
    /\b(AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\s+\d{5}(-\d{4})?\b/,
    /\bSALES\s*TAX\b/,
    /\bUSA\b/,
    /\bUNITED STATES\b/,
    /\(\d{3}\)\s*\d{3}-\d{4}/,
  ],
  MX: [/\bRFC\b/, /\bM[EÉ]XICO\b/, /\bCFDI\b/],
  ES: [/\bESPA[NÑ]A\b/, /\bCIF\b/, /\bNIF\b/, /\bMADRID\b/, /\bBARCELONA\b/],
  GB: [/\bVAT\s*(REG|NO)/, /\bUNITED KINGDOM\b/, /\bUK\b/, /\b[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\b/],
  SG: [/\bSINGAPORE\b/, /\bPTE\.?\s*LTD\b/, /\bUEN\b/],
};
const COUNTRY_CURRENCY: Record<Country, string> = {
  MY: 'MYR',
  CO: 'COP',
  US: 'USD',
  MX: 'MXN',
  ES: 'EUR',
  GB: 'GBP',
  SG: 'SGD',
};
const MONTH_FIRST = new Set(['USD']);
const WHOLE_CURRENCIES = new Set(['COP', 'CLP', 'JPY', 'KRW', 'PYG', 'VND', 'IDR', 'HUF']);

/** Explicit currency marks, strongest first. The bare "$" is handled apart. */
const EXPLICIT: { re: RegExp; code: string }[] = [
  { re: /\b(MYR|RM)\s?-?\d|\bMYR\b|\bRM\b|\(RM\)|\d\s?RM\b/, code: 'MYR' },
  { re: /\bCOP\b|\bCOL\$/, code: 'COP' },
  { re: /\bUSD\b|\bUS\$/, code: 'USD' },
  { re: /\bEUR\b|€\s?\d+[.,]\d{2}\b|\b\d+[.,]\d{2}\s?€|\(€\)/, code: 'EUR' },
  { re: /\bGBP\b|£\s?\d+[.,]\d{2}\b/, code: 'GBP' },
  { re: /\bSGD\b|\bS\$/, code: 'SGD' },
  { re: /\bMXN\b/, code: 'MXN' },
  { re: /\bCAD\b|\bC\$/, code: 'CAD' },
  { re: /\bAUD\b|\bA\$/, code: 'AUD' },
  { re: /\bPEN\b|\bS\/\s?\d/, code: 'PEN' },
  { re: /\bCLP\b/, code: 'CLP' },
  { re: /\bIDR\b|\bRP\.?\s?\d/, code: 'IDR' },
];

const SPANISH =
  /\b(TOTAL A PAGAR|EFECTIVO|CAMBIO|FECHA|CANT|CANTIDAD|PRECIO|GRACIAS|FACTURA|IVA|PROPINA|VALOR|DESCRIPCI[OÓ]N)\b/;

function countryScores(all: string): Map<Country, number> {
  const scores = new Map<Country, number>();
  for (const [country, hints] of Object.entries(COUNTRY_HINTS) as [Country, RegExp[]][]) {
    const score = hints.filter((h) => h.test(all)).length;
    if (score > 0) scores.set(country, score);
  }
  return scores;
}

function bestCountry(scores: Map<Country, number>): { country: Country; score: number } | undefined {
  let best: { country: Country; score: number } | undefined;
  for (const [country, score] of scores) if (!best || score > best.score) best = { country, score };
  return best;
}

/** Whole amounts: thousands-grouped numbers ("20.600", "1,250") and no number written with two decimals. */
function looksWhole(rows: readonly Row[]): boolean {
  let grouped = 0;
  let decimals = 0;
  for (const row of rows) {
    for (const token of row.tokens) {
      const t = token.text.replace(/^\$/, '');
      if (/^\d{1,3}([.,]\d{3})+$/.test(t)) grouped += 1;
      else if (/^\d+[.,]\d{2}$/.test(t)) decimals += 1;
    }
  }
  return grouped >= 2 && decimals === 0;
}

export function detectLocale(rows: readonly Row[], languages: readonly string[] = []): Locale {
  const all = rows.map((r) => r.upper).join('\n');
  const country = bestCountry(countryScores(all));
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
    const hinted = country && COUNTRY_CURRENCY[country.country] === code ? country.score : 0;
    const score = Math.min(3, matching.length) + hinted;
    if (score > bestScore) {
      bestScore = score;
      currency = code;
      currencyRow = first;
      currencyText = re.exec(first.upper)?.[0].trim() ?? '';
      currencyConfidence = matching.length >= 2 || hinted > 0 ? 0.9 : 0.7;
    }
  }
  if (
    currency &&
    country &&
    COUNTRY_CURRENCY[country.country] !== currency &&
    country.score >= 3 &&
    bestScore < 2
  ) {
    currency = undefined; // one stray symbol against a receipt that says where it is from
    currencyRow = undefined;
    currencyText = '';
  }
  if (!currency) {
    const dollarRow = rows.find((r) => /\$\s?\d/.test(r.text));
    if (dollarRow) {
      const byCountry =
        country && ['US', 'CO', 'MX', 'MY', 'SG'].includes(country.country) ? country.country : undefined;
      currency = byCountry ? COUNTRY_CURRENCY[byCountry] : 'USD';
      currencyConfidence = byCountry ? 0.8 : 0.55;
      currencyRow = dollarRow;
      currencyText = '$';
    } else if (country) {
      currency = COUNTRY_CURRENCY[country.country];
      currencyConfidence = country.score >= 2 ? 0.6 : 0.4;
    }
  }

  const spanish = SPANISH.test(all) || languages[0] === 'spa';
  const dateOrderKnown = currency !== undefined || country !== undefined || spanish;
  const dateOrder: DateOrder = currency && MONTH_FIRST.has(currency) && !spanish ? 'mdy' : 'dmy';
  const wholeAmounts = (currency !== undefined && WHOLE_CURRENCIES.has(currency)) || looksWhole(rows);
  if (!currency && wholeAmounts && spanish) {
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
  };
}
