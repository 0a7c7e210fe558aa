/**
 * Merchant name, address and phone from the header of the receipt. The name is usually among the first
 * legible rows (logos read as garbage, "TAX INVOICE", "WELCOME" are skipped; a name printed large, as European
 * tills print the shop's, comes first; company suffixes such as SDN BHD, S.A.S, LTD, INC point at it). The
 * address and phone are merchant-address.ts's.
 */
import { letterRatio, type Row, unionBox } from './layout.js';
import { addressScore, findAddress, findPhone } from './merchant-address.js';
import {
  cleanSpaces,
  hasPostcode,
  hasStreetWord,
  ITEM_HEADER_ROW,
  legible,
  NOISE,
  PHONE_LABEL,
  REGISTRATION,
  STOP,
  type TextField,
  withoutRegNumbers,
} from './merchant-words.js';

export type { TextField } from './merchant-words.js';

export interface Merchant {
  readonly name?: TextField;
  readonly address?: TextField;
  readonly phone?: TextField;
}

const SUFFIX =
  /\b(SDN\.?\s*BHD|[S5§]\/[B8DF]|BHD|BERHAD|ENTERPRISE|TRADING|LTD|LIMITED|INC|LLC|L\.L\.C|CORP|CORPORATION|CO\.|COMPANY|PTE|PLC|GMBH|S\.?\s?A\.?\s?S|S\.A\.?|LTDA|S\.?\s?DE\s?R\.?L|E\.U\.?)(?=\W|$)/;
const BUSINESS_WORD =
  /\b(RESTAURANT|RESTORAN|RESTAURANTE|CAFE|CAFÉ|BAKERY|BAKERIES|HARDWARE|STATIONERY|MART|MARKET|SUPERMARKET|SUPERMERCADO|PHARMACY|FARMACIA|DROGUER[IÍ]A|HOTEL|STORE|SHOP|TIENDA|FURNISHING|CONFECTIONERY|KEDAI|SYARIKAT|PERNIAGAAN|PASARAYA|STATION|CUISINE|PANADER[IÍ]A)\b/;

/**
 * Tills print the shop's name larger than the rest (double height, a bigger font): a row whose glyphs are this
 * much taller than the receipt's typical row is printed prominently.
 */
const PROMINENT = 1.35;

/** The name printed large heads the receipt: larger print further down is a total or an article. */
const PROMINENT_ROWS = 4;

/** Read well, mostly letters, and taller than `typical` by PROMINENT: not a logo read as specks, nor an amount. */
function printedLarge(row: Row, typical: number): boolean {
  return rowHeight(row) >= PROMINENT * typical && row.confidence >= 0.7 && letterRatio(row.text) >= 0.75;
}

function rowHeight(row: Row): number {
  return row.bbox.y1 - row.bbox.y0;
}

/** The typical row height of the receipt: the median over rows with some text. */
function typicalHeight(rows: readonly Row[]): number {
  const heights = rows
    .filter((row) => row.text.trim().length >= 3)
    .map(rowHeight)
    .sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)] ?? 0;
}

/** A row that can be (part of) the merchant name; `prominent` when printed larger than the rest. */
function nameLike(row: Row, prominent = false): boolean {
  if (!legible(row)) return false;
  const upper = row.upper;
  if (
    NOISE.test(upper) ||
    ITEM_HEADER_ROW.test(upper) ||
    (PHONE_LABEL.test(upper) && /\d{6,}/.test(row.text.replace(/\D/g, '')))
  )
    return false;
  if (SUFFIX.test(upper)) return true;
  if (hasPostcode(withoutRegNumbers(upper))) return false;
  // A street word in a name printed large and without a number ("VILLAGE CHEMIST", "PHARMACIE DU CENTRE") is
  // part of the name; in an ordinary row it makes an address.
  if (hasStreetWord(upper) && !(prominent && !/\d/.test(row.text))) return false;
  return !REGISTRATION.test(withoutRegNumbers(upper));
}

function nameScore(row: Row, position: number, prominent: boolean): number {
  let score = 1 - position * 0.12;
  // The name printed large outranks a legal entity's suffix in ordinary print below it ("NORTHGATE
  // SUPERMARKET" over "Sunrise Foods Plc", "SPARKAUF" over "HANDELS GMBH").
  if (prominent) score += 2.5;
  if (SUFFIX.test(row.upper)) score += 2;
  if (BUSINESS_WORD.test(row.upper)) score += 0.8;
  if (row.text === row.upper && /\p{L}{3}/u.test(row.text)) score += 0.1;
  score += row.confidence * 0.5;
  return score;
}

