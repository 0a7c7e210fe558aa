/**
 * Dates and times. Dates come as 05/03/2018, 05-03-18, 05.03.2018, 05 MAR 2018, 5-Mar-18, 2018-03-05,
 * MAR 5 2018, March 5, 2018, 5 de marzo de 2018... Whether 05/03 is 5 March or May 3 depends on the
 * receipt's locale: the caller says which order to expect, and a date that could be read both ways gets a
 * lower confidence instead of a silent guess. Times are HH:MM(:SS), with AM/PM converted to 24 h.
 */
import type { BBox } from '../schema.js';
import { DATE_LABEL, MONTHS, NOT_TRANSACTION_DATE } from './labels.js';
import { type Row, type Token, unionBox } from './layout.js';
import { namesStreet } from './merchant-words.js';

export type DateOrder = 'dmy' | 'mdy';

export interface FoundDate {
  readonly value: string;
  readonly confidence: number;
  readonly text: string;
  readonly bbox: BBox;
  readonly ambiguous: boolean;
}

export interface FoundTime {
  readonly value: string;
  readonly confidence: number;
  readonly text: string;
  readonly bbox: BBox;
}

const MONTH_NAME = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;

/** Letters the OCR reads in place of digits in a date ("D2/02/17", "O5/O3/2018"). */
function repairDateDigits(text: string): string {
  const toDigits = (m: string) =>
    m
      .replace(/[ODQo@¢©€]/g, '0')
      .replace(/S/g, '5')
      .replace(/[lIL|]/g, '1')
      .replace(/B/g, '8');
  return (
    text
      .replace(/(?<=\d)[~_](?=\d)/g, '-') // a dash read as a tilde: "05~05-17"
      // one dot of a dotted date read as a comma ("25.10,2023"): no amount has this form with a year's digits
      .replace(/\b(\d{1,2})[.,](\d{1,2})[.,]((?:19|20)\d{2})\b/g, '$1.$2.$3')
      // a noise mark after an ISO date's whole month ("2022-06€-27"): no digit of it is missing
      .replace(/\b((?:19|20)\d{2}-\d{2})[€¢©@](?=-\d{2}(?!\d))/g, '$1')
      // a digit of an ISO date's month read twice ("2025-009-22"), or its zero read as a zero and a look-alike
      // ("2020-083-16T14:25"): no other number has this form
      .replace(/\b((?:19|20)\d{2}-)(?:(\d)\2|(0)[689])(\d-\d{2})(?!\d)/g, '$1$2$3$4')
      // a dotted date's dots read as colons before the time ("11:11:20 14:02:01"): two times in a row are not
      .replace(/(?<![\d:])(\d{1,2}):(\d{1,2}):(\d{2}|\d{4})(?=\s+\d{1,2}:\d{2})/g, '$1.$2.$3')
      // the T between an ISO date and its time read as a 7 ("TSE-Start: 2024-07-20721:07:10.000")
      .replace(/(\b(?:19|20)\d{2}-\d{2}-\d{2})7(?=\d{2}:\d{2})/g, '$1 ')
      // the space between a four-digit year and the time read as a digit or lost ("05/11/2022612:78 PM")
      .replace(/(\b\d{1,2}\s?([/.-])\s?\d{1,2}\s?\2\s?(?:19|20)\d{2})(?=\d{1,3}[:.]\d{2}\b)/g, '$1 ')
      .replace(
        // not the first letters of a word: the month of "25. SEPTEMBER 2023" or "05.OKT.2018"
        /[0-9ODQoSlIL|B@¢©€]{1,4}(?=[/.-]\s?[0-9ODQoSlIL|B@¢©€])|(?<=[/.-]\s?)[0-9ODQoSlIL|B@¢©€]{1,4}(?![A-Za-z])/g,
        toDigits,
      )
      .replace(/\b(?=[0-9ODQSLIB]*\d[0-9ODQSLIB]*\b)[0-9ODQSLIB]{2,4}\b/g, (m) =>
        (m.match(/\d/g)?.length ?? 0) * 2 >= m.length ? toDigits(m) : m,
      )
  );
}

/** Zero look-alikes: a slashed or dotted zero, as many till fonts print it, is read 6, 8 or 9. */
const ZERO_LOOKALIKE = /[689]/;

/**
 * A year after a month name or a day and month with one digit read twice ("25. September 20023"), or with a
 * barred zero read as two glyphs, itself and a 6, 8 or 9 beside it ("27 Apr 28023"): a doubled glyph is how
 * Tesseract adds a digit. The year is put back when dropping one such digit gives one year.
 */
