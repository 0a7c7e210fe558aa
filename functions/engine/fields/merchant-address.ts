/**
 * The merchant's address and phone. The address is the block of rows after the name that starts with a street
 * or a postcode (the locale packs' forms too), up to the phone, registration, tax number, date, cashier or amount
 * rows; its rows are joined with a space. The phone comes from a labelled row, or a US pattern.
 */
import { DATE_LABEL, NOT_TAX } from './labels.js';
import { letterRatio, type Row, unionBox } from './layout.js';
import {
  cleanSpaces,
  HOUSE_NUMBER,
  hasPostcode,
  hasStreetWord,
  ITEM_HEADER_ROW,
  LEGAL_ENTITY,
  legible,
  NOISE,
  PHONE_LABEL,
  PLACE,
  REGISTRATION,
  STOP,
  type TextField,
} from './merchant-words.js';

export function addressScore(row: Row): number {
  const upper = row.upper.replace(/\([^)]*\)/g, ' ');
  let score = 0;
  if (hasStreetWord(upper)) score += 1;
  if (hasPostcode(upper)) score += 1;
  if (PLACE.test(upper)) score += 1;
  if (/,/.test(row.text)) score += 0.5;
  if (/\d/.test(row.text) && /\p{L}{3}/u.test(row.text)) score += 0.3;
  return score;
}

/** A row no address runs into: phone, tax and register numbers, dates, cashier, amounts. */
function endsAddress(row: Row): boolean {
  const phoneOnly = /\d{2,4}[-\s]?\d{3,4}[-\s]?\d{3,4}/.test(row.text) && letterRatio(row.text) < 0.3;
  return (
    phoneOnly ||
    STOP.test(row.upper) ||
    ITEM_HEADER_ROW.test(row.upper) ||
    ADDRESS_END.test(row.upper) ||
    NOT_TAX.test(row.upper) ||
    DATE_LABEL.test(row.upper) ||
    /\d[.,]\d{2}(?!\d)|(?<!\d)[€$£]\s?\d{3,}/.test(row.text) ||
    REGISTRATION.test(row.upper) ||
    (PHONE_LABEL.test(row.upper) && /\d{6,}/.test(row.text.replace(/\D/g, '')))
  );
}

/**
 * The rows right above the first one that looks like an address, down from the name, that start it: a street
 * the packs do not name, with its number ("AM MARKT 61", "931 E BROADWAY", "AVDA. DE LA CONSTITUCION, 65," over
 * "BAJO"), over a postcode or city row. At most two, the upper one with a house number or a street word.
 */
function streetAbove(rows: readonly Row[], first: Row, start: number): Row[] {
  const above: Row[] = [];
  for (let i = first.index - 1; i >= start && above.length < 2; i--) {
    const row = rows[i];
    if (
      !row ||
      endsAddress(row) ||
      LEGAL_ENTITY.test(row.upper) ||
      NOISE.test(row.upper) ||
      !legible(row, 0.5)
    )
      break;
    above.unshift(row);
  }
  while (
    above.length > 0 &&
    !(HOUSE_NUMBER.test(above[0]?.upper ?? '') || hasStreetWord(above[0]?.upper ?? ''))
  )
    above.shift();
  return above;
}

export function findAddress(rows: readonly Row[], nameRows: readonly Row[]): TextField | undefined {
  const lastName = nameRows[nameRows.length - 1];
  const start = lastName ? lastName.index + 1 : 0;
  const limit = Math.min(rows.length, start + 9);
  const picked: Row[] = [];
  for (let i = start; i < limit; i++) {
    const row = rows[i];
    if (!row) break;
    const stop = endsAddress(row);
    if (picked.length === 0) {
      const next = rows[i + 1];
      const score = addressScore(row) + (next && addressScore(next) >= 1 ? 0.5 : 0);
      if (score >= 1 && !stop && !LEGAL_ENTITY.test(row.upper) && legible(row, 0.3))
        picked.push(...streetAbove(rows, row, start), row);
      else if (i - start >= 4) break;
      continue;
    }
    // A postcode on a row of its own ("N1 9GU", "H91 E2K3") ends the address, though it holds no word; a phone
    // number whose label was misread ("fel. 02304 / 983113") is longer.
    const postcodeRow =
      hasPostcode(row.upper) && row.text.replace(/[\s\W]/g, '').length <= 8 && row.confidence >= 0.15;
    // A house number wrapped onto a row of its own ("Rua Dr. António José de Almeida," / "8").
    const numberRow = /,\s*$/.test(picked.at(-1)?.text ?? '') && /^\d{1,4}[A-Z]?$/.test(row.text.trim());
    if (
      stop ||
      NOISE.test(row.upper) ||
      (!legible(row, 0.25, 0.15) && !postcodeRow && !numberRow) ||
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

/**
 * Rows after an address in the packs' languages: phone, tax and register numbers, opening hours ("Mon-Sat
 * 8am-8pm"), cashier.
 */
const ADDRESS_END =
  /\b(TELEFON|TELEFONE|TELEF|T[EÉ]L[EÉ]PHONE|T[EÉ]L|TELEFOON|FATURA|FACTURE|RECHNUNG|FATTURA|FACTUUR|UST|USTID|MWST|STEUERNR|SIRET|SIREN|RCS|KVK|UID|[A-Z]{2}\d{8,}|MO-SA|MO-FR|MON-SAT|MON-FRI|MON-SUN|OPENING|HOURS|\d{1,2}(?::\d{2})?\s?[AP]M|UHR|KASSIERER|KASSE|BON-?NR|BELEG|CAISSE|CASSA|OPERATORE|CAIXA|OPERADOR|KASSA|MEDEWERKER|BTW|TVA|NIPC|OUVERT|APERTO|ABIERTO|ABERTO|GE[OÖ]FFNET|OPENINGSTIJDEN|GEOPEND|DOCUMENTO|SEG-S[AÁ]B|LUN-SAM|MA-ZA)\b|\d{1,2}\s?H\d{0,2}\s?-\s?\d{1,2}\s?H/;

const PHONE_NUMBER = /(\+?\(?\d[\d\s().-]{5,}\d)/;
const US_PHONE = /\(\d{3}\)\s?\d{3}[-\s]\d{4}|\b\d{3}-\d{3}-\d{4}\b/;

export function findPhone(rows: readonly Row[]): TextField | undefined {
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
