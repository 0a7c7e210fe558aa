/** Malay: Malaysian receipts print Malay labels beside English ones. */
import type { LocalePack } from './types.js';

export const ms: LocalePack = {
  language: 'ms',
  tesseract: 'msa',
  markers: ['JUMLAH', 'TUNAI', 'BAKI', 'TERIMA KASIH', 'HARGA', 'KUANTITI', 'CUKAI'],
  labels: {
    strongTotal: ['JUMLAH BESAR', 'JUMLAH BERSIH', 'JUMLAH PERLU DIBAYAR'],
    total: ['JUMLAH'],
    notTotal: ['JUMLAH KUANTITI', 'JUMLAH CUKAI', 'JUMLAH DISKAUN'],
    subtotal: ['JUMLAH KECIL'],
    tax: ['CUKAI'],
    notTax: [],
    tip: [],
    discount: ['DISKAUN', 'POTONGAN'],
    rounding: ['PEMBUNDARAN', 'PELARASAN'],
    cash: ['TUNAI'],
    notCash: [],
    change: ['BAKI'],
    card: ['KAD'],
    mobile: [],
    voucher: ['BAUCAR'],
    dateLabel: ['TARIKH'],
    notTransactionDate: ['TARIKH LUPUT'],
    itemHeader: ['KUANTITI', 'HARGA', 'BARANG'],
    net: [],
    summaryColumn: [],
    summaryHeading: [],
    deposit: [],
    refund: ['PULANGAN', 'BAYARAN BALIK'],
    street: [],
    postcode: [],
  },
  months: {
    JAN: 1, JANUARI: 1, FEB: 2, FEBRUARI: 2, MAC: 3, APR: 4, APRIL: 4, MEI: 5, JUN: 6, JUL: 7, JULAI: 7,
    OGOS: 8, OGO: 8, SEP: 9, SEPTEMBER: 9, OKT: 10, OKTOBER: 10, NOV: 11, NOVEMBER: 11, DIS: 12, DISEMBER: 12,
  }, // biome-ignore format: a table reads better aligned
  countries: [
    {
      country: 'MY',
      currency: 'MYR',
      hints: [
        /\bSDN\.?\s*BHD\b/,
        /\bS\/B\b/,
        /\bBHD\b/,
        /\bGST\b/,
        /\bSST\b/,
        /\bMALAYSIA\b/,
        /\bJA?LA?N\b/,
        /\bTAMAN\b/,
        /\b(SELANGOR|KUALA LUMPUR|JOHOR|PENANG|SABAH|SARAWAK|PERAK|KEDAH|MELAKA|PAHANG|PETALING|KLANG)\b/,
      ],
    },
  ],
};
