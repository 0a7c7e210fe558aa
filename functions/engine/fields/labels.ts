/**
 * Row labels in English, Spanish and Malay, written to tolerate the OCR confusions seen on thermal receipts
 * (T0TAL, TOTAI, SUB-TOTAL, SUBTOTAL, 5UBTOTAL). Each pattern runs on the upper-cased row text.
 */

const T = '(?:T|\\[|\\b)[O0]T[A4][L1I]';
/** SUB, as the OCR reads it on thermal paper: SUB, 5UB, SUN, SVB, SU8. */
const SUB = '[S5][UV][BN8]';

/** The grand total, stated strongly: preferred over a plain TOTAL. */
export const STRONG_TOTAL = new RegExp(
  [
    `GRAND\\s*${T}`,
    `NETT?\\s*${T}`,
    `FINAL\\s*${T}`,
    `${T}\\s*A\\s*PAGAR`,
    `NETO\\s*A\\s*PAGAR`,
    `VALOR\\s*${T}`,
    `VALOR\\s*A\\s*PAGAR`,
    `${T}\\s*COMPRA`,
    `VR\\.?\\s*${T}`,
    `${T}\\s*(AMT\\.?\\s*)?PAYABLE`,
    `${T}\\s*DUE`,
    `AMOUNT\\s*DUE`,
    `BALANCE\\s*DUE`,
    `${T}\\s*(SALES\\s*)?\\(?\\s*INC(L|LUSIVE|LUDES|\\.)`,
    `${T}\\s*\\(?\\s*(IVA|GST|TAX|VAT|SST)\\s*INCL`,
    `${T}\\s*(AMT|AMOUNT)\\s*INC`,
    `${T}\\s*AFTER`,
    `${T}\\s*ROUNDED`,
    `ROUNDED\\s*${T}`,
    `${T}\\s*FACTURA`,
    `${T}\\s*VENTA`,
    `${T}\\s*(A\\s*)?PAGADO`,
    `JUMLAH\\s*(BESAR|BERSIH)`,
  ].join('|'),
);

/** A plain total label. */
export const TOTAL = new RegExp(`${T}|JUMLAH|IMPORTE|^\\s*DUE\\b|\\bDUE\\b\\s*[:.]?\\s*[\\d$R]`);

/** Rows that say TOTAL but are not the amount paid. */
export const NOT_TOTAL = new RegExp(
  [
    `${SUB}\\W?\\s*${T}`,
    `${T}\\s*(QTY|QUANTITY|ITEM|ITEMS|ITEM\\(S\\)|UNITS|PCS|ART[IÍ]CULOS|UNIDADES|CANT)`,
    `(QTY|ITEM\\(?S?\\)?|ITEMS)\\s*${T}`,
    `${T}\\s*(SAVING|SAVINGS|DISCOUNT|DISC|DESCUENTO|AHORRO|PROMOTIONAL)`,
    `${T}\\s*(TAX|GST|SST|VAT|IVA|IMPUESTO)(?!\\s*\\(?\\s*INCL)`,
    `(T[A4][XYK]|[G6C][S5]T|SST|VAT|IVA)\\s*${T}`,
    `INCLUDED\\s*IN\\s*${T}`,
    `${T}\\s*INCLUDED\\s*(GST|TAX)`,
    `${T}\\W*EXCL`,
    `EXCLUDING`,
    `${T}\\s*(0|6|\\d+)\\s*%\\s*SUPPLIES`,
    `${T}\\s*(TENDER|TENDERED|PAID)`,
    `${T}\\s*(EXCL|SIN\\s*IVA|BEFORE)`,
    'BASE\\s*GRAVABLE',
  ].join('|'),
);

export const SUBTOTAL = new RegExp(
  `${SUB}\\W?\\s*${T}|${T}\\s*(SALES\\s*)?\\(?\\s*EXCL|${T}\\s*SIN\\s*IVA|${T}\\s*BEFORE|BASE\\s*GRAVABLE|\\bNETO\\b(?!\\s*A\\s*PAGAR)`,
);

/** Tax amounts. Registration numbers and summary headings that mention the tax are excluded by NOT_TAX. */
export const TAX =
  /\b(GST|SST|VAT|IVA|TAX|IMPUESTO|IMPOCONSUMO|INC|I\.V\.A\.?|IMP\.?\s*CONSUMO|SALES\s*TAX|HST|PST)\b/;
export const NOT_TAX =
  /\b(GST|SST|VAT|TAX)\s*(ID|REG|NO|NUMBER|#|INVOICE|SUMMARY|CODE)|TAX\s*INVOICE|GSTID|GST\s*SUMMARY|\bNIT\b|R[EÉ]GIMEN|EXCL|EXCLUDING|SIN\s*IVA|SUPPLIES|INCLUSIVE|INCL\.?\s/;

export const TIP = /\b(TIP|TIPS|GRATUITY|PROPINA|SERVICIO\s*VOLUNTARIO)\b/;
export const DISCOUNT = /\b(DISCOUNT|DISC|DESCUENTO|DSCTO|DESC\.|SAVINGS?|AHORRO|PROMO)\b/;
export const ROUNDING = /\b(ROUNDING|ROUND\s*AD|REDONDEO|AJUSTE\s*AL\s*PESO|PEMBUNDARAN)/;
export const CASH_TENDERED =
  /\b(CASH|EFECTIVO|TUNAI|TENDERED|TENDER|PAID\s*AMOUNT|AMOUNT\s*PAID|PAID|RECIBIDO|PAGO\s*CON|PAGA\s*CON|PAY)\b/;
export const NOT_CASH =
  /\b(CASHIER|CAJERO|CASH\s*SALES?|CASH\s*INV|CASH\s*BILL|CASH\s*ROUNDING|NON-CASH|CASH\s*REFUND)\b/;
export const CHANGE = /\b(CHANG[EZ3]|CAMBIO|VUELTO|VUELTA|VUELTAS|DEVUELTA|BAKI|CHANGE\s*DUE)\b/;
export const NOT_CHANGE = /EXCHANGE|INTERCAMBIO/;

/** Headings of the tax summary table at the foot of Malaysian GST receipts: its "TOTAL" is not the bill. */
export const SUMMARY_HEADING =
  /(GST|G5T|6ST|TAX|SST|VAT|IVA)\s*S[UJ][MN]{1,2}AR[YV]|^\s*(GST|TAX)\s*%?\s*(AMT|AMOUNT)|SUMMARY\s*(OF\s*)?(GST|TAX)|^\s*(CODE|TAX\s*CODE|GST\s*CODE)\b.*\b(AMOUNT|AMT)\b|RESUMEN\s*(DE\s*)?(IVA|IMPUESTOS)|DISCRIMINACI[OÓ]N\s*(DE\s*)?(IVA|TARIFAS)/;

/** Column headings of the items table. */
export const ITEM_HEADER =
  /\b(QTY|QUANTITY|DESCRIPTION|DESC|ITEM|ITEMS|ITEMNAME|PRICE|U\/P|S\/PRICE|UNIT|AMOUNT|AMT|CANT|CANTIDAD|DESCRIPCI[OÓ]N|ART[IÍ]CULO|PRODUCTO|VALOR|PRECIO|VR\.?\s*UNIT|IMPORTE)\b/g;
