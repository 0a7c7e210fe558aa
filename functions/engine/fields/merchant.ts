/**
 * Merchant name, address and phone from the header of the receipt. The name is usually among the first
 * legible rows (logos read as garbage, "TAX INVOICE", "WELCOME" are skipped; a name printed large, as European
 * tills print the shop's, comes first; company suffixes such as SDN BHD, S.A.S, LTD, INC point at it). The
 * address is the block of rows after the name that starts with a street or a postcode (the locale packs' forms
 * too), up to the phone, registration, tax number or invoice rows; its rows are joined with a space.
 */
import type { BBox } from '../schema.js';
import { DATE_LABEL, NOT_TAX, POSTCODE as PACK_POSTCODE, STREET } from './labels.js';
import { letterRatio, type Row, unionBox } from './layout.js';

export interface TextField {
  readonly value: string;
  readonly confidence: number;
  readonly text: string;
  readonly bbox: BBox;
}

export interface Merchant {
  readonly name?: TextField;
  readonly address?: TextField;
  readonly phone?: TextField;
}

const SUFFIX =
  /\b(SDN\.?\s*BHD|[S5§]\/[B8DF]|BHD|BERHAD|ENTERPRISE|TRADING|LTD|LIMITED|INC|LLC|L\.L\.C|CORP|CORPORATION|CO\.|COMPANY|PTE|PLC|GMBH|S\.?\s?A\.?\s?S|S\.A\.?|LTDA|S\.?\s?DE\s?R\.?L|E\.U\.?)(?=\W|$)/;
const BUSINESS_WORD =
  /\b(RESTAURANT|RESTORAN|RESTAURANTE|CAFE|CAFÉ|BAKERY|BAKERIES|HARDWARE|STATIONERY|MART|MARKET|SUPERMARKET|SUPERMERCADO|PHARMACY|FARMACIA|DROGUER[IÍ]A|HOTEL|STORE|SHOP|TIENDA|FURNISHING|CONFECTIONERY|KEDAI|SYARIKAT|PERNIAGAAN|PASARAYA|STATION|CUISINE|PANADER[IÍ]A)\b/;