const DOUBLED_YEAR = new RegExp(
  `(${MONTH_NAME}[\\s.,/-]*|(?<!\\d)\\d{1,2}[/.-]\\d{1,2}[/.-])([12]\\d{4})(?![\\d.,])`,
  'g',
);
/** Whether the digit at `i` of `year` is one glyph read twice: the same digit beside it, or a zero's look-alike. */
function readTwice(year: string, i: number): boolean {
  const [ch, next, previous] = [year[i] ?? '', year[i + 1], year[i - 1]];
  return ch === next || (ZERO_LOOKALIKE.test(ch) && (next === '0' || previous === '0'));
}
function repairDoubledYear(text: string): string {
  return text.replace(DOUBLED_YEAR, (all, before: string, _month: string, year: string) => {
    const years = new Set(
      [...year]
        .flatMap((_, i) => (readTwice(year, i) ? [year.slice(0, i) + year.slice(i + 1)] : []))
        .filter((candidate) => /^(?:19|20)\d{2}$/.test(candidate)),
    );
    const [only] = years;
    return years.size === 1 && only !== undefined ? `${before}${only}` : all;
  });
}

const ABBREVIATIONS = Object.keys(MONTHS).filter((k) => k.length === 3);

/** A month abbreviation with one misread letter between a day and a year: "05 MAB 2018" -> "05 MAR 2018". */
function repairMonthNames(text: string): string {
  return text.replace(/(\d{1,2}\s?)([A-Z]{3})(?=\s?\d{2,4}\b)/g, (all, day: string, word: string) => {
    if (MONTHS[word] !== undefined) return all;
    const near = ABBREVIATIONS.filter((a) => [...a].filter((ch, i) => ch !== word[i]).length === 1);
    const months = new Set(near.map((a) => MONTHS[a]));
    return months.size === 1 && near[0] ? `${day}${near[0]}` : all;
  });
}

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

/**
 * A receipt is not dated in the future: a date after `latest` (a time in ms: today and a day of clock and time
 * zone slack) is a misread digit (2047 for 2017, `29/01/2027` for 2022 read in December 2026), not a date to
 * report.
 */
function valid(y: number, m: number, d: number, latest: number): boolean {
  if (y < 1990 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days && Date.UTC(y, m - 1, d) <= latest;
}

/** A receipt may be read a day before the date it prints where the till's clock or time zone runs ahead. */
const CLOCK_SLACK_MS = 2 * 86_400_000;

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

interface Match {
  readonly value: string;
  readonly ambiguous: boolean;
  /** 1 for written-out months and ISO order, lower for numeric forms that could be other numbers. */
  readonly certainty: number;
  /** Read only through repairs (slipped zeros put back, a month name guessed). */
  readonly repaired?: boolean;
  /** A date only in the order the receipt does not write ("05/16/2019" on a day-first receipt). */
  readonly againstOrder?: boolean;
  readonly index: number;
  readonly length: number;
}

const NUMERIC = /(?<![\d/.-])(\d{1,4})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{2,4})(?![\d/.]|-\d|\s?%)/g;
/** A two-digit year is no house number: "RUA 25 DE ABRIL, 26C" is no date of 2026. */
const NAMED_DMY = new RegExp(
  `(?<!\\d)(\\d{1,2})(?:ST|ND|RD|TH)?[\\s./-]*(?:DE\\s+)?${MONTH_NAME}[\\s.,/-]*(?:DE(?:L)?\\s+)?(\\d{4}|\\d{2}(?![A-Z]))(?!\\d|[.,]\\d)`,
  'g',
);
/** A two-digit year only after a space or a dash: "MAYO 4,00" is an article's price, not May 4, 2000. */
const NAMED_MDY = new RegExp(
  `\\b${MONTH_NAME}[\\s.-]*(\\d{1,2})(?:ST|ND|RD|TH)?[,\\s.-]+(\\d{4}|(?<=[\\s-])\\d{2})(?!\\d|[.,]\\d)`,
  'g',
);

/** Digits the OCR reads for a 0 or a 1 on receipts: 6/8/9 for 0, 7/4 for 1. */
const DIGIT_SLIPS: Record<string, string> = { '6': '0', '8': '0', '9': '0', '7': '1', '4': '1' };

/**
 * An impossible day or month ("17/61/2018") with one slipped digit put back, when exactly one repair makes a
 * date in the receipt's order. A low-certainty reading: the extractor says so through the confidence.
 */
