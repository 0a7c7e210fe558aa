/**
 * A locale pack: what one language's receipts print (words, merchants, items, addresses, formats) as data,
 * plus a few hooks for the blocks that differ by country (fiscal heading and footer, card slip).
 * The generic composer and layout read packs; adding a language adds a pack.
 */
import type { ReceiptContent, ShopKind, VatClass, Ymd } from '../model.js';
import type { NumberStyle } from '../money.js';
import type { Rng, Weighted } from '../random.js';

export interface City {
  readonly postcode: string;
  readonly city: string;
  /** Province, state or county code where the address prints one (MI, IL...). */
  readonly area?: string;
  /** Area dialling code, for phone numbers. */
  readonly dial?: string;
}

export interface CatalogueItem {
  readonly name: string;
  /** Price range in cents (per piece, or per kg / lb / l / gal when `unit` is set). */
  readonly min: number;
  readonly max: number;
  readonly vat: VatClass;
  /** Sold by weight or volume: the price is per unit and a quantity row is printed. */
  readonly unit?: 'kg' | 'l';
  /** Deposit per piece in cents (bottles, cans, crates). */
  readonly deposit?: number;
  /** True when the till usually sells several (rolls, yoghurts): a quantity row is likely. */
  readonly multi?: boolean;
  /** Region ids that sell it, when not every region of the pack does ("en-US" for a gallon of milk). */
  readonly regions?: readonly string[];
}

export interface ShopPack {
  readonly weight: number;
  /** The printed name (and optional line under it) of a merchant of this kind. */
  readonly names: (rng: Rng, region: string) => { readonly name: string; readonly subline?: string };
  readonly items: readonly CatalogueItem[];
  readonly itemCount: readonly [number, number];
}

/** How amounts show their currency on this receipt. */
export type CurrencyDisplay =
  /** bare amounts, a currency heading above the items and the code on the total row */
  | 'heading'
  /** "12,34 €" on every amount */
  | 'suffix-symbol'
  /** "€12.34" / "£12.34" / "$12.34" on every amount */
  | 'prefix-symbol'
  /** bare amounts, the code or symbol only on the total row */
  | 'total-only';

export interface RegionPack {
  readonly id: string;
  readonly weight: number;
  readonly currency: 'EUR' | 'CHF' | 'GBP' | 'USD';
  readonly symbol: string;
  readonly numberStyles: Weighted<NumberStyle>;
  readonly currencyDisplays: Weighted<CurrencyDisplay>;
  /** VAT rate in basis points for a class on a date (rates changed over the years). */
  readonly rate: (vatClass: VatClass, date: Ymd) => number;
  /** Sales tax added on top (US): label and rate for a city; food may be exempt. */
  readonly salesTax?: (rng: Rng, city: City) => { label: string; rateBp: number; foodExempt: boolean };
  readonly cities: readonly City[];
  /** Street line: "Hauptstraße 12", "12 rue de la Paix". */
  readonly street: (rng: Rng) => string;
  /** Postcode and city line(s): "10115 Berlin", "20121 Milano (MI)". */
  readonly cityLines: (rng: Rng, city: City) => readonly string[];
  readonly phone: (rng: Rng, city: City) => string;
  readonly vatId?: (rng: Rng) => string;
  /** Cash totals are rounded to 5 cents (NL, BE, CH). */
  readonly cashRounding: boolean;
  readonly weightUnit: 'kg' | 'lb';
  readonly volumeUnit: 'l' | 'gal';
  readonly cardSchemes: Weighted<string>;
  /** Top-level domain for shop websites printed in headers. */
  readonly tld: string;
  /** Probability that the customer pays by card. */
  readonly cardShare: number;
  readonly dateFormats: Weighted<string>;
  readonly timeFormats: Weighted<string>;
}