const NOISE =
  /\b(TAX\s*INVOICE|INVOICE|RECEIPT|RECIBO|FACTURA|WELCOME|BIENVENIDO|THANK|GRACIAS|ORDER\s*NUMBER|COPY|DUPLICATE|CUSTOMER|CASHIER|TABLE|GUEST|CHECK|SIMPLIFIED|OFFICIAL|BILL|ORIGINAL|MANAGER|GERENTE|SERVER|OPERATOR|STORE\s*#|ST#|SAVE\s*MONEY)\b/;
const PHONE_LABEL =
  /\b(TEL|TELE|PHONE|PH|PHN|TELEFONO|TELÉFONO|TLF|CEL|CELULAR|HP|MOBILE|T)\b\s*(NO\.?|#)?\s*[:.]?\s*/;
const REGISTRATION =
  /\b(GST|[G6C][S5]T|SST|VAT|TAX|CO\.?\s*REG|REG|ROC|BRN|NIT|NIF|CIF|RUC|CUIT|RUT|RFC|EIN|ABN|UEN|COMPANY\s*NO|BUSINESS\s*NO)\b|\(?\b\d{5,8}-[A-Z0-9]\)?|^\W*\(?[A-Z]{0,2}\d{6,}[-\s]?[A-Z]?\)?\W*$/;
const ADDRESS_WORD =
  /\b(JALAN|JLN|JL|LORONG|TAMAN|LOT|NO\.?|NO|BLOK|BLOCK|LEVEL|FLOOR|FLR|UNIT|PLAZA|MALL|BANDAR|KAWASAN|PERINDUSTRIAN|SEKSYEN|SECTION|MUKIM|BATU|STREET|ST\.?|AVENUE|AVE|ROAD|RD|BLVD|BOULEVARD|DRIVE|DR|SUITE|STE|HWY|HIGHWAY|LANE|CALLE|CL|CARRERA|CRA|KR|AVENIDA|AV|AK|AC|DIAGONAL|DG|TRANSVERSAL|TV|BARRIO|LOCAL|PISO|CENTRO|COMERCIAL|KM|SHOPPING|SQUARE|CENTER|CENTRE|PARK|JAYA|UTAMA|INDAH|MEGAMALL|DATARAN|MEDAN|PUSAT|KOMPLEKS|WISMA|MENARA|BANGUNAN|PERSIARAN|LEBUH|SIMPANG|KAMPUNG|KG|PJU|SS\d+|LINK|VILLAGE|APT|BUILDING|BLDG|TOWER|EDIFICIO|TORRE|URBANIZACI[OÓ]N|MANZANA|SECTOR|ZONA|COLONIA|COL)\b/;
const PLACE =
  /\b(KUALA LUMPUR|KL|SELANGOR|JOHOR|JOHOR BAHRU|PETALING JAYA|SHAH ALAM|KLANG|PENANG|PULAU PINANG|IPOH|PERAK|MELAKA|SABAH|SARAWAK|KUCHING|KOTA KINABALU|PUTRAJAYA|CHERAS|PUCHONG|SUBANG|KEPONG|SETAPAK|DAMANSARA|MALAYSIA|DARUL EHSAN|SINGAPORE|BOGOT[AÁ]|MEDELL[IÍ]N|CALI|BARRANQUILLA|CARTAGENA|COLOMBIA|D\.C\.|MADRID|M[EÉ]XICO|USA|NEW YORK|CA|TX|NY|FL)\b/;
const FIVE_DIGIT_POSTCODE = /\b\d{5}(-\d{4})?\b/;

/** A postcode: five digits (and ZIP+4), or a form of the locale packs' countries ("LS1 5DT", "8000-138"). */
function hasPostcode(upper: string): boolean {
  return FIVE_DIGIT_POSTCODE.test(upper) || PACK_POSTCODE.test(upper);
}

/** A house number: "162A", "3", "47 bd", not "A2" or a phone number. */
const HOUSE_NUMBER = /(?<![\p{L}\d])\d{1,4}[A-Z]?(?![\p{L}\d])/u;

/**
 * A street word: the Malay, Spanish and English ones here, or one of the locale packs' beside a house number
 * ("SCHILLERSTRASSE 162A", "47 BD DU MARCHE"; "TANKSTATION SNELWEG A2" is a name).
 */
function hasStreetWord(upper: string): boolean {
  return ADDRESS_WORD.test(upper) || (STREET.test(upper) && HOUSE_NUMBER.test(upper));
}

/**
 * A legal entity or its owner, printed between a name and its address: "HANDELS GMBH & CO. KG", "INH. DR. ALI
 * YILMAZ E.K.", "DE BRINK RETAIL N.V.". Not where an address starts.
 */
const LEGAL_ENTITY =
  /\b(INH\.|INHABER|GMBH|OHG|E\.\s?K\.?|AG|UG|B\.\s?V\.?|N\.\s?V\.?|S\.?R\.?L\.?|S\.P\.A\.?|LDA|S\.L\.U?|S\.\s?A\.?|SARL|SAS|SNC|EURL|PLC|LTD|LIMITED)(?=\W|$)/;
const ITEM_HEADER_ROW = /\b(QTY|DESCRIPTION|CANT|DESCRIPCI[OÓ]N)\b/;
const STOP =
  /\b[G6C][S5]T\s*ID|GSTID|\b(TEL|PHONE|FAX|GST|[G6C][S5]T|SST|REG|INVOICE|RECEIPT|FACTURA|DATE|FECHA|CASHIER|CAJERO|TABLE|MESA|ORDER|SERVED|BILL|TERMINAL|NIT|NIF|CIF|RUC|CUIT|RUT|RFC|EMAIL|E-MAIL|WWW|HTTP|SALES\s*NO|DOC|TRANS)\b/;

/** Collapses spaces and drops lone bars and brackets, the paper edge or fold read as a character. */
function cleanSpaces(text: string): string {
  return text
    .replace(/(^|\s)[|[\]{}¦]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const REG_NUMBER = /\(?\b[A-Z]{0,3}\d{5,12}-[A-Z0-9]\)?|\b\d{7,}\b|\([^)]*\d{4,}[^)]*\)/g;

/** Text without registration numbers such as "(519537-X)", which say nothing about legibility or the name. */
function withoutRegNumbers(text: string): string {
  return text.replace(REG_NUMBER, ' ');
}

/** A row is noise when it is mostly not letters, or read with little confidence (logos, stamps). */
function legible(row: Row, minLetters = 0.55, minConfidence = 0.2): boolean {
  const text = withoutRegNumbers(row.text);
  const words = text.split(/\s+/).filter((w) => /^[\p{L}&'.()-]{2,}$/u.test(w.replace(/[,.;:]+$/, '')));
  return letterRatio(text) >= minLetters && row.confidence >= minConfidence && words.length >= 1;
}

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
  if (!suffix) value = value.replace(/(\s+[^\p{L}\s]+)+$/u, ''); // trailing specks: "RESTAURANT SIN 10” ©"
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
    if (!next || !(open || (!SUFFIX.test(last.upper) && SUFFIX.test(next.upper)))) break;
    if (!nameLike(next) || !close(last, next)) break;
    block.push(next);
  }
  // up: a short suffix row ("OTTOGO ENTERPRISE", "ST TIONERY SDN. BHD") continues the row right above it
  const bottom = block[block.length - 1] as Row;
  const prev = rows[(block[0] as Row).index - 1];
  if (
    prev &&
    SUFFIX.test(bottom.upper) &&
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

export function findMerchant(rows: readonly Row[]): Merchant {
  const header = headerRows(rows);
  const typical = typicalHeight(rows);
  let best: { row: Row; score: number } | undefined;
  let position = 0;
  for (const row of header) {
    if (!legible(row)) continue;
    const prominent = position < PROMINENT_ROWS && typical > 0 && printedLarge(row, typical);
    if (nameLike(row, prominent)) {
      const score = nameScore(row, position, prominent);
      if (!best || score > best.score) best = { row, score };
    }
    position += 1;
  }
  const result: { name?: TextField; address?: TextField; phone?: TextField } = {};
  let nameRows: Row[] = [];
  if (best) {
    nameRows = nameBlock(rows, best.row);
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

function addressScore(row: Row): number {
  const upper = row.upper.replace(/\([^)]*\)/g, ' ');
  let score = 0;
  if (hasStreetWord(upper)) score += 1;
  if (hasPostcode(upper)) score += 1;
  if (PLACE.test(upper)) score += 1;
  if (/,/.test(row.text)) score += 0.5;
  if (/\d/.test(row.text) && /\p{L}{3}/u.test(row.text)) score += 0.3;
  return score;
}

function findAddress(rows: readonly Row[], nameRows: readonly Row[]): TextField | undefined {
  const lastName = nameRows[nameRows.length - 1];
  const start = lastName ? lastName.index + 1 : 0;
  const limit = Math.min(rows.length, start + 9);
  const picked: Row[] = [];
  for (let i = start; i < limit; i++) {
    const row = rows[i];
    if (!row) break;
    const phoneOnly = /\d{2,4}[-\s]?\d{3,4}[-\s]?\d{3,4}/.test(row.text) && letterRatio(row.text) < 0.3;
    const stop =
      phoneOnly ||
      STOP.test(row.upper) ||
      ITEM_HEADER_ROW.test(row.upper) ||
      ADDRESS_END.test(row.upper) ||
      NOT_TAX.test(row.upper) ||
      DATE_LABEL.test(row.upper) ||
      /\d[.,]\d{2}(?!\d)/.test(row.text) ||
      REGISTRATION.test(row.upper) ||
      (PHONE_LABEL.test(row.upper) && /\d{6,}/.test(row.text.replace(/\D/g, '')));
    if (picked.length === 0) {
      const next = rows[i + 1];
      const score = addressScore(row) + (next && addressScore(next) >= 1 ? 0.5 : 0);
      if (score >= 1 && !stop && !LEGAL_ENTITY.test(row.upper) && legible(row, 0.3)) picked.push(row);
      else if (i - start >= 4) break;
      continue;
    }
    if (
      stop ||
      NOISE.test(row.upper) ||
      !legible(row, 0.25, 0.15) ||
      /\d{1,2}[/-]\d{1,2}[/-]\d{2,4}/.test(row.text)
    )
      break;
    if (picked.length >= 5) break;
    picked.push(row);
  }
  if (picked.length === 0) return undefined;
  const value = cleanSpaces(picked.map((r) => r.text).join(' ')).replace(/[\s,;:*~-]+$/, '');
  const strength = Math.min(1, picked.reduce((s, r) => s + addressScore(r), 0) / 3);
  const ocr = picked.reduce((s, r) => s + r.confidence, 0) / picked.length;
  return {
    value,
    confidence: Number((0.35 + 0.3 * strength + 0.3 * ocr).toFixed(3)),
    text: picked.map((r) => r.text).join('\n'),
    bbox: unionBox(picked.map((r) => r.bbox)),
  };
}

/** Rows after an address in the packs' languages: phone, tax and register numbers, opening hours, cashier. */
const ADDRESS_END =
  /\b(TELEFON|TELEFONE|TELEF|T[EÉ]L[EÉ]PHONE|T[EÉ]L|TELEFOON|FATURA|FACTURE|RECHNUNG|FATTURA|FACTUUR|UST|USTID|MWST|STEUERNR|SIRET|SIREN|RCS|KVK|UID|[A-Z]{2}\d{8,}|MO-SA|MO-FR|UHR|KASSIERER|KASSE|BON-?NR|BELEG|CAISSE|CASSA|OPERATORE|CAIXA|OPERADOR|KASSA|MEDEWERKER)\b/;

const PHONE_NUMBER = /(\+?\(?\d[\d\s().-]{5,}\d)/;
const US_PHONE = /\(\d{3}\)\s?\d{3}[-\s]\d{4}|\b\d{3}-\d{3}-\d{4}\b/;

function findPhone(rows: readonly Row[]): TextField | undefined {
  for (const row of rows.slice(0, Math.max(15, Math.ceil(rows.length / 2)))) {
    const label = PHONE_LABEL.exec(row.upper);
    const fromLabel =
      label && label[1] !== 'T' ? PHONE_NUMBER.exec(row.text.slice(label.index + label[0].length)) : null;
    const match = fromLabel ?? US_PHONE.exec(row.text);
    if (!match) continue;
    const raw = match[0].trim();
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    const value = cleanSpaces(raw.replace(/[^\d+()\s-]/g, ''));
    return {
      value,
      confidence: Number(((fromLabel ? 0.8 : 0.65) * (0.75 + 0.25 * row.confidence)).toFixed(3)),
      text: raw,
      bbox: row.bbox,
    };
  }
  return undefined;
}