function repairedDate(
  a: string,
  b: string,
  year: number,
  order: DateOrder,
  latest: number,
): string | undefined {
  const values = new Set<string>();
  const variants = (part: string) =>
    [...part].flatMap((ch, i) => {
      const slip = DIGIT_SLIPS[ch];
      return slip ? [part.slice(0, i) + slip + part.slice(i + 1)] : [];
    });
  const [day, month] = order === 'dmy' ? [a, b] : [b, a];
  for (const d of [day, ...variants(day)]) {
    for (const mo of [month, ...variants(month)]) {
      if (
        (d !== day || mo !== month) &&
        !(d !== day && mo !== month) &&
        valid(year, Number(mo), Number(d), latest)
      ) {
        values.add(iso(year, Number(mo), Number(d)));
      }
    }
  }
  return values.size === 1 ? [...values][0] : undefined;
}

/**
 * A part with some of its zero look-alikes put back to 0, the fewest changes first: "2619" gives 2019 and
 * 2610 before 2010.
 */
function zeroVariants(part: string, keep: (variant: string) => boolean): string[] {
  const positions = [...part].flatMap((ch, i) => (ZERO_LOOKALIKE.test(ch) ? [i] : []));
  const bySize = new Map<number, string[]>();
  for (let mask = 1; mask < 1 << positions.length; mask += 1) {
    const chars = [...part];
    let changed = 0;
    positions.forEach((position, bit) => {
      if (mask & (1 << bit)) {
        chars[position] = '0';
        changed += 1;
      }
    });
    const variant = chars.join('');
    if (keep(variant)) bySize.set(changed, [...(bySize.get(changed) ?? []), variant]);
  }
  const fewest = Math.min(...bySize.keys());
  return bySize.get(fewest) ?? [];
}

/** Every look-alike put back in every part, one look-alike digit at a time, then two: a whole date slipped. */
function uniformZeroSlip(
  parts: readonly string[],
  accept: (fixed: string[]) => string | undefined,
): string | undefined {
  const lookalikes = ['6', '8', '9'];
  const sets = [
    ...lookalikes.map((x) => [x]),
    ...lookalikes.flatMap((x, i) => lookalikes.slice(i + 1).map((y) => [x, y])),
  ];
  for (const size of [1, 2]) {
    const values = new Set<string>();
    for (const set of sets.filter((candidate) => candidate.length === size)) {
      const fixed = parts.map((part) => [...part].map((ch) => (set.includes(ch) ? '0' : ch)).join(''));
      const value = accept(fixed);
      if (value !== undefined) values.add(value);
    }
    if (values.size === 1) return [...values][0];
    if (values.size > 1) return undefined;
  }
  return undefined;
}

/**
 * A date the OCR read with a till's slashed zeros as 6, 8 or 9. When two parts are impossible ("28/83/2624":
 * month and year), the font slipped throughout and every look-alike of the date is put back (20/03/2024).
 * When one part is (a year after next year, a month above 12, a day past the month's end: "28/09/2817"), only
 * that part is repaired, with the fewest changes: a possible part's 8 may be a real 8. Used only when exactly
 * one date results.
 */
function zeroSlipDate(a: string, b: string, c: string, order: DateOrder, latest: number): string | undefined {
  const date = (day: string, month: string, year: string) => {
    const y = fullYear(Number(year));
    return valid(y, Number(month), Number(day), latest) ? iso(y, Number(month), Number(day)) : undefined;
  };
  const [dayText, monthText] = order === 'dmy' ? [a, b] : [b, a];
  const yearOk = (y: string) => valid(fullYear(Number(y)), 1, 1, latest);
  const monthOk = (m: string) => Number(m) >= 1 && Number(m) <= 12;
  const dayOk = (d: string) => Number(d) >= 1 && Number(d) <= 31;
  const impossible = [!yearOk(c), !monthOk(monthText), !dayOk(dayText)].filter(Boolean).length;
  const uniform =
    impossible >= 2
      ? uniformZeroSlip([dayText, monthText, c], ([d = '', m = '', y = '']) => date(d, m, y))
      : undefined;
  if (uniform !== undefined) return uniform;
  // No one look-alike put back everywhere makes a date ("66.67.2822": the day's second 6 is a real 6): each
  // impossible part is repaired on its own, with the fewest changes.
  const values = new Set<string>();
  for (const y of yearOk(c) ? [c] : zeroVariants(c, yearOk)) {
    for (const m of monthOk(monthText) ? [monthText] : zeroVariants(monthText, monthOk)) {
      const fits = date(dayText, m, y) !== undefined;
      for (const d of fits ? [dayText] : zeroVariants(dayText, (v) => date(v, m, y) !== undefined)) {
        const value = date(d, m, y);
        if (value !== undefined) values.add(value);
      }
    }
  }
  return values.size === 1 ? [...values][0] : undefined;
}

