/**
 * What a generated receipt is made of: the content (merchant, items, VAT, payment, all amounts in integer
 * cents) and the printed lines the layout makes of it. Labels and images are both derived from these.
 */
import type { NumberStyle } from './money.js';

export const LANGUAGES = ['de', 'fr', 'it', 'pt', 'nl', 'es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type ShopKind = 'grocery' | 'bakery' | 'restaurant' | 'pharmacy' | 'fuel' | 'retail';

/**
 * VAT classes, mapped to a rate per country and date: `food` is the lowest food rate (IT/ES 4%, FR 5,5%),
 * `reduced` the ordinary reduced rate, `meal` food served in a restaurant, `zero` zero-rated or exempt.
 */
export type VatClass = 'standard' | 'reduced' | 'food' | 'meal' | 'zero';

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export interface Hms {
  readonly h: number;
  readonly m: number;
  readonly s: number;
}

export interface Merchant {
  readonly kind: ShopKind;
  /** The name line as printed (the label's company). */
  readonly name: string;
  /** Legal entity or slogan printed under the name, when there is one. */
  readonly subline?: string;
  /** Street and postcode/city lines as printed (the label's address, joined by a space). */
  readonly addressLines: readonly string[];
  /** The phone line as printed, label included ("Tel. 030 1234567"). */
  readonly phoneLine?: string;
  /** The VAT or tax id line as printed ("USt-IdNr.: DE123456789"). */
  readonly vatIdLine?: string;
  /** More header lines: website, opening hours, branch number. */
  readonly extraLines: readonly string[];
}

export type Unit = 'pc' | 'kg' | 'lb' | 'l' | 'gal';

export interface ItemLine {
  readonly kind: 'plain' | 'quantity' | 'weight' | 'volume' | 'deposit' | 'discount' | 'return';
  readonly description: string;
  /** Quantity in thousandths (2000 = 2 pieces, 296 = 0,296 kg); absent on plain rows, discounts and deposits. */
  readonly quantityMilli?: number;
  readonly unit?: Unit;
  /** Unit price in thousandths of the currency (1290 = 1,29; 1799 = 1,799 per litre). */
  readonly unitPriceMilli?: number;
  /** How many decimals the unit price prints with (fuel prices have three). */
  readonly unitPriceDecimals: 2 | 3;
  readonly amount: number;
  readonly vatClass: VatClass;
}

export interface VatLine {
  readonly vatClass: VatClass;
  /** The code printed beside items and in the table: "A", "1", "B"... */
  readonly code: string;
  readonly rateBp: number;
  readonly net: number;
  readonly tax: number;
  readonly gross: number;
}

export interface CashPayment {
  readonly method: 'cash';
  readonly given: number;
  readonly change: number;
}

export interface CardPayment {
  readonly method: 'card';
  /** The card word as printed on the payment row: "girocard", "CB", "Multibanco", "VISA"... */
  readonly scheme: string;
  readonly last4: string;
  readonly contactless: boolean;
  /** Whether the terminal slip is printed below the receipt. */
  readonly slip: boolean;
  readonly authCode: string;
  readonly terminalId: string;
  readonly trace: string;
}

export type Payment = CashPayment | CardPayment;

export interface SalesTax {
  readonly label: string;
  readonly rateBp: number;
  readonly taxable: number;
  readonly amount: number;
  /** Classes not taxed (food in many US states). */
  readonly exempt: readonly VatClass[];
}

export interface ReceiptContent {
  readonly id: string;
  readonly language: Language;
  /** Region pack id such as "de-DE", "de-CH", "en-US". */
  readonly region: string;
  readonly currency: 'EUR' | 'CHF' | 'GBP' | 'USD';
  readonly numbers: NumberStyle;
  readonly merchant: Merchant;
  readonly date: Ymd;
  readonly time: Hms;
  readonly items: readonly ItemLine[];
  /** Sum of the item rows (discounts and deposits included). */
  readonly itemsSum: number;
  /** Tax added on top (US sales tax); absent where prices include VAT. */
  readonly salesTax?: SalesTax;
  readonly vat: readonly VatLine[];
  /** Cash rounding to 5 cents (NL, BE, CH) added to the sum to get what is paid. */
  readonly rounding: number;
  /** The amount paid (refunds: negative). */
  readonly total: number;
  readonly payment: Payment;
  readonly refund: boolean;
  readonly receiptNo: string;
  readonly cashier: string;
  readonly till: string;
  readonly table?: string;
}

export type CellAlign = 'left' | 'right' | 'center';

export interface Cell {
  readonly text: string;
  /** left: first column; right: column after the last character; center: centre column. */
  readonly col: number;
  readonly align: CellAlign;
}

export type LineSize = 'normal' | 'tall' | 'wide';

export interface PrintedLine {
  readonly kind: 'text' | 'rule' | 'qr' | 'barcode';
  readonly cells: readonly Cell[];
  /** tall = double height; wide = double width and height (half as many columns). */
  readonly size: LineSize;
  readonly bold: boolean;
  /** rule: the character repeated; qr/barcode: ignored. */
  readonly ruleChar?: string;
  /** qr/barcode: rows of text height the graphic takes. */
  readonly rows?: number;
}

export interface PrintedReceipt {
  readonly columns: number;
  readonly lines: readonly PrintedLine[];
}
