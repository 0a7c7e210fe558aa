/**
 * What the merchant's name and its address both go by: the words of a receipt's header (noise, registration
 * and phone labels, streets and postcodes, legal entities, the rows that end a header) and whether a row is
 * legible at all.
 */
import type { BBox } from '../schema.js';
import { POSTCODE as PACK_POSTCODE, STREET } from './labels.js';
import { letterRatio, type Row } from './layout.js';

export interface TextField {
  readonly value: string;
  readonly confidence: number;
  readonly text: string;
  readonly bbox: BBox;
}

export const NOISE =
  /\b(TAX\s*INVOICE|INVOICE|RECEIPT|RECIBO|FACTURA|WELCOME|BIENVENIDO|THANK|GRACIAS|ORDER\s*NUMBER|COPY|DUPLICATE|CUSTOMER|CASHIER|TABLE|GUEST|CHECK|SIMPLIFIED|OFFICIAL|BILL|ORIGINAL|MANAGER|GERENTE|SERVER|OPERATOR|STORE\s*#|ST#|SAVE\s*MONEY)\b/;
export const PHONE_LABEL =
  /\b(TEL|TELE|PHONE|PH|PHN|TELEFONO|TELÉFONO|TLF|CEL|CELULAR|HP|MOBILE|T)\b\s*(NO\.?|#)?\s*[:.]?\s*/;
export const REGISTRATION =
  /\b(GST|[G6C][S5]T|SST|VAT|TAX|CO\.?\s*REG|REG|ROC|BRN|NIT|NIF|CIF|RUC|CUIT|RUT|RFC|EIN|ABN|UEN|COMPANY\s*NO|BUSINESS\s*NO|SIRET|SIREN|RCS|KVK|NIPC|STEUERNR)\b|\(?\b\d{5,8}-[A-Z0-9]\)?|^\W*\(?[A-Z]{0,2}\d{6,}[-\s]?[A-Z]?\)?\W*$/;
const ADDRESS_WORD =
  /\b(JALAN|JLN|JL|LORONG|TAMAN|LOT|NO\.?|NO|BLOK|BLOCK|LEVEL|FLOOR|FLR|UNIT|PLAZA|MALL|BANDAR|KAWASAN|PERINDUSTRIAN|SEKSYEN|SECTION|MUKIM|BATU|STREET|ST\.?|AVENUE|AVE|ROAD|RD|BLVD|BOULEVARD|DRIVE|DR|SUITE|STE|HWY|HIGHWAY|LANE|CALLE|CL|CARRERA|CRA|KR|AVENIDA|AV|AK|AC|DIAGONAL|DG|TRANSVERSAL|TV|BARRIO|LOCAL|PISO|CENTRO|COMERCIAL|KM|SHOPPING|SQUARE|CENTER|CENTRE|PARK|JAYA|UTAMA|INDAH|MEGAMALL|DATARAN|MEDAN|PUSAT|KOMPLEKS|WISMA|MENARA|BANGUNAN|PERSIARAN|LEBUH|SIMPANG|KAMPUNG|KG|PJU|SS\d+|LINK|VILLAGE|APT|BUILDING|BLDG|TOWER|EDIFICIO|TORRE|URBANIZACI[OÓ]N|MANZANA|SECTOR|ZONA|COLONIA|COL|ZI|ZAC|LIEU-DIT)\b/;
export const PLACE =
  /\b(KUALA LUMPUR|KL|SELANGOR|JOHOR|JOHOR BAHRU|PETALING JAYA|SHAH ALAM|KLANG|PENANG|PULAU PINANG|IPOH|PERAK|MELAKA|SABAH|SARAWAK|KUCHING|KOTA KINABALU|PUTRAJAYA|CHERAS|PUCHONG|SUBANG|KEPONG|SETAPAK|DAMANSARA|MALAYSIA|DARUL EHSAN|SINGAPORE|BOGOT[AÁ]|MEDELL[IÍ]N|CALI|BARRANQUILLA|CARTAGENA|COLOMBIA|D\.C\.|MADRID|M[EÉ]XICO|USA|NEW YORK|CA|TX|NY|FL)\b/;
const FIVE_DIGIT_POSTCODE = /\b\d{5}(-\d{4})?\b/;

/** A postcode: five digits (and ZIP+4), or a form of the locale packs' countries ("LS1 5DT", "8000-138"). */
export function hasPostcode(upper: string): boolean {
  return FIVE_DIGIT_POSTCODE.test(upper) || PACK_POSTCODE.test(upper);
}

/** A house number: "162A", "3", "47 bd", not "A2" or a phone number. */
export const HOUSE_NUMBER = /(?<![\p{L}\d])\d{1,4}[A-Z]?(?![\p{L}\d])/u;

/** Articles between a street word and the name it gives ("RUE DU 8 MAI 1945", "CALLE DEL 2 DE MAYO"). */
const STREET_ARTICLE = /^(DU|DE|DEL|DELLA|DEI|DO|DA|DOS|DAS|VAN|VOM)$/;

/**
 * The text before a written date ends with a street word, maybe an article after it: the date names the street
 * ("RUA 25 DE ABRIL", "AVENIDA 5 DE OUTUBRO", "PLACE DU 11 NOVEMBRE"), it is not the receipt's.
 */
export function namesStreet(before: string): boolean {
  const words = before.trim().split(/\s+/);
  const last = words.at(-1) ?? '';
  const word = STREET_ARTICLE.test(last) ? (words.at(-2) ?? '') : last;
  return word !== '' && (ADDRESS_WORD.test(word) || STREET.test(word));
}

/**
 * A street word: the Malay, Spanish and English ones here, or one of the locale packs' beside a house number
 * ("SCHILLERSTRASSE 162A", "47 BD DU MARCHE"; "TANKSTATION SNELWEG A2" is a name).
 */
export function hasStreetWord(upper: string): boolean {
  return ADDRESS_WORD.test(upper) || (STREET.test(upper) && HOUSE_NUMBER.test(upper));
}

/**
 * A legal entity or its owner, printed between a name and its address: "HANDELS GMBH & CO. KG", "INH. DR. ALI
 * YILMAZ E.K.", "DE BRINK RETAIL N.V.". Not where an address starts.
 */
export const LEGAL_ENTITY =
  /\b(INH\.|INHABER|GMBH|OHG|E\.\s?K\.?|AG|UG|B\.\s?V\.?|N\.\s?V\.?|S\.?R\.?L\.?|S\.P\.A\.?|LDA|S\.L\.U?|S\.\s?A\.?|SARL|SAS|SNC|EURL|PLC|LTD|LIMITED|V\.?\s?[O0]\.?\s?F\.?)(?=\W|$)/;
export const ITEM_HEADER_ROW = /\b(QTY|DESCRIPTION|CANT|DESCRIPCI[OÓ]N)\b/;
export const STOP =
  /\b[G6C][S5]T\s*ID|GSTID|\b(TEL|PHONE|FAX|GST|[G6C][S5]T|SST|REG|INVOICE|RECEIPT|FACTURA|DATE|FECHA|CASHIER|CAJERO|TABLE|MESA|ORDER|SERVED|BILL|TERMINAL|NIT|NIF|CIF|RUC|CUIT|RUT|RFC|EMAIL|E-MAIL|WWW|HTTP|SALES\s*NO|DOC|TRANS)\b/;

/** Collapses spaces and drops lone bars and brackets, the paper edge or fold read as a character. */
export function cleanSpaces(text: string): string {
  return text
    .replace(/(^|\s)[|[\]{}¦]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const REG_NUMBER = /\(?\b[A-Z]{0,3}\d{5,12}-[A-Z0-9]\)?|\b\d{7,}\b|\([^)]*\d{4,}[^)]*\)/g;

/** Text without registration numbers such as "(519537-X)", which say nothing about legibility or the name. */
export function withoutRegNumbers(text: string): string {
  return text.replace(REG_NUMBER, ' ');
}

/** A row is noise when it is mostly not letters, or read with little confidence (logos, stamps). */
export function legible(row: Row, minLetters = 0.55, minConfidence = 0.2): boolean {
  const text = withoutRegNumbers(row.text);
  const words = text.split(/\s+/).filter((w) => /^[\p{L}&'.()-]{2,}$/u.test(w.replace(/[,.;:]+$/, '')));
  return letterRatio(text) >= minLetters && row.confidence >= minConfidence && words.length >= 1;
}