/** A numeric date read only by putting slipped digits back: a low-certainty reading. */
function repairedMatch(value: string, index: number, length: number): Match {
  return { value, ambiguous: false, certainty: 0.4, repaired: true, index, length };
}

function numericMatches(text: string, order: DateOrder, latest: number): Match[] {
  // A two-digit year leaves less to go by: its slipped zeros are put back only on a row labelled as a date or
  // holding a time ("18/84/22 21:49").
  const slipYearDigits = DATE_LABEL.test(text) || /\d{1,2}:\d{2}/.test(text) ? [2, 4] : [4];
  const out: Match[] = [];
  for (const m of text.matchAll(NUMERIC)) {
    const [all, a = '', , b = '', c = ''] = m;
    const first = Number(a);
    const second = Number(b);
    const third = Number(c);
    if (a.length === 4) {
      if (valid(first, second, third, latest))
        out.push({
          value: iso(first, second, third),
          ambiguous: false,
          certainty: 1,
          index: m.index,
          length: all.length,
        });
      else if (c.length === 2) {
        // Year first ("2024-16-14", a TSE line's "2022-87-66T15:46"): its slipped zeros are put back alike.
        const repaired = zeroSlipDate(c, b, a, 'dmy', latest);
        if (repaired) out.push(repairedMatch(repaired, m.index, all.length));
      }
      continue;
    }
    if (c.length === 3) continue;
    const year = fullYear(third);
    const dmy = valid(year, second, first, latest);
    const mdy = valid(year, first, second, latest);
    if (!dmy && !mdy) {
      const repaired =
        (c.length === 4 && valid(year, 1, 1, latest) ? repairedDate(a, b, year, order, latest) : undefined) ??
        (slipYearDigits.includes(c.length) ? zeroSlipDate(a, b, c, order, latest) : undefined);
      if (repaired) out.push(repairedMatch(repaired, m.index, all.length));
      continue;
    }
    // Dotted dates are day first wherever they are written (the US, the one month-first country, never dots).
    const dotted = m[2] === '.';
    const ambiguous = dmy && mdy && first !== second && !dotted;
    const useDmy = dmy && (!mdy || order === 'dmy' || dotted);
    const value = useDmy ? iso(year, second, first) : iso(year, first, second);
    const certainty = c.length === 4 ? 0.95 : 0.85;
    const againstOrder = !dotted && (order === 'dmy' ? !dmy : !mdy);
    out.push({ value, ambiguous, certainty, againstOrder, index: m.index, length: all.length });
  }
  return out;
}

/**
 * Dates whose separators the OCR lost, on rows that say they hold a date or a time: "03042025", "03.042025".
 * Four-digit years of this century, day first or in the receipt's order, and a lower certainty; a two-digit
 * year ("28.0225") only with the first separator kept, on a row with a date label or right before a time of day.
 */
const RUN_TOGETHER =
  /(?<![\d.,/-])(\d{2})[/.-]?(\d{2})(20\d{2})(?![\d.,])|(?<![\d.,/-])(\d{2})(\d{2})[/.-](20\d{2})(?![\d.,])/g;
const RUN_TOGETHER_SHORT_YEAR = /(?<![\d.,/-])(\d{2})[/.-](\d{2})(\d{2})(?![\d.,/-])/g;
/** The same form right before a time of day (`06/2220 10:17:29` for 06/22/20): the time says it is a date. */
const RUN_TOGETHER_SHORT_YEAR_TIMED = /(?<![\d.,/-])(\d{2})[/.-](\d{2})(\d{2})(?=\s+\d{1,2}:\d{2})/g;
/** The second separator read as a space before a four-digit year: "23-07 2023 18:50". */
const SPACED_YEAR = /(?<![\d.,/-])(\d{1,2})[/.-](\d{1,2})\s(20\d{2})(?![\d.,])/g;
/**
 * Both slashes read as the digit they look like, a 7 or a 1, right before a time of day (`13711725 08:43:13` for
 * 13/11/25): the same digit in both separators' places, and the time says it is a date.
 */
const SLASHES_AS_DIGITS = /(?<![\d.,/-])(\d{2})([17])(\d{2})\2(\d{2}|20\d{2})(?=\s+\d{1,2}:\d{2})/g;