export interface Words {
  readonly total: Weighted<string>;
  /** Total rows on restaurant bills and cash-rounded totals, when they differ from shops. */
  readonly payable: Weighted<string>;
  readonly subtotal: Weighted<string>;
  readonly rounding: readonly string[];
  readonly cash: Weighted<string>;
  readonly given: Weighted<string>;
  readonly change: Weighted<string>;
  readonly cardPaid: Weighted<string>;
  readonly contactless: readonly string[];
  /** Column headings of the VAT table: rate, net, tax, gross. */
  readonly vatColumns: Weighted<readonly [string, string, string, string]>;
  readonly vatTitle: readonly string[];
  /** "MwSt", "TVA", "IVA", "BTW", "VAT". */
  readonly taxWord: string;
  /** "incl. 19% MwSt" style one-line summary: {rate} {tax}. */
  readonly taxIncludedLine: readonly string[];
  readonly date: readonly string[];
  readonly time: readonly string[];
  /** Phone labels: "Tel.", "Tél :", "Tel:". */
  readonly phone: readonly string[];
  /** Opening-hours lines printed in some headers. */
  readonly openingHours: readonly string[];
  readonly receiptNo: readonly string[];
  readonly cashier: readonly string[];
  readonly till: readonly string[];
  readonly table: readonly string[];
  readonly itemCount: readonly string[];
  readonly thanks: readonly (readonly string[])[];
  readonly discount: readonly string[];
  readonly deposit: readonly string[];
  readonly depositReturn: readonly string[];
  readonly refundTitle: readonly string[];
  readonly piece: readonly string[];
  readonly months: readonly string[];
  readonly monthsShort: readonly string[];
  /** Sunday first, like Date#getDay. */
  readonly weekdays: readonly string[];
  readonly weekdaysShort: readonly string[];
  readonly names: readonly string[];
  /** Quantity rows: "{qty} x {price}", "{qty} Stk x {price}", "{qty} @ {price}". */
  readonly quantityLine: Weighted<string>;
  /** Weight and volume rows: "{qty} {unit} x {price} {cur}/{unit}". */
  readonly measureLine: Weighted<string>;
  /** Item table headings: description, quantity, price, amount. */
  readonly itemColumns: Weighted<readonly [string, string, string, string]>;
}

export type QuantityStyle = 'above' | 'below' | 'inline' | 'columns';
export type CodeStyle = 'none' | 'suffix' | 'rate-column';

/** A printed row of a block: centred text, or a left and a right part. */
export type BlockRow = string | readonly [string, string];

export interface PackContext {
  readonly content: ReceiptContent;
  readonly rng: Rng;
  readonly money: (cents: number) => string;
  readonly date: (format: string) => string;
  readonly time: (format: string) => string;
  readonly columns: number;
}

export interface LocalePack {
  readonly language: 'de' | 'fr' | 'it' | 'pt' | 'nl' | 'es' | 'en';
  readonly regions: readonly RegionPack[];
  readonly shops: Readonly<Record<ShopKind, ShopPack>>;
  readonly words: Words;
  /** Probability that date, time and receipt number print at the top (else at the foot). */
  readonly metaOnTop: number;
  /** Probability of a VAT table (else a one-line tax note or nothing). */
  readonly vatTable: number;
  /** Probability of a subtotal row before the total. */
  readonly subtotal: number;
  /** How quantity and weight rows print: a line above or below the item, inline, or in columns. */
  readonly quantityStyles: Weighted<QuantityStyle>;
  /** Whether item rows carry a VAT code after the amount, a rate column, or nothing. */
  readonly codeStyles: Weighted<CodeStyle>;
  /** Negative amounts: "-0,50" or, on many German and Dutch tills, "0,50-". */
  readonly trailingMinus: number;
  /** The heading a fiscal document prints under the merchant ("DOCUMENTO COMMERCIALE", "FATURA SIMPLIFICADA"). */
  readonly documentHeading?: (ctx: PackContext) => readonly BlockRow[];
  /** Fiscal lines at the foot (TSE signature, RT serial, ATCUD, certified software). */
  readonly fiscalFooter?: (ctx: PackContext) => readonly BlockRow[];
  /** The card terminal slip, printed below the receipt when the payment says so. */
  readonly cardSlip: (ctx: PackContext) => readonly BlockRow[];
}
