/**
 * A locale pack: what one language prints on receipts, as data. The field extractor compiles every pack into
 * OCR-tolerant patterns (vocabulary.ts); adding a language adds a pack file and an entry in index.ts, not
 * branches in the extractor.
 *
 * Phrases are written in upper case as printed ("ZU ZAHLEN", "NET A PAYER"). The compiler makes them
 * tolerant of what Tesseract does to receipts: lost or extra spaces and dots between words, digits read for
 * letters (T0TAL, 5UMME), lost diacritics (RUCKGELD, ESPECES) and umlauts read as two letters (RIICKGELD).
 * A RegExp entry is used as written, for forms a word list cannot express (lookaheads, numbers).
 */

export type Phrase = string | RegExp;

export interface LocaleLabels {
  /** The amount paid, stated strongly: preferred over a plain total ("ZU ZAHLEN", "NET A PAYER"). */
  readonly strongTotal: readonly Phrase[];
  /** A plain total label ("SUMME", "TOTAL", "TOTAAL"). */
  readonly total: readonly Phrase[];
  /** Rows that contain a total word but are not the amount paid (counts, savings, tax totals, net totals). */
  readonly notTotal: readonly Phrase[];
  /** Amount before tax or before discounts. */
  readonly subtotal: readonly Phrase[];
  readonly tax: readonly Phrase[];
  /** Tax words that are registration numbers or notes, not amounts ("UST-ID", "N° TVA"). */
  readonly notTax: readonly Phrase[];
  readonly tip: readonly Phrase[];
  readonly discount: readonly Phrase[];
  readonly rounding: readonly Phrase[];
  /** Cash handed over ("BAR", "GEGEBEN", "ESPECES"). */
  readonly cash: readonly Phrase[];
  /** Words containing a cash word that are not a tender ("CASHIER", "BARCODE"). */
  readonly notCash: readonly Phrase[];
  /** Change given back, or cash paid out on top of the bill (cash-back): tendered minus it is the total. */
  readonly change: readonly Phrase[];
  readonly card: readonly Phrase[];
  readonly mobile: readonly Phrase[];
  readonly voucher: readonly Phrase[];
  /** Labels of the transaction date ("DATUM", "FECHA"). */
  readonly dateLabel: readonly Phrase[];
  /** Rows whose date is not the transaction's (expiry, best-before, validity). */
  readonly notTransactionDate: readonly Phrase[];
  /** Column headings of the items table. */
  readonly itemHeader: readonly Phrase[];
  /** The amount before tax, as the VAT table labels it ("NETTO", "HT", "BASE IMPONIBLE"). */
  readonly net: readonly Phrase[];
  /** Column headings of the VAT summary table at the foot (rate, net, tax, gross). */
  readonly summaryColumn: readonly Phrase[];
  /** Headings that open the VAT summary table on their own ("GST SUMMARY", "RESUMEN DE IVA"). */
  readonly summaryHeading: readonly Phrase[];
  /** Deposit rows (bottle deposit and its return): items, not discounts. */
  readonly deposit: readonly Phrase[];
  /** Words of a refund or return receipt, whose total is negative. */
  readonly refund: readonly Phrase[];
  /**
   * Street words of an address ("RUE", "VIA", a German or Dutch compound "…STRASSE", "…STRAAT"): rows with them
   * start the merchant's address and are not its name (unless printed large without a number). The Malay,
   * Spanish and English ones predate the packs and are in merchant.ts.
   */
  readonly street: readonly Phrase[];
  /** Postcodes as this language's countries print them, with their city where the form alone is a number. */
  readonly postcode: readonly Phrase[];
}

export interface CountryHint {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** ISO 4217 currency of that country. */
  readonly currency: string;
  /** Patterns (on upper-cased text) that place a receipt in the country: tax ids, country names, cities. */
  readonly hints: readonly RegExp[];
  /** Dates are written month first there (the US). */
  readonly monthFirst?: boolean;
}

export interface LocalePack {
  /** ISO 639-1 code ("de"). */
  readonly language: string;
  /** The Tesseract model that reads the language ("deu"). */
  readonly tesseract: string;
  /**
   * Words that show a receipt is in this language even when read with another language's model (so, without
   * diacritics). Distinct hits are counted: one stray word must not switch languages.
   */
  readonly markers: readonly Phrase[];
  readonly labels: LocaleLabels;
  /** Month names and abbreviations as printed, upper case. */
  readonly months: Readonly<Record<string, number>>;
  /** Where this language's receipts are printed, and their currencies. */
  readonly countries: readonly CountryHint[];
}