function runTogetherMatches(text: string, order: DateOrder, latest: number): Match[] {
  const labelled = DATE_LABEL.test(text);
  if (!labelled && !/\d{1,2}:\d{2}/.test(text)) return [];
  const out: Match[] = [];
  const forms = labelled
    ? [RUN_TOGETHER, RUN_TOGETHER_SHORT_YEAR, SPACED_YEAR]
    : [RUN_TOGETHER, RUN_TOGETHER_SHORT_YEAR_TIMED, SPACED_YEAR];
  const parts = [
    ...forms
      .flatMap((form) => [...text.matchAll(form)])
      .map((m) => ({ m, a: m[1] ?? m[4], b: m[2] ?? m[5], y: m[3] ?? m[6] })),
    ...[...text.matchAll(SLASHES_AS_DIGITS)].map((m) => ({ m, a: m[1], b: m[3], y: m[4] })),
  ];
  for (const { m, ...part } of parts) {
    const a = Number(part.a);
    const b = Number(part.b);
    const year = fullYear(Number(part.y));
    const [day, month] = order === 'mdy' ? [b, a] : [a, b];
    if (!valid(year, month, day, latest)) continue;
    out.push({
      value: iso(year, month, day),
      ambiguous: false,
      certainty: 0.6,
      index: m.index,
      length: m[0].length,
    });
  }
  return out;
}

/** Dates with a written month, day first ("5 de marzo de 2018") or month first ("MAR 5 2018"). */
function namedMatches(text: string, latest: number): Match[] {
  const out: Match[] = [];
  const forms = [
    { re: NAMED_DMY, day: 1, month: 2 },
    { re: NAMED_MDY, day: 2, month: 1 },
  ];
  for (const form of forms) {
    for (const m of text.matchAll(form.re)) {
      const day = Number(m[form.day]);
      const month = MONTHS[(m[form.month] ?? '').replace('.', '')];
      if (!month || out.some((o) => Math.abs(o.index - m.index) < 4)) continue;
      if (namesStreet(text.slice(0, m.index))) continue;
      const fits = (y: string) => valid(fullYear(Number(y)), month, day, latest);
      // A four-digit year with a slipped zero ("27 juli 2625"): put back when one fewest-change repair makes it
      // possible. Two digits leave too little to go by ("SET 06,90" is no date of 2000).
      const written = m[3] ?? '';
      const years = fits(written) ? [written] : written.length === 4 ? zeroVariants(written, fits) : [];
      const [year] = years;
      if (years.length !== 1 || year === undefined) continue;
      const value = iso(fullYear(Number(year)), month, day);
      out.push(
        year === written
          ? { value, ambiguous: false, certainty: 1, index: m.index, length: m[0].length }
          : repairedMatch(value, m.index, m[0].length),
      );
    }
  }
  return out;
}

/** The tokens a character range of a row's text covers. */
function rangeTokens(row: Row, start: number, length: number): Token[] {
  let pos = 0;
  const covered: Token[] = [];
  for (const token of row.tokens) {
    const end = pos + token.text.length;
    if (end > start && pos < start + length) covered.push(token);
    pos = end + 1;
  }
  return covered;
}

/** The lowest confidence of the tokens a text range covers (the row's when it covers none). */
function rangeConfidence(row: Row, start: number, length: number): number {
  const covered = rangeTokens(row, start, length);
  return covered.length === 0 ? row.confidence : Math.min(...covered.map((token) => token.confidence));
}

/** Approximate box of a character range within a row, from its tokens. */
function rangeBox(row: Row, start: number, length: number): BBox {
  const boxes = rangeTokens(row, start, length).map((token) => token.bbox);
  return boxes.length === 0 ? row.bbox : unionBox(boxes);
}

type Found = FoundDate & {
  score: number;
  row: number;
  repaired: boolean;
  asRead: string | undefined;
  /** The lowest recognition confidence of the words the date was read from. */
  read: number;
};

/** What a date read from one of two guesses at a row gives up against a date read as printed. */
const GUESS_PENALTY = 0.3;
/**
 * An ISO month of three digits, a zero then a look-alike (`TSE-Start: 2026-086-04`): repairDateDigits takes it for
 * a zero read twice (06), but the look-alike may as well be the month's own digit with one added (08). That other
 * reading, when the row has one: each is a guess, and the receipt's other dates tell which.
 */
const ISO_MONTH_READ_TWICE = /\b((?:19|20)\d{2}-)0([689])\d(-\d{2})(?!\d)/g;