/** Cuts registration numbers and what follows a company suffix: "KING'S CONFECTIONERY S/B 273300-U (6X7)". */
function cleanName(text: string): string {
  let value = cleanSpaces(
    text
      .replace(/§/g, 'S')
      .replace(/(^|\s)[S5]\/[B8DF](?=\W|$)/g, '$1S/B') // S/B read as 5/B, S/8, 5/D, S/F
      .replace(/\bS[O0D]N(\.?\s*)BHD\b/g, 'SDN$1BHD') // SDN read as SON
      // one digit inside an upper-case word is a letter: "URBAN 1DEA" -> IDEA, "B0OK" -> BOOK
      .replace(/\b[A-Z015]{4,}\b/g, (w) =>
        (w.match(/\d/g)?.length ?? 0) === 1 ? w.replace('1', 'I').replace('0', 'O').replace('5', 'S') : w,
      ),
  );
  const suffixes = [...value.toUpperCase().matchAll(new RegExp(SUFFIX.source, 'g'))];
  const suffix = suffixes[suffixes.length - 1];
  if (suffix) {
    const end = suffix.index + suffix[0].length;
    const rest = value.slice(end);
    // keep a closing parenthesis or a trailing abbreviation dot, drop numbers and codes after the suffix
    value = value.slice(0, end) + (/^\.\s*$/.test(rest) ? '.' : '');
  }
  value = value.replace(/\s*\(?\b\d{5,8}-[A-Z0-9]\)?.*$/i, '');
  // trailing specks: "RESTAURANT SIN 10” ©"; a store number stays ("CARERX PHARMACY #512")
  if (!suffix) value = value.replace(/(\s+(?!#\d{1,5}$)[^\p{L}\s]+)+$/u, '');
  // leading specks of a logo: "1 A Yam Fresh" (single characters, one of them not a letter; "C W KHOO" stays)
  const lead = /^((?:\S\s+)+)(?=\p{L}{2,})/u.exec(value);
  if (lead?.[1] && /[^\p{L}\s]/u.test(lead[1])) value = value.slice(lead[1].length);
  return value.replace(/^[^\p{L}\d(]+|[\s,;:*=~-]+$/gu, '').trim();
}

/** Header rows: from the top to the first phone/registration/invoice row that follows a name-like row (at most a dozen). */
function headerRows(rows: readonly Row[]): Row[] {
  const header: Row[] = [];
  let seen = false;
  for (const row of rows.slice(0, 12)) {
    const ends =
      STOP.test(row.upper) ||
      ITEM_HEADER_ROW.test(row.upper) ||
      /\d{1,2}[/-]\d{1,2}[/-]\d{2,4}/.test(row.upper);
    if (seen && ends) break;
    header.push(row);
    if (nameLike(row) || addressScore(row) >= 2) seen = true;
  }
  return header;
}

/**
 * Malaysian company forms: there the registered company's name heads the receipt as the merchant's (a brand or
 * outlet above it, "BREWERY Tap" over "Owner by Castle Blue S/B", is not what an expense claim names).
 */
const MALAYSIAN_FORM = /\b(SDN\.?\s*BHD|[S5§]\/[B8DF]|BHD|BERHAD)(?=\W|$)/;

/** Words that end a name wrapped over rows as often as a company's ("OTTOGO ENTERPRISE", "ENTERPRISE (SETIA"). */
const WRAPPING_FORM = /ENTERPRISE|TRADING|CO\.|COMPANY/;

/**
 * A legal entity's whole name on a row of its own: two words or more beside its form ("COMERCIAL DEL BARRIO
 * S.A.", "Sunrise Foods Plc", "SAS ALIMENTATION DU CENTRE"), or one beside a form that only ever ends a company's
 * name ("Handels GmbH"). Under a shop's name it is the company that runs the shop, not the name's end
 * ("ENTERPRISE (SETIA", "ALAM) SDN BHD", "OTTOGO ENTERPRISE" continue one).
 */
function wholeEntity(row: Row): boolean {
  const suffix = SUFFIX.exec(row.upper);
  if (!suffix) return false;
  const { upper } = row;
  const words = `${upper.slice(0, suffix.index)} ${upper.slice(suffix.index + suffix[0].length)}`.match(
    /\p{L}{3,}/gu,
  )?.length;
  return (words ?? 0) >= 2 || (words === 1 && !MALAYSIAN_FORM.test(upper) && !WRAPPING_FORM.test(suffix[0]));
}

/**
 * Adjacent rows a long name was wrapped over ("AIK HUAT HARDWARE" / "ENTERPRISE (SETIA" / "ALAM) SDN BHD"): close
 * and printed at the same size (a legal entity in small print under a large name is another line).
 */
function nameBlock(rows: readonly Row[], best: Row): Row[] {
  const block = [best];
  const close = (upper: Row, lower: Row) =>
    lower.bbox.y0 - upper.bbox.y1 < 1.5 * Math.max(rowHeight(upper), rowHeight(lower)) &&
    Math.max(rowHeight(upper), rowHeight(lower)) < PROMINENT * Math.min(rowHeight(upper), rowHeight(lower));
  // down: a row that carries the company suffix, or closes a parenthesis left open, completes the name
  for (let i = best.index + 1; i < rows.length && block.length < 3; i++) {
    const next = rows[i];
    const last = block[block.length - 1] as Row;
    const open = (last.text.match(/\(/g)?.length ?? 0) > (last.text.match(/\)/g)?.length ?? 0);
    if (!next || !(open || (!SUFFIX.test(last.upper) && SUFFIX.test(next.upper) && !wholeEntity(next))))
      break;
    if (!nameLike(next) || !close(last, next)) break;
    block.push(next);
  }
  // up: a short suffix row ("OTTOGO ENTERPRISE", "ST TIONERY SDN. BHD") continues the row right above it
  const bottom = block[block.length - 1] as Row;
  const prev = rows[(block[0] as Row).index - 1];
  if (
    prev &&
    SUFFIX.test(bottom.upper) &&
    !wholeEntity(bottom) &&
    bottom.text.split(/\s+/).length <= 4 &&
    !SUFFIX.test(prev.upper) &&
    nameLike(prev) &&
    prev.confidence >= 0.2 &&
    (prev.text.match(/\p{L}{3,}/gu)?.length ?? 0) >= 2 &&
    close(prev, block[0] as Row)
  ) {
    block.unshift(prev);
  }
  return block;
}

/** A shop's name above its company is read well: a logo there reads as a few weak words ("Nig feo 3 jer"). */
const TRADING_NAME_CONFIDENCE = 0.8;

/**
 * The shop's own name printed right above the company that runs it ("GREEN VALLEY MARKET" over "SUNRISE FOODS
 * PLC", "ULTRAMARINOS GARCIA" over "COMERCIAL DEL BARRIO S.A."): the name the customer knows the shop by.
 */
function tradingName(rows: readonly Row[], best: Row): Row {
  const above = rows[best.index - 1];
  if (
    !above ||
    !wholeEntity(best) ||
    MALAYSIAN_FORM.test(best.upper) ||
    SUFFIX.test(above.upper) ||
    // a street word without a number is part of a shop's name ("SUPER AHORRO CENTRO", "FRESHWAYS LOCAL")
    !nameLike(above, true) ||
    above.confidence < TRADING_NAME_CONFIDENCE ||
    letterRatio(above.text) < 0.75 ||
    !/\p{L}{3,}/u.test(above.text)
  )
    return best;
  return above;
}

export function findMerchant(rows: readonly Row[]): Merchant {
  const header = headerRows(rows);
  const typical = typicalHeight(rows);
  let best: { row: Row; score: number } | undefined;
  let position = 0;
  for (const row of header) {
    if (!legible(row)) continue;
    const prominent = position < PROMINENT_ROWS && typical > 0 && printedLarge(row, typical);
    // the first legible row may be a name with a street word ("Brico Centre Girard"), as a name printed large may
    if (nameLike(row, prominent || position === 0)) {
      const score = nameScore(row, position, prominent);
      if (!best || score > best.score) best = { row, score };
    }
    position += 1;
  }
  const result: { name?: TextField; address?: TextField; phone?: TextField } = {};
  let nameRows: Row[] = [];
  if (best) {
    nameRows = nameBlock(rows, tradingName(rows, best.row));
    const value = cleanName(nameRows.map((r) => r.text).join(' '));
    if (value.length >= 2) {
      const suffixBonus = SUFFIX.test(value.toUpperCase()) ? 0.15 : 0;
      const confidence = Math.min(
        0.95,
        0.45 + suffixBonus + 0.35 * Math.min(...nameRows.map((r) => r.confidence)),
      );
      result.name = {
        value,
        confidence: Number(confidence.toFixed(3)),
        text: nameRows.map((r) => r.text).join(' '),
        bbox: unionBox(nameRows.map((r) => r.bbox)),
      };
    }
  }

  const address = findAddress(rows, nameRows);
  if (address) result.address = address;
  const phone = findPhone(rows);
  if (phone) result.phone = phone;
  return result;
}
