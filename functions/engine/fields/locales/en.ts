/** English: Malaysian, Singaporean, British and US receipts. */
import { re, SUB, T } from './ocr-forms.js';
import type { LocalePack } from './types.js';

export const en: LocalePack = {
  language: 'en',
  tesseract: 'eng',
  markers: ['TOTAL', 'CASH', 'CHANGE', 'THANK YOU', 'RECEIPT', 'SUBTOTAL', 'AMOUNT', 'QTY', 'PRICE', 'TAX'],
  labels: {
    strongTotal: [
      re(`GRAND\\s*${T}`),
      re(`NETT?\\s*${T}`),
      re(`FINAL\\s*${T}`),
      re(`${T}\\s*(AMT\\.?\\s*)?PAYABLE`),
      re(`${T}\\s*DUE`),
      re('AMOUNT\\s*DUE'),
      re('BALANCE\\s*DUE'),
      re(`${T}\\s*(SALES\\s*)?\\(?\\s*INC(L|LUSIVE|LUDES|\\.)`),
      re(`${T}\\s*\\(?\\s*(IVA|GST|TAX|VAT|SST)\\s*INCL`),
      re(`${T}\\s*(AMT|AMOUNT)\\s*INC`),
      re(`${T}\\s*AFTER`),
      re(`${T}\\s*ROUNDED`),
      re(`ROUNDED\\s*${T}`),
      'AMOUNT TO PAY',
      'TOTAL TO PAY',
      'BALANCE TO PAY',
      'AMOUNT PAYABLE',
    ],
    total: [re(T), re('^\\s*DUE\\b'), re('\\bDUE\\b\\s*[:.]?\\s*[\\d$R£]')],
    notTotal: [
      re(`${SUB}\\W?\\s*${T}`),
      re(`${T}\\s*(QTY|QUANTITY|ITEM|ITEMS|ITEM\\(S\\)|UNITS|PCS|LINES?)`),
      re(`(QTY|ITEM\\(?S?\\)?|ITEMS|NO\\.?\\s*OF\\s*ITEMS)\\s*${T}`),
      re(`${T}\\s*(SAVING|SAVINGS|DISCOUNT|DISC|PROMOTIONAL)`),
      re(`${T}\\s*(TAX|GST|SST|VAT)(?!\\s*\\(?\\s*INCL)`),
      re(`(T[A4][XYK]|[G6C][S5]T|SST|VAT)\\s*${T}`),
      re(`INCLUDED\\s*IN\\s*${T}`),
      re(`${T}\\s*INCLUDED\\s*(GST|TAX)`),
      re(`${T}\\W*EXCL`),
      re('EXCLUDING'),
      re(`${T}\\s*(0|6|\\d+)\\s*%\\s*SUPPLIES`),
      re('(ZERO|EXEMPT|Z\\W?RATED|0\\s*%)\\s*(RATED\\s*)?(SUPPLIES|SUPPLY|ITEMS)'),
      re(`${T}\\s*(TENDER|TENDERED|PAID)`),
      re(`${T}\\s*BEFORE`),
      re(`${T}\\s*INCLUDES\\s*[\\d.,]*\\s*%?\\s*(GST|TAX|VAT|SST)`),
      re(`YOU\\s*SAVED|SAVINGS|AMOUNT\\s*SAVED`),
    ],
    subtotal: [re(`${SUB}\\W?\\s*${T}`), re(`${T}\\s*(SALES\\s*)?\\(?\\s*EXCL`), re(`${T}\\s*BEFORE`)],
    tax: [re('\\b(GST|SST|VAT|TAX|SALES\\s*TAX|HST|PST)\\b')],
    notTax: [
      re(
        '\\b(GST|SST|VAT|TAX)\\s*(ID|REG|NO|NUMBER|#|INVOICE|SUMMARY|CODE)|TAX\\s*INVOICE|GSTID|GST\\s*SUMMARY|EXCL|EXCLUDING|SUPPLIES|INCLUSIVE|INCL\\.?\\s',
      ),
    ],
    tip: [re('\\b(TIP|TIPS|GRATUITY)\\b')],
    discount: [re('\\b(DISCOUNT|DISC|SAVINGS?|PROMO|COUPON|VOUCHER\\s*DISC|OFFER|MARKDOWN|REDUCTION)\\b')],
    rounding: [re('\\b(ROUNDING|ROUND\\s*AD)')],
    cash: [re('\\b(CASH|TENDERED|TENDER|PAID\\s*AMOUNT|AMOUNT\\s*PAID|AMOUNT\\s*TENDERED|PAID|PAY)\\b')],
    notCash: [
      re('\\b(CASHIER|CASH\\s*SALES?|CASH\\s*INV|CASH\\s*BILL|CASH\\s*ROUNDING|NON-CASH|CASH\\s*REFUND)\\b'),
      // a card or wallet named "... PAY" is no cash handed over
      re('\\b(V|UNION|APPLE|GOOGLE|SAMSUNG|GRAB|QR|WECHAT)\\s*PAY\\b'),
    ],
    change: [re('\\b(CHANG[EZ3]|CHANGE\\s*DUE|CASH\\s*BACK|CASHBACK)\\b')],
    card: [
      re(
        '\\b(VISA|MASTERCARD|MASTER\\s*CARD|MASTER|AMEX|AMERICAN\\s*EXPRESS|DINERS|DISCOVER|JCB|UNION\\s*PAY|MAESTRO|DEBIT|CREDIT|CARD|APPROVAL|AUTH\\s*CODE|CHIP|CONTACTLESS|MYDEBIT|X{4,}\\d{4}|\\*{4,}\\d{4})\\b',
      ),
    ],
    mobile: [
      re(
        "\\b(APPLE\\s*PAY|GOOGLE\\s*PAY|SAMSUNG\\s*PAY|GRAB\\s*PAY|GRABPAY|BOOST|TOUCH\\s*'?N\\s*GO|TNG|E-?WALLET|PAYPAL|VENMO|ALIPAY|WECHAT\\s*PAY|DUITNOW|QR\\s*PAY)\\b",
      ),
    ],
    voucher: [re('\\b(VOUCHER|GIFT\\s*CARD|GIFT\\s*CERT|COUPON)\\b')],
    dateLabel: [re('\\b(DATE|DATED|DT)\\b')],
    notTransactionDate: [re('\\b(EXP|EXPIRY|EXPIRES|VALID|BIRTH|PRINTED|BEST\\s*BEFORE|USE\\s*BY)\\b')],
    itemHeader: [
      re('\\b(QTY|QUANTITY|DESCRIPTION|DESC|ITEM|ITEMS|ITEMNAME|PRICE|U\\/P|S\\/PRICE|UNIT|AMOUNT|AMT)\\b'),
    ],
    net: ['NET', 'NET AMOUNT', 'EXCL VAT', 'EXCL. VAT', 'AMOUNT EXCL'],
    summaryColumn: ['NET', 'GROSS', 'VAT', 'RATE'],
    summaryHeading: [
      re('(GST|G5T|6ST|TAX|SST|VAT)\\s*S[UJ][MN]{1,2}AR[YV]'),
      re('^\\s*(GST|TAX)\\s*%?\\s*(AMT|AMOUNT)'),
      re('SUMMARY\\s*(OF\\s*)?(GST|TAX)'),
      re('^\\s*(CODE|TAX\\s*CODE|GST\\s*CODE)\\b.*\\b(AMOUNT|AMT)\\b'),
      re('^\\s*VAT\\s*(RATE|%)'),
    ],
    deposit: ['DEPOSIT', 'BOTTLE DEPOSIT', 'CRV'],
    refund: ['REFUND', 'RETURN', 'CREDIT NOTE', 'REFUNDED'],
    street: [],
    // British postcodes ("LS1 5DT"; "YO1 7HH" read "Y01 7HH") and Irish Eircodes ("H91 E2K3").
    postcode: [/\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/, /\b[A-Z]\d[\dW]\s?[A-Z\d]{4}\b/],
  },
  months: {
    JAN: 1, JANUARY: 1, FEB: 2, FEBRUARY: 2, MAR: 3, MARCH: 3, APR: 4, APRIL: 4, MAY: 5, JUN: 6, JUNE: 6,
    JUL: 7, JULY: 7, AUG: 8, AUGUST: 8, SEP: 9, SEPT: 9, SEPTEMBER: 9, OCT: 10, OCTOBER: 10, NOV: 11,
    NOVEMBER: 11, DEC: 12, DECEMBER: 12,
  }, // biome-ignore format: a table reads better aligned
  countries: [
    {
      country: 'US',
      currency: 'USD',
      monthFirst: true,
      hints: [
        /\b(AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\s+\d{5}(-\d{4})?\b/,
        /\bSALES\s*TAX\b/,
        /\bUSA\b/,
        /\bUNITED STATES\b/,
        /\(\d{3}\)\s*\d{3}-\d{4}/,
      ],
    },
    {
      country: 'GB',
      currency: 'GBP',
      hints: [/\bVAT\s*(REG|NO)/, /\bUNITED KINGDOM\b/, /\bUK\b/, /\b[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\b/],
    },
    {
      // Ireland pays in euros; its tills print a VAT number starting IE and an Eircode ("H91 E2K3"), and a
      // euro sign read as "£" must not make the receipt British.
      country: 'IE',
      currency: 'EUR',
      hints: [
        /\bIE\s?\d[\dA-Z+*]\d{5}[A-Z]{1,2}\b/,
        /\b[AC-FHKNPRTV-Y]\d[\dW]\s[\dAC-FHKNPRTV-Y]{4}\b/,
        /\b(IRELAND|[EÉ]IRE|DUBLIN|CORK|GALWAY|LIMERICK|KILKENNY|WATERFORD)\b/,
      ],
    },
    { country: 'SG', currency: 'SGD', hints: [/\bSINGAPORE\b/, /\bPTE\.?\s*LTD\b/, /\bUEN\b/] },
  ],
};