function otherIsoMonth(upper: string): string | undefined {
  const other = upper.replace(ISO_MONTH_READ_TWICE, '$10$2$3');
  return other === upper ? undefined : other;
}

/** The dates one reading of a row holds (`guessed`: the reading is one of two an ISO month allows). */
function rowDates(
  row: Row,
  upper: string,
  guessed: boolean,
  rowCount: number,
  order: DateOrder,
  orderKnown: boolean,
  latest: number,
): Found[] {
  const out: Found[] = [];
  const digitsRepaired = repairMonthNames(repairDateDigits(upper));
  const text = repairDoubledYear(digitsRepaired);
  // A written month found only once letters were read as digits or a month name was put back ("1L PET 06"
  // became 11 SET 06) rests on guesses: it is worth no more than a repaired numeric date.
  const asRead = new Set(namedMatches(upper, latest).map((m) => m.value));
  const named = namedMatches(text, latest).map((m) =>
    asRead.has(m.value) ? m : { ...m, certainty: REPAIRED_NAMED_CERTAINTY, repaired: true },
  );
  // A numeric date found only once a doubled year digit was dropped is a repaired reading too.
  const numericAsRead =
    text === digitsRepaired
      ? undefined
      : new Set(numericMatches(digitsRepaired, order, latest).map((m) => m.value));
  const numeric = numericMatches(text, order, latest).map((m) =>
    numericAsRead === undefined || numericAsRead.has(m.value)
      ? m
      : { ...m, certainty: Math.min(m.certainty, 0.4), repaired: true },
  );
  const matches = [...named, ...numeric];
  if (matches.length === 0) matches.push(...runTogetherMatches(text, order, latest));
  for (const m of matches) {
    // one of two guesses stands behind a date read as printed
    let score = m.certainty - (guessed ? GUESS_PENALTY : 0);
    if (DATE_LABEL.test(text)) score += 0.5;
    if (NOT_TRANSACTION_DATE.test(text)) score -= 0.8;
    score -= row.index / (rowCount * 10);
    let confidence = m.certainty * (0.75 + 0.25 * Math.min(1, row.confidence));
    if (m.ambiguous) confidence *= ambiguityFactor(orderKnown);
    // Valid only in the other order on a receipt whose order is known: as likely one slipped digit
    // ("05/16/2019" for 05/10/2019 on an Italian receipt) as a foreign date, so any date in the receipt's own
    // order wins, label or not.
    if (m.againstOrder && orderKnown) {
      confidence *= 0.5;
      score -= 1;
    }
    if (DATE_LABEL.test(text)) confidence = Math.min(1, confidence + 0.05);
    const matched = row.text.slice(m.index, m.index + m.length).trim();
    out.push({
      value: m.value,
      confidence,
      repaired: m.repaired === true || guessed,
      asRead: m.repaired === true || guessed ? isoAsRead(matched, order) : undefined,
      text: matched || row.text,
      bbox: rangeBox(row, m.index, m.length),
      read: rangeConfidence(row, m.index, m.length),
      ambiguous: m.ambiguous,
      score,
      row: row.index,
    });
  }
  return out;
}

/** The transaction date: a labelled date first, else the first date from the top; `today` bounds the year. */
export function findDate(
  rows: readonly Row[],
  order: DateOrder,
  orderKnown: boolean,
  today: Date,
): FoundDate | undefined {
  const latest = today.getTime() + CLOCK_SLACK_MS;
  const found: Found[] = [];
  for (const row of rows) {
    const other = otherIsoMonth(row.upper);
    for (const upper of other === undefined ? [row.upper] : [row.upper, other])
      found.push(...rowDates(row, upper, other !== undefined, rows.length, order, orderKnown, latest));
  }
  // The date printed again elsewhere (a card slip, a footer) and read the same way is worth more than a label:
  // two readings of one date rarely slip alike. Two repairs that agree are less: the same font slips alike, and
  // the same repair of it guesses alike ("13/88/2626" is 2026 or 2020, whichever row it is on).
  // A date printed twice and read with a slashed zero slipped on one row only ("Datum: 16.09.2019" on the card
  // slip, "10.89.2019" below it; "Datum 16.12.22" over a fiscal line's "2022-12-10T12:43") is the date with the
  // zeros: tills' zeros slip to 6, 8 or 9 far more often than back. Not always (`Date 18/12/19` over a card
  // slip's `Le 10/12/19`), so the date taken is trusted at most 0.7. Measured over 1,742 cached readings: 3 dates
  // put right, 1 broken.
  // The year printed on a row that holds no date (a Portuguese invoice's series, `FS 2026/76364`) says which of
  // two readings a zero apart is the till's: `Data: 2020-09-20` over `Data: 20/09/2026` is 2026 there.
  const elsewhere = yearsPrintedElsewhere(rows, found);
  const backs = (a: Found, b: Found) => elsewhere.has(yearOf(a.value)) && !elsewhere.has(yearOf(b.value));
  let best: (typeof found)[number] | undefined;
  for (const date of found) {
    const agreeing = found.filter((o) => o.value === date.value && o.row !== date.row);
    const others = new Set(agreeing.map((o) => o.row));
    // Only zeros read as printed say the other row's look-alikes slipped: zeros a repair put back are a guess
    // (`16.63.2620`, all its 6s taken for zeros, over a fiscal line's `2020-03-16T14:25`).
    const slipped = found.filter(
      (o) =>
        o.row !== date.row &&
        ((zerosRead(date, o) && !backs(o, date)) || (zerosRead(o, date) && backs(date, o))),
    );
    const slippedRows = new Set(slipped.map((o) => o.row)).size;
    const mended = found.some((o) => o.row !== date.row && zerosRead(o, date) && !backs(date, o));
    const scored = {
      ...date,
      score: date.score + AGREEMENT * (others.size + slippedRows) - (mended ? AGREEMENT : 0),
    };
    if (others.size > 0)
      scored.confidence =
        date.repaired && agreeing.every((o) => o.repaired)
          ? Math.min(REPAIRS_AGREEING_CONFIDENCE, scored.confidence + 0.2)
          : // printed twice alike, a date of two orders is still of two orders (`09/10/24` and `09/10/2024`)
            Math.min(
              date.ambiguous ? ambiguityFactor(orderKnown) : 1,
              Math.max(scored.confidence, 0.85) + 0.05,
            );
    else if (slippedRows > 0)
      scored.confidence = Math.min(REPAIRS_AGREEING_CONFIDENCE, scored.confidence + 0.2);
    if (mended) scored.confidence *= 0.5;
    // The date printed again one or two digits apart, neither reading a zero slip of the other (`Fecha
    // 28/06/2012` over the card slip's `FECHA: 28/06/2019`; `LE 19/07/25` over `Le 12/07/2023`): one of them
    // slipped, maybe both, and nothing tells which.
    const rivals = found.filter(
      (o) =>
        o.row !== date.row &&
        fewDigitsApart(o.value, date.value) &&
        !slippedFrom(o.value, date.value) &&
        !slippedFrom(date.value, o.value),
    );
    const disputed = rivals.length > 0;
    if (disputed && others.size === 0) scored.confidence = Math.min(scored.confidence, DISPUTED_CONFIDENCE);
    // Of the two, the reading the recognizer was clearly surer of stands, the label's weight aside.
    if (disputed && others.size === 0 && rivals.every((o) => date.read >= o.read + SURER_READING))
      scored.score += SURER_WEIGHT;
    if (others.size === 0 && GUESSED_DIGIT.test(date.text))
      scored.confidence = Math.min(scored.confidence, GUESSED_DIGIT_CONFIDENCE);
    if (!best || scored.score > best.score) best = scored;
  }
  if (!best) return undefined;
  const { score: _score, row: _row, repaired: _repaired, asRead: _asRead, read: _read, ...date } = best;
  return { ...date, confidence: Number(date.confidence.toFixed(3)) };
}

const yearOf = (iso: string) => iso.slice(0, 4);

/** Four-digit years of this or the last century printed on the rows where no date was found. */
function yearsPrintedElsewhere(rows: readonly Row[], found: readonly Found[]): Set<string> {
  const dated = new Set(found.map((date) => date.row));
  return new Set(
    rows
      .filter((row) => !dated.has(row.index))
      .flatMap((row) => row.upper.match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? []),
  );
}

/**
 * `slipped` reads `date` with one or more of its zeros as a look-alike, and those zeros of `date` were read as
 * printed, not put back by a repair (`asRead`: the date's digits as the row printed them, in ISO order).
 */
function zerosRead(
  date: { readonly value: string; readonly asRead?: string | undefined },
  slipped: { readonly value: string },
): boolean {
  if (!slippedFrom(date.value, slipped.value)) return false;
  const { asRead } = date;
  return (
    asRead === undefined || [...date.value].every((ch, i) => ch === slipped.value[i] || asRead[i] === '0')
  );
}

/** A numeric date's digits as the row printed them, in ISO order (`10.89.2019` → `2019-89-10`), if it has three. */
function isoAsRead(text: string, order: DateOrder): string | undefined {
  const groups = text.match(/\d+/g);
  if (groups?.length !== 3) return undefined;
  const [a = '', b = '', c = ''] = groups;
  const [year, month, day] = a.length === 4 ? [a, b, c] : order === 'dmy' ? [c, b, a] : [c, a, b];
  const iso = `${year.length === 2 ? `20${year}` : year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  return iso.length === 10 ? iso : undefined;
}

/** `slipped` is `date` (ISO) with one or more of its zeros read as a look-alike (6, 8 or 9). */
function slippedFrom(date: string, slipped: string): boolean {
  if (date === slipped || date.length !== slipped.length) return false;
  return [...date].every(
    (ch, i) => ch === slipped[i] || (ch === '0' && ZERO_LOOKALIKE.test(slipped[i] ?? '')),
  );
}

/** What a date valid in both orders is worth: the receipt's order known (a locale), or a guess. */
function ambiguityFactor(orderKnown: boolean): number {
  return orderKnown ? 0.85 : 0.55;
}

/** Two ISO dates that differ in one or two digits. */
function fewDigitsApart(a: string, b: string): boolean {
  const differ = [...a].filter((ch, i) => ch !== b[i]).length;
  return a.length === b.length && differ >= 1 && differ <= 2;
}

/** The most a date is trusted when another row prints it one or two digits apart. */
const DISPUTED_CONFIDENCE = 0.6;
/** How much surer (recognition confidence of the date's words) one of two disputed readings must be to stand. */
const SURER_READING = 0.05;
/** Enough to outweigh a date label (0.5) and a row's place. */
const SURER_WEIGHT = 0.7;

/**
 * A symbol read in place of a digit (`2019-12-2€` for 26, `@5.03.2024`): repairDateDigits takes it for a 0, the
 * commonest case, but the glyph says only that a round digit was there (0, 6, 8 or 9). Letters (O, D, l, S, B)
 * stand for one digit each and stay trusted.
 */
const GUESSED_DIGIT = /[@¢©€]/;

/** The most a date with a digit guessed from a symbol is trusted, unless another row prints it alike. */
const GUESSED_DIGIT_CONFIDENCE = 0.75;

/** A written-month date that needed repairs to be read. */
const REPAIRED_NAMED_CERTAINTY = 0.5;

/** The most two repaired readings of one date are trusted. */
const REPAIRS_AGREEING_CONFIDENCE = 0.7;

/** What a second row reading the same date adds to its score (a label adds 0.5). */
const AGREEMENT = 0.6;

const TIME = /(?<![\d:.])([01]?\d|2[0-3])[:.]([0-5]\d)(?::[0-5]\d)?\s*([AP])?\.?\s*(M\b|M\.)?/gi;

/** The transaction time: prefers a time on the date's row, then a labelled one, then the first. */
export function findTime(rows: readonly Row[], dateRowHint?: BBox): FoundTime | undefined {
  let best: (FoundTime & { score: number }) | undefined;
  for (const row of rows) {
    const text = row.upper;
    for (const m of text.matchAll(TIME)) {
      const [all, h = '', min = '', ap, mark] = m;
      const colon = all.includes(':');
      const meridian = ap && mark ? ap.toUpperCase() : undefined;
      if (!colon && !meridian) continue; // 12.50 is an amount, 12.50 PM a time
      let hour = Number(h);
      if (meridian) {
        if (hour > 12 || hour === 0) continue;
        if (meridian === 'P' && hour < 12) hour += 12;
        if (meridian === 'A' && hour === 12) hour = 0;
      }
      let score = colon ? 1 : 0.8;
      if (/\b(TIME|HORA|MASA)\b/.test(text)) score += 0.5;
      if (dateRowHint && row.bbox.y0 <= dateRowHint.y1 && row.bbox.y1 >= dateRowHint.y0) score += 0.6;
      score -= row.index / (rows.length * 10);
      const confidence = Number(
        ((meridian || all.split(':').length === 3 ? 0.85 : 0.75) * (0.8 + 0.2 * row.confidence)).toFixed(3),
      );
      if (!best || score > best.score) {
        best = {
          value: `${String(hour).padStart(2, '0')}:${min}`,
          confidence,
          text: all.trim(),
          bbox: rangeBox(row, m.index, all.length),
          score,
        };
      }
    }
  }
  if (!best) return undefined;
  const { score: _score, ...time } = best;
  return time;
}
