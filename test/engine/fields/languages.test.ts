import { describe, expect, it } from 'vitest';
import { extractReceipt } from '../../../functions/engine/fields/index.js';
import {
  CASH_TENDERED,
  CHANGE,
  NOT_CASH,
  phraseSource,
  STRONG_TOTAL,
  TOTAL,
} from '../../../functions/engine/fields/labels.js';
import { LOCALES } from '../../../functions/engine/fields/locales/index.js';
import { ocrLines, readWeakly } from './ocr-lines.js';

/** Receipts as the English model reads them: umlauts and accents lost or split, some letters slipped. */
const RECEIPTS = {
  German: {
    text: `
EDEKA Markt Schmitt
Rosenweg 29
58239 Schwerte
UID Nr.: DE124914673
                       EUR
Bananen Chiquita      0,95 A
Landmilch 2 x 0,55    1,10 A
Kase Gouda            2,49 B
Posten: 3
SUMNE EUR             4,54
Bar                  10,00
Riickgeld            -5,46
MwSt%   Netto   MwSt   Brutto
A 7%    4,24    0,30   4,54
Datum: 03.04.2025  10:33 Uhr`,
    total: '4.54',
    date: '2025-04-03',
    currency: 'EUR',
    payment: 'cash',
  },
  French: {
    text: `
CARREFOUR CITY
12 RUE DE LA PAIX
75002 PARIS
SIRET 123 456 789 00012
Le 14/02/2025 a 18:42
PAIN DE CAMPAGNE        2,10
FROMAGE COMTE          14,90
TOTAL TTC           1 017,00
ESPECES             1 020,00
RENDU MONNAIE           3,00
TAUX   HT      TVA    TTC
5,5%  963,98  53,02  1017,00
MERCI DE VOTRE VISITE`,
    total: '1017.00',
    date: '2025-02-14',
    currency: 'EUR',
    payment: 'cash',
  },
  Italian: {
    text: `
SUPERMERCATO ROSSI SRL
VIA ROMA 10 - 00100 ROMA
P.IVA 01234567890
DOCUMENTO COMMERCIALE
di vendita o prestazione
PANE                    1,80
LATTE INTERO            1,29
TOTALE COMPLESSIVO      3,09
DI CUI IVA              0,28
PAGAMENTO CONTANTE      5,00
RESTO                   1,91
07-03-2025 11:20`,
    total: '3.09',
    date: '2025-03-07',
    currency: 'EUR',
    payment: 'cash',
  },
  Portuguese: {
    text: `
PINGO DOCE
RUA AUGUSTA 100
1100-053 LISBOA
CONTRIBUINTE 500829993
FATURA SIMPLIFICADA
ARROZ AGULHA           1,19
AZEITE                 6,49
TOTAL A PAGAR          7,68
MULTIBANCO             7,68
Data: 2025-01-20 09:15`,
    total: '7.68',
    date: '2025-01-20',
    currency: 'EUR',
    payment: 'card',
  },
  Dutch: {
    text: `
ALBERT HEIJN
DAMSTRAAT 5
1012 JM AMSTERDAM
KAAS JONG BELEGEN      4,99
BROOD VOLKOREN         2,39
STATIEGELD             0,25
TE BETALEN             7,63
CONTANT               10,00
WISSELGELD             2,37
BTW   OVER    BTW
9%    7,00    0,63
12-06-2025 14:05`,
    total: '7.63',
    date: '2025-06-12',
    currency: 'EUR',
    payment: 'cash',
  },
} as const;

describe.each(Object.entries(RECEIPTS))('a %s receipt', (_language, receipt) => {
  const result = extractReceipt(ocrLines(receipt.text));

  it('gives the amount paid as the total, not the cash handed over', () => {
    expect(result.fields.total?.value).toBe(receipt.total);
  });

  it('reads the date day first', () => {
    expect(result.fields.transactionDate?.value).toBe(receipt.date);
  });

  it('knows the currency and the payment method', () => {
    expect(result.fields.currency?.value).toBe(receipt.currency);
    expect(result.fields.paymentMethod?.value).toBe(receipt.payment);
  });
});

describe('labels compiled from the locale packs', () => {
  it.each([
    ['SUMME', 'SUMNE EUR 9,74'],
    ['SUMME', '5UMME 9,74'],
    ['ZU ZAHLEN', 'ZUZAHLEN 26,60'],
    ['TOTAL TTC', 'T0TAL TTC 12,40'],
    ['TE BETALEN', 'TE BETALEN: 7,63'],
  ])('finds %s in "%s"', (_label, row) => {
    expect(STRONG_TOTAL.test(row) || TOTAL.test(row)).toBe(true);
  });

  it('does not find a total inside a longer word', () => {
    expect(TOTAL.test('ZWISCHENSUMME 28,30')).toBe(false);
  });

  it.each([
    ['RÜCKGELD', 'RIICKGELD 0,07'],
    ['RÜCKGELD', 'RUCKGELD 0,07'],
    ['RÜCKGELD', 'RICKGELD 14,77'],
    ['RENDU', 'RENDU MONNAIE 3,00'],
    ['TROCO', 'TROCO 1,00'],
  ])('finds the change label %s in "%s"', (_label, row) => {
    expect(CHANGE.test(row)).toBe(true);
  });

  it.each([
    ['NUMERÁRIO', 'NUMERARIO 35,00'],
    ['NUMERÁRIO', 'NUMERÁRIO 35,00'],
  ])('finds the cash label %s in "%s" with or without its acute accent', (_label, row) => {
    expect(CASH_TENDERED.test(row)).toBe(true);
  });

  it('takes a German BAR only at the start of the row, not inside an item name', () => {
    expect(CASH_TENDERED.test('BAR 10,00')).toBe(true);
    expect(CASH_TENDERED.test('SCHOKO BAR 1,29')).toBe(false);
  });

  it('compiles every phrase of every pack into a valid pattern', () => {
    for (const pack of LOCALES) {
      for (const phrases of Object.values(pack.labels)) {
        for (const phrase of phrases) expect(() => new RegExp(phraseSource(phrase))).not.toThrow();
      }
    }
  });
});

describe('totals that add up', () => {
  it('reads a decimal comma the OCR took for a low quotation mark', () => {
    const result = extractReceipt(
      ocrLines(`
EDEKA Schmitt
                       EUR
SUMME €            43 \u201A95
Bar €                 50,00
Rückgeld €             6,05`),
      { languages: ['deu'] },
    );
    expect(result.fields.total?.value).toBe('43.95');
  });

  it('prefers the value cash - change and the VAT table agree on over a misread printed total', () => {
    const result = extractReceipt(
      ocrLines(`
REWE Markt
SUMME EUR            27,68
Bar                  30,00
Rückgeld              2,37
MwSt  Netto  MwSt  Brutto
7%    25,82  1,81  27,63`),
    );

    expect(result.fields.total?.value).toBe('27.63');
  });

  it('keeps a printed total one source supports', () => {
    const result = extractReceipt(
      ocrLines(`
SUBTOTAL          10.00
TAX                0.80
TOTAL             10.80
CASH              20.00
CHANGE             9.20`),
    );

    expect(result.fields.total?.value).toBe('10.80');
    expect(result.fields.total?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('puts back a zero read as 6 or 8 in a total that the card payment prints right', () => {
    const result = extractReceipt(ocrLines(`\nTotal à payer 43,16 €\nTVA 20% 7,18\nCB 43,10 €`));

    expect(result.fields.total?.value).toBe('43.10');
    expect(result.fields.total?.evidence).toEqual([
      'printed 43,16 read with a slipped digit',
      'agrees with card',
    ]);
  });

  it('takes the items sum over a weakly read total one digit away from it, not over a total read clearly', () => {
    const receipt = (totalConfidence: number) =>
      extractReceipt(
        readWeakly(
          ocrLines(`
EDEKA Schmitt
                       EUR
Americ.Sandwich       1,49 A
Graupen               2,99 A
Zwiebeln              1,59 A
Kaffee               21,24 A
SUMME €              20,31`),
          'SUMME',
          totalConfidence,
        ),
        { languages: ['deu'] },
      );

    expect(receipt(0.43).fields.total?.value).toBe('27.31');
    expect(receipt(0.43).fields.total?.evidence).toEqual([
      'printed 20,31 read with a slipped digit',
      'agrees with items',
    ]);
    expect(receipt(0.9).fields.total?.value).toBe('20.31');
  });

  it('keeps a weakly read total over cash and change one digit away (the cash may be the misread figure)', () => {
    const lines = readWeakly(
      ocrLines(
        `
TOTAL SALES          52.10
CASH                 40.00
CHANGE                7.90`,
        0.8,
      ),
      'TOTAL',
      0.5,
    );

    expect(extractReceipt(lines).fields.total?.value).toBe('52.10');
  });

  it('reads a return slip whose totals are all negative as a refund, with or without a refund word', () => {
    const result = extractReceipt(
      ocrLines(`PAPIER X12  -6,35 €\nSOUS TOTAL  -6,35 €\nTOTAL TTC  -6,35 €\nCB  -6,35 €`),
    );

    expect(result.fields.total?.value).toBe('-6.35');
  });

  it('reads a refund receipt with a negative total', () => {
    const result = extractReceipt(
      ocrLines(`
RETOUR / REFUND
SHIRT BLUE         -19.99
TOTAL              -19.99
VISA REFUND        -19.99`),
    );

    expect(result.fields.total?.value).toBe('-19.99');
  });

  it('reads a German return (Retoure) whose total lost its minus sign as a refund', () => {
    const result = extractReceipt(
      ocrLines(`Supermarkt Hoffmann
Retoure
Weizenmehl Type 405 -0,99 A
Gesamtbetrag 0,99 €
Gegeben Bar -0,99
A MwSt 7% -0,06
Netto -0,93`),
    );
    expect(result.fields.total?.value).toBe('-0.99');
  });

  it("gives a refund's total the minus sign its subtotal and cash have", () => {
    const result = extractReceipt(
      ocrLines(`
Creditnota
2 JUS D'ORANGE 1L    -5,18
BOODSCHAPPENTAS      -0,29
Subtotaal            -5,47
TOTAAL                5,47 €
CONTANT              -5,47`),
    );

    expect(result.fields.total?.value).toBe('-5.47');
  });

  it('takes cash - change when the strong total row is unreadable and only a VAT column heading says Total', () => {
    const result = extractReceipt(
      ocrLines(`
QUESO MANCHEGO 4%    22,44
VINO TINTO 21%        6,00
TOTAL A PAGAR        £€3,13
EFECTIVO             40,00
CAMBIO                7,87
IVA Base Imp. Cuota Total
1 21% 5,04 1,06 6,10
3 4% 23,39 0,94 24,33`),
    );

    expect(result.fields.total?.value).toBe('32.13');
  });

  it('takes the amount charged to the card when no total row was read', () => {
    const result = extractReceipt(
      ocrLines(`
ROGGENMISCHBROT 750G   2,43
ORANGENSAFT 1L         4,38
S:MHE                 £28,56
Geg. Mastercard        28,50`),
    );

    expect(result.fields.total?.value).toBe('28.50');
    expect(result.fields.total?.evidence).toEqual(['amount charged to the card (no total row)']);
  });

  it('replaces a printed total below the net with the one figure one digit away that is not', () => {
    const result = extractReceipt(
      ocrLines(`
Pain de campagne  2,80
TOTAL 1,77 €
A TVA 5,5% 0,41
HT 7,36`),
    );

    expect(result.fields.total?.value).toBe('7.77');
    expect(result.fields.total?.confidence).toBeLessThan(0.8);
  });

  it("replaces a printed total below the net, more than one digit off, with the VAT table's net and tax", () => {
    const receipt = (table: string) =>
      extractReceipt(
        ocrLines(`
Pichet de vin rouge  14,00 €
Moules marinières    50,70 €
Menu du jour         15500 €
TOTAL TTC 03,10 €
${table}`),
        { languages: ['fra'] },
      ).fields.total;

    const table = receipt('1 TVA 20% 2,33\nHT 11,67\n2 TVA 10% 6,34\nHT 63,36');
    expect(table?.value).toBe('83.70');
    expect(table?.confidence).toBeLessThan(0.8);
    // nothing to put in its place: the printed total stays, but cannot be trusted
    const alone = receipt('HT 63,36');
    expect(alone?.value).toBe('3.10');
    expect(alone?.confidence).toBeLessThan(0.5);
  });

  it('takes a deposit returned for no change', () => {
    // the total row read weakly: cash − change, read crisply, would stand for it
    const result = extractReceipt(
      readWeakly(
        ocrLines(`
Spaghetti 500g        €3,97 1
Jong belegen kaas     £26001
Totaal               € 32,04
Contant              € 32,04
Emballage retour     -€ 0,25`),
        'Totaal',
        0.5,
      ),
      { languages: ['nld'] },
    );

    expect(result.fields.total?.value).toBe('32.04');
  });

  it('takes a card or wallet named "... PAY" for no cash handed over', () => {
    for (const row of ['V PAY € 32,04', 'APPLE PAY 12.50', 'UNION PAY 8.00']) {
      expect(CASH_TENDERED.test(row) && !NOT_CASH.test(row)).toBe(false);
    }
    expect(CASH_TENDERED.test('AMOUNT TO PAY 12.50') && !NOT_CASH.test('AMOUNT TO PAY 12.50')).toBe(true);
  });

  it('trusts a total read with digits missing (`31.5`, `03,10`) no more than a guess when nothing bears it out', () => {
    const total = (row: string) =>
      extractReceipt(
        ocrLines(`
MEDIUM SLICED WH 17:39 v2
COLA 2L 1.99 1
${row}
VISA DEBIT 37-52`),
      ).fields.total;

    expect(total('TOTAL EUR 31.5')).toMatchObject({ value: '31.50' });
    expect(total('TOTAL EUR 31.5')?.confidence).toBeLessThanOrEqual(0.5);
    expect(total('TOTAL EUR 31.57')?.confidence).toBeGreaterThan(0.5);
  });

  it('reads an Italian net abbreviated `Imponib.` in the VAT summary', () => {
    const result = extractReceipt(
      ocrLines(`
CORNETTO ALLA CREMA 10,00%   1,59
VASSOIO PASTICCINI 10,00%   31,37
ACQUA NATURALE 0,5L 22,00%   1,09
Subtotale                   59,19
TOTALE                     £59.00
CONTANTI                    59,19
RIEPILOGO IVA
1 IVA 22,00%                 0,20
Imponib.                     0,89
2 IVA 10,00%                 3,43
Imponibile                  34,29
3 IVA 4,00%                  0,78
Netto                       19,60`),
      { languages: ['ita'] },
    );

    expect(result.fields.total?.value).toBe('59.19');
    expect(result.fields.tax?.value).toBe('4.41');
  });

  it('replaces a printed total below a subtotal that a tax is added to with their sum one digit away', () => {
    const receipt = (card: string) =>
      extractReceipt(
        ocrLines(`
Gala Apples 3.03 N
Salted Butter 250g 2.52 N
SUBTOTAL 27.48
TAX 0.25
BALANCE DUE $21.73
${card}`),
      );

    const slipped = receipt('CARD 2:7:573').fields.total;
    expect(slipped?.value).toBe('27.73');
    expect(slipped?.confidence).toBeLessThan(0.8);
    // the card bears the printed total out: the subtotal was misread, not the total
    expect(receipt('VISA 21.73').fields.total?.value).toBe('21.73');
  });

  it('keeps a dollar total that a subtotal read with its dollar sign as a 5 adds up to without it', () => {
    const total = extractReceipt(
      ocrLines(`
SALTED BUTTER 250 52.85
CORNFLAKES 500G $2.49
Sub-Total 57.34
SALES TAX 10.25% s0.21
Total $7.55
Paid by DEBIT S755`),
    ).fields.total;

    expect(total?.value).toBe('7.55');
    expect(total?.evidence).toContain('agrees with sum');
  });

  it('reads a total whose decimal comma was lost beside its euro sign as cents', () => {
    const receipt = extractReceipt(
      ocrLines(`
Café con leche 1,89€1
Tarta de queso 3,89€1
IMPORTE 578¢€
TARJETA 578€`),
      { languages: ['spa'] },
    );

    expect(receipt.fields.total?.value).toBe('5.78');
    expect(receipt.fields.total?.evidence).toContain('agrees with items');
    // a figure with no mark stays what it reads
    expect(
      extractReceipt(ocrLines('CAFE 1,89\nIMPORTE 578\nTARJETA 5,78'), { languages: ['spa'] }).fields.total
        ?.value,
    ).toBe('5.78');
  });

  it('reads a total whose last cents digit came out as a percent sign as the figure that has the rest', () => {
    const total = extractReceipt(
      ocrLines(`
TOOTHPASTE 75ML 3.45
DISCOUNT -0.50
BALANCE DUE £2.9%
CHANGE 0.05`),
    ).fields.total;

    expect(total?.value).toBe('2.95');
    expect(total?.confidence).toBeLessThan(0.8);
  });

  it('adds a sales tax to the articles when the subtotal did not read, against cash read with a digit more', () => {
    const total = extractReceipt(
      ocrLines(`
Washing Machine 9kg $637.19 T
Electric Bike $ 1,235.34 T
SUBTOTAL G2 18725
Sales Tax $ 152.48
Total § 2,025.01
CASH $12,025.01`),
    ).fields.total;

    expect(total?.value).toBe('2025.01');
    expect(total?.evidence).toContain('agrees with sum');
  });

  it('reads a total whose cents digit was lost as the card payment that has it', () => {
    const result = extractReceipt(
      ocrLines(`
TOTAL 39,1
TARJETA 39,11€`),
    );

    expect(result.fields.total?.value).toBe('39.11');
  });

  it('knows a Discover card row for the amount charged', () => {
    const result = extractReceipt(
      ocrLines(`
SUBTOTAL 15.63
TOTAL $16.69
DISCOVER 16.09`),
    );

    expect(result.fields.total?.value).toBe('16.09');
  });

  /** A Spanish receipt whose VAT table has a zero-rated row, under the total row given. */
  const zeroRated = (totalRow: string) =>
    extractReceipt(
      ocrLines(`
Aceite de oliva virgen   9,79 €
Agua mineral 6x1,5L      2,49 €
Patatas                  0,79 €
${totalRow}
Tipo Base IVA Importe
1 10% 12,25 Jo22 13,47
2 0% 8,24 0,00 8,24`),
    );

  it("counts a zero-rated row's net as its gross in the VAT table's sum", () => {
    const result = zeroRated('TOTAL (IVA INCL.)       21,71 €');

    expect(result.fields.total?.evidence).toEqual(['strong total label', 'agrees with vat-table']);
  });

  it('puts back a digit the reading lost from the total when the VAT table adds up to it', () => {
    const result = extractReceipt(
      ocrLines(`
PARMIGIANO REGGIANO DOP 300G 4,00% 4,79
PASSATA DI POMODORO 700G 4,00% 4,23
VINO ROSSO CHIANTI 22,00% 6,39
TOTALE EURO 3,12
Dettaglio IVA
Aliquota Imponibile Imposta Totale
A 4,00% 13,43 0,54 13,97
B 22,00% 7.50 1,65 9,15`),
    );

    expect(result.fields.total?.value).toBe('23.12');
    expect(result.fields.total?.evidence).toEqual([
      'printed 3,12 read with a slipped digit',
      'agrees with vat-table',
    ]);
  });

  it('reads a VAT row by its own figures when its heading is garbled, and so overrules a total with a digit too many', () => {
    const result = extractReceipt(
      ocrLines(`
Diesel 52595
Bonus korting -1,50
Totaal EUR 508,75
BTw Excile BTW Inels
21% 41,94 8,81 50,75
PIN 50,75`),
    );

    expect(result.fields.total?.value).toBe('50.75');
    expect(result.fields.total?.evidence).toEqual([
      'vat-table and card agree',
      'printed total 508,75 disagrees',
    ]);
    expect(result.fields.tax?.value).toBe('8.81');
  });

  it('reads a VAT rate with a third decimal (21,600%) as its whole percent, so the table adds up to the card', () => {
    const result = extractReceipt(
      ocrLines(`
Tulpen bos 4,39 2
Stroopwafels 8 st 1,86 2
Te betalen £3,14
PIN 37,74
BTW Excl BTW Incl
1 21,600% 9,59 2501 11,60
2 9,00% 23,98 2,16 26,14`),
    );

    expect(result.fields.total?.value).toBe('37.74');
    expect(result.fields.total?.evidence).toEqual([
      'vat-table and card agree',
      'printed total £3,14 disagrees',
    ]);
  });

  it("reads a card payment's amount whose separator was lost before the euro sign as cents", () => {
    const result = extractReceipt(
      ocrLines(`
2 x BARRA DE PAN 1,58€
CORTADO 1,18€ A
SUBTOTAL 4,96€
MPORTE TOTAL 495
Pago con tarjeta 496€
% IVA BASE CUOTA TOTAL
A 10% 1,07 0,11 1,98`),
    );

    expect(result.fields.total?.value).toBe('4.96');
  });

  it("reads a refund's figures without their minus signs when nothing witnesses its total as read", () => {
    const cutShort = extractReceipt(
      ocrLines(`
DEVOLUCIÓN
0,610 kg x 2,49 EUR/kg
PLATANO DE CANARIAS -1,52 € 1
TOTAL -1,5 §
% IVA BASE CUOTA TOTAL
4% -1,46 -0,06 -1,52`),
    );
    const slipped = extractReceipt(
      ocrLines(`
Sofa 3 lugares -1143,09 €
Subtotal -1143,09 €
Total Documento -1143,00€
NUMERARIO -1143,09 €
Taxa Incidência IVA Total
23% -929,34 -213,75 -1143,09`),
    );

    expect(cutShort.fields.total?.value).toBe('-1.52');
    expect(slipped.fields.total?.value).toBe('-1143.09');
    expect(slipped.fields.total?.evidence?.at(-1)).toBe(
      'a refund: its figures read without their minus signs',
    );
  });

  it('takes the amount charged to the card when the only total row is a VAT row under a Total column heading', () => {
    const result = extractReceipt(
      ocrLines(`
DESCRIPCION CANT PRECIO IMPORTE
CROISSANT 1.05 €
PAN INTEGRAL 2.49 €
TARTA DE QUESO PORCION 4.19 €
Pago con tarjeta 7.73 €
% IVA BASE CUOTA TOTAL
1 10.00% 7.03 0.70 A571`),
    );

    expect(result.fields.total?.value).toBe('7.73');
    expect(result.fields.total?.evidence?.[0]).toBe(
      'amount charged to the card (no total row before the VAT table)',
    );
  });

  it("does not let the card's amount, slipped like the total, outvote the items and the VAT table", () => {
    const result = extractReceipt(
      ocrLines(`
Salade iceberg 1,19 €
Carottes vrac 0,43 €
Jambon blanc 4 tranches 3,19 €
NET À PAYER 4,31 €
Ventilation TVA
TVA HT TVA TTC
A 6% 4,54 0,27 4,81
Paiement VISA 4,31 €`),
    );

    expect(result.fields.total?.value).toBe('4.81');
    expect(result.fields.total?.evidence).toEqual([
      'vat-table and items agree',
      'printed total 4,31 disagrees',
    ]);
  });

  it('knows the VAT table below the total even when a long card slip puts it in the first third', () => {
    const slip = Array.from({ length: 24 }, (_, i) => `COPIA CLIENTE LINEA ${String.fromCharCode(65 + i)}`);
    const result = extractReceipt(
      ocrLines(
        [
          'Paracetamol 1g 40 comp 3,70',
          'Suero fisiologico 30m 4,64',
          'Tiritas surtidas 3,45',
          'DESCUENTO 20% -0,69',
          'Aportacion receta 2,69',
          'TOTAL 13,79 €',
          'IMPUESTOS',
          'IVA Base Imp. Cuota Total',
          'A 100% 6,73 0,67 7,40',
          'B 8% 6,39 0,00 6,39',
          ...slip,
        ].join('\n'),
      ),
    );

    expect(result.fields.total?.value).toBe('13.79');
  });

  it('takes SUMA as the Spanish subtotal, not as an article, and puts back the cents a total lost', () => {
    const result = extractReceipt(
      ocrLines(`
Napolitana de chocolate 10% 1,20 €
Zumo de naranja natural 10% 3,34 €
Croissant 10% 2,70 €
SUMA 7,24 €
TOTAL A PAGAR 7,2 €
ENTREGADO 10,00 €`),
    );

    expect(result.items.map((item) => item.amount)).toEqual(['1.20', '3.34', '2.70']);
    expect(result.fields.subtotal?.value).toBe('7.24');
    expect(result.fields.total?.value).toBe('7.24');
  });

  it('keeps the printed total when only one article row reads it with a digit too many', () => {
    const result = extractReceipt(
      ocrLines(`
ECRAN SOLAIRE SPF50 260,19 €
TOTAL TTC 20,19 €
CARTE BANCAIRE
HT 16,82`),
    );

    expect(result.fields.total?.value).toBe('20.19');
    expect(result.fields.total?.evidence).toEqual(['strong total label']);
  });

  it('puts back a digit the total lost when the value it stands for is printed on two rows', () => {
    const result = extractReceipt(
      ocrLines(`
TULPEN BOS €3,89 B
Subtotaal €52,78
Te betalen €5,78
PIN €52,78
BTW 21% 2,38`),
    );

    expect(result.fields.total?.value).toBe('52.78');
    expect(result.fields.total?.evidence).toEqual([
      'printed €5,78 read with a slipped digit',
      'agrees with card',
    ]);
  });

  it('reads a French total whose M came out as an H, and cash paid with the cents printed twice', () => {
    const result = extractReceipt(
      ocrLines(`
TEL 04 16 85 57 21
ECLAIR AU CHOCOLAT 3,19
HONTANT TTC 3,19 €
ESPECES 5,0000 €
A RENDRE 1,81 €`),
    );

    expect(result.fields.total?.value).toBe('3.19');
    expect(result.fields.total?.evidence).toEqual([
      'strong total label',
      'agrees with tender',
      'agrees with items',
    ]);
  });

  it('adds the cash rounding when a total row below it states the rounded amount with a digit slipped', () => {
    const result = extractReceipt(
      ocrLines(`
TULPEN BOS           € 3,45
SUBTOTAAL           €13,73
TOTAAL              €13,73
Afrondingsverschil   € 0,02
TE BETALEN          €13,15
BTW Over BTW Totaal
9% 10,67 0,96 11,63
21% 1,74 0,36 2,10`),
    );

    expect(result.fields.total?.value).toBe('13.75');
  });

  it('reads a total row whose only number has a third decimal as the VAT table figure it stands for', () => {
    const result = zeroRated('TOTAL (IVA INCL.) 21.711 £');

    expect(result.fields.total?.value).toBe('21.71');
    expect(result.fields.total?.confidence).toBeLessThan(0.8);
  });

  it("reads a total whose decimal comma was read as a digit as the card's amount", () => {
    const result = extractReceipt(ocrLines(`\nPensos rapidos sortidos 2,51\nTOTAL £15376\nMultibanco 15,76`));

    expect(result.fields.total?.value).toBe('15.76');
  });

  it("reads a total whose decimal comma was lost as the card's amount", () => {
    const result = extractReceipt(ocrLines(`\nBAGUETTE 1,30 €\nA PAYER 3021€\nCB SANS CONTACT 30,21 €`));

    expect(result.fields.total?.value).toBe('30.21');
  });

  it("takes a Portuguese card slip's Montante as the amount charged", () => {
    const result = extractReceipt(
      ocrLines(`\nDETERGENTE LOICA 750ML 1.69 €\nTOTAL 36.87 €\nMULTIBANCO\nCOMPRA\nMontante: 36.07 EUR`),
    );

    expect(result.fields.total?.value).toBe('36.07');
  });

  it('reads a refund whose minus sign stands before the currency mark, apart from the figures', () => {
    const result = extractReceipt(
      ocrLines(`\nVAT RECEIPT\nWashing Up Liquid 450m -£ 1.00\nSub-Total -£1.00\nTOTAL -£ 1.00\nCARD -£1.00`),
    );

    expect(result.fields.total?.value).toBe('-1.00');
  });

  it('joins a total whose decimal comma the OCR set apart from its whole part ("44 ,57€")', () => {
    const result = extractReceipt(ocrLines(`\nKOMKOMMER 0,99€ 1\nTotaal 44 ,57€\nPIN 44,57€`));

    expect(result.fields.total?.value).toBe('44.57');
  });

  it("reads a total after a separate mark, its separator lost and a digit slipped, as the card's amount", () => {
    const result = extractReceipt(
      ocrLines(
        `\nAppeltaart punt 3,89\nGevulde koek 2,00\nTotaal EUR 1225\nBetaald PIN 12,26\nBTW overzicht\nTotaal 12,26 EUR`,
      ),
    );

    expect(result.fields.total?.value).toBe('12.26');
  });

  it("reads a refund whose total lost its minus sign between the card's and the card slip's negative amounts", () => {
    const result = extractReceipt(
      ocrLines(
        `\nBUURTSUPER DE HOEK\nKOMKOMMER -0,72\nTotaal €0,72\nBTW Over BTW Totaal\n9% -0,66 -0,06 -0,72\nPIN -0,72\nBETALING\nTotaal -0,72 EUR`,
      ),
    );

    expect(result.fields.total?.value).toBe('-0.72');
  });

  it("knows the VAT table's sum row by its figures when its label is no subtotal word (SUB)", () => {
    const result = extractReceipt(
      ocrLines(
        `\nORANGE JUICE 1L £4.98 1\nDISCOUNT 20% -£0.36 1\nSubtotal £10.88\nTotal £106.88\nVAT SUMMARY\nRate Net VAT Total\n1 20% 7.41 1.48 8.89\n2 0% 1.99 0.00 1.99\nSUB 9.40 1.48 10.88\nAMEX £10.88`,
      ),
    );

    expect(result.fields.total?.value).toBe('10.88');
  });

  it("takes the bill the VAT table's sum row states when no total row and no card amount could be read", () => {
    const result = extractReceipt(
      ocrLines(
        `\nPHARMACIE DU CENTRE\nDoliprane 1000mg 2,29 € 3\nTOTAL À PAYER 2é,ek €\nVentilation TVA\nTaux HT TVA TTC\n21% 16,47 3,46 19,93\n6% 4,76 0,29 55.05\n0% 2,29 0,00 2,29\nSOUS 23,52 3,75 27,27\nCarte Bancontact 27.271 ¢`,
      ),
    );

    // The 6 % row's gross did not read: its net + tax stands for it, and the row below adds up to them all.
    expect(result.fields.total?.value).toBe('27.27');
    expect(result.fields.total?.confidence).toBeLessThan(0.5);
  });

  it('takes Montant reçu (its ç read as g at times) as the cash handed over, not as a total', () => {
    const receipt = (label: string) =>
      extractReceipt(ocrLines(`\nTOTAL 53,67 €\n${label} 60,00 €\nRENDU 6,33 €`)).fields.total;

    expect(receipt('Montant reçu')?.value).toBe('53.67');
    expect(receipt('Montant regu')?.value).toBe('53.67');
  });

  it('keeps a weakly read total that cash paid without change and a rounding row both state, one digit from the items', () => {
    const lines = readWeakly(
      ocrLines(
        `\nDIESEL 46,58€\nRUITENVLOEISTOF 5L 6,89€\nWASPROGRAMMA EXTRA 14,65€\nSUBTOTAAL 68,12€\nTotaalbedrag 68,12€\nAfronding -0,02€\nTE BETALEN 68,10€\nCONTANT 68,10€\nTotaal BTW 11,82€`,
      ),
      'TE BETALEN',
      0.5,
    );

    expect(extractReceipt(lines).fields.total?.value).toBe('68.10');
  });

  it('prefers a total printed with its cents to one read without any on a receipt in cents', () => {
    const receipt = (slip: string) =>
      extractReceipt(
        ocrLines(`\nWasprogramma Extra 12,24 1\nTOTAAL EUR 715510\nBTW 21,00% 12,41\nBETALING\n${slip}`),
      ).fields.total;

    expect(receipt('Totaal 71,51 EUR')?.value).toBe('71.51');
    // The slip's line read again as noise leaves the total without cents, and that must look no better (the
    // engine keeps a re-read line only when the total is no less sure).
    const reread = receipt('Totaal Z1SS1T EUR');
    expect(reread?.value).toBe('715510');
    expect(reread?.confidence).toBeLessThan(receipt('Totaal 71,51 EUR')?.confidence ?? 0);
  });

  it('reads a card amount with a third decimal of noise as the cents the VAT table adds up to', () => {
    const result = extractReceipt(
      ocrLines(
        `\nOvos classe M 12 un 6% 2,95 €\nTOTAL EUR 12,9\nTaxa Incidência IVA Total\n6% 52,86 3,17 56,03\n23% 13,74 3,16 16,90\nSUBTOTAL 66,60 6,33 72,93\nMultibanco 72,935€`,
      ),
    );

    expect(result.fields.total?.value).toBe('72.93');
  });

  it('re-joins a thousands group split off by OCR noise', () => {
    const result = extractReceipt(
      ocrLines(`
SUPERMERCADO LA 14 NIT 900.123.456-7
TOTAL A PAGAR    $12 .345
EFECTIVO         $20.000
CAMBIO            $7.655`),
    );

    expect(result.fields.total?.value).toBe('12345');
  });

  it("hears a French card slip's amount printed under its label, with the items against a misread total", () => {
    const receipt = (slip: string) =>
      extractReceipt(
        ocrLines(`
Croissant 5,40 €
Café 1,99 €
Remise -0,10 €
MONTANT TTC 1,09 €
CARTE BANCAIRE
SANS CONTACT
LE 20/01/26 A 16:15:06
${slip}
DEBIT`),
      ).fields.total;

    const withSlip = receipt('MONTANT :\n7,29 EUR');
    expect(withSlip?.value).toBe('7.29');
    expect(withSlip?.evidence).toContain('card and items agree');
    // the items alone do not overrule the printed total
    expect(receipt('MERCI')?.value).toBe('1.09');
    // nor does a bare amount under a label that is not the slip's
    expect(receipt('MONTANT :\nREF 7,29')?.value).toBe('1.09');
  });

  it('puts a slipped digit of the total back where the other figures agree, keeping its box and certainty', () => {
    const total = extractReceipt(
      ocrLines(`
BROOD 1,50
KAAS 2,29
SUBTOTAAL 3,79
NET À PAYER 3,19 €
CB SANS CONTACT 3,79 €`),
    ).fields.total;

    expect(total?.value).toBe('3.79');
    expect(total?.text).toBe('3,19');
    expect(total?.bbox).not.toBeNull();
    expect(total?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('does not confirm a total its subtotal restates when the card charged one digit less', () => {
    const receipt = (card: string) =>
      extractReceipt(
        ocrLines(`
Pane casereccio 2,79
Acqua naturale 1,19
Caffe 4,47
SUBTOTALE 9.78
TOTALE COMPLESSIVO EUR 9,78
${card}`),
      ).fields.total;

    expect(receipt('POS 9,70')?.confidence).toBeLessThan(0.8);
    expect(receipt('POS 9,78')?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('does not confirm a total the cash confirms when the subtotal says one digit otherwise', () => {
    // Zeros read as 8 on the total and the cash handed over: cash - change agrees with the misread total.
    const receipt = (subtotal: string) =>
      extractReceipt(
        ocrLines(`
Fahrradschloss 38,05
Akku-Bohrschrauber 116,49
ZWISCHENSUMME ${subtotal}
SUMME € 154,58
Gegeben 160,08
Zurück 5,50`),
      ).fields.total;

    expect(receipt('154,50')?.value).toBe('154.58');
    expect(receipt('154,50')?.confidence).toBeLessThan(0.8);
    expect(receipt('154,58')?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it("counts a card slip's amount read with a third decimal as restating the card's, against a slipped total", () => {
    const receipt = (slip: string) =>
      extractReceipt(
        ocrLines(`
CAFÉ TORRADO MOÍDO 250G 3,33 B
ÁGUA MINERAL 6X1,5L 2,75 B
TOTAL A PAGAR 35,00 §
IVA incluido 23% 1,46
MULTIBANCO 35,02
MULTIBANCO
COMPRA
${slip}
OPERACAO EFETUADA`),
      ).fields.total?.value;

    expect(receipt('Montante: 35,002 EUR')).toBe('35.02');
    // printed once, the card's amount does not overrule the total one digit away
    expect(receipt('Montante: EUR')).toBe('35.00');
  });

  it("adds up a VAT table of rate rows each over its net's row, with the card against a misread total", () => {
    const total = (net: string) =>
      extractReceipt(
        ocrLines(`
COMTE 18 MOIS 14.25
CHOCOLAT NOIR 70% 100G 2.49
TOTAL À PAYER € 36,67
A TVA 5.5% 1.70
HT 30.85
B TVA 20% 0.92
${net}
CB SANS CONTACT 38.07`),
      ).fields.total;

    expect(total('Base HT 4.60')?.value).toBe('38.07');
    // a net the rate does not confirm pairs with nothing
    expect(total('Base HT 4.90')?.value).toBe('36.67');
  });

  it("takes a VAT row's gross its rate confirms over two of its columns that merely fit", () => {
    const result = extractReceipt(
      ocrLines(`
BELEGTES BROTCHEN KASE 2,85 A
Sumse EUR 4,4
MwSt-Übersicht
MwSt Netto MwSt Brutto
A 7% 4,15 60,29 4.44`),
    );

    expect(result.fields.total?.value).toBe('4.44');
  });

  it("does not take a VAT row's gross that only its tax's share fits over its net and tax", () => {
    const result = extractReceipt(
      ocrLines(`
AMARO 4,48 1
TAGLIATA DI MANZO CON RUCOLA 24,50 1
SPAGHETTI ALLE VONGOLE 17,50 1
PIZZA MARGHERITA 8,00 1
TOTALE COMPLESSIVO 54,48 €
Pagamento elettronico 54,40
Aliquota Imponibile Imposta Totale
10% 49,45 4,95 54,48
Importo pagato 54,40`),
    );

    expect(result.fields.total?.value).toBe('54.40');
  });

  it('takes no amount from the row below for a change whose own amount is there but unreadable', () => {
    // the total read weakly, as on the receipt this comes from
    const result = extractReceipt(
      readWeakly(
        ocrLines(`
Wandfarbe weiß 10L 54.25
Artikelanzahl: 1
SUMME 54.25 PT.
Gegeben BAR 60.00
Rückgeld 5575
MwSt 7.7% 3.88`),
        'SUMME',
        0.5,
      ),
    );

    expect(result.fields.total?.value).toBe('54.25');
  });

  it('takes the bill as rounded when the figures that agree come before a cash rounding', () => {
    const total = (lines: string) =>
      extractReceipt(
        ocrLines(`
Croissant au beurre 4,36 €
Café moulu 250g 39,82 €
${lines}
TVA HT TVA TTC
1 21,00% 13,69 2,88 16,57
2 6,00% 26,05 1,56 27,61
Sous-total 39,74 4,44 44,18`),
      ).fields.total;

    // the rounding row misread: the rounded total printed after the one they agree on holds
    const misread = total('Sous-total 44,18 €\nNET A PAYER 44,18 €\nARRONDIT 0,02€\nNET A PAYER 44,20 €');
    expect(misread?.value).toBe('44.20');
    expect(misread?.confidence).toBeLessThan(0.8);
    // the rounding read and the rounded total misread: their value rounded
    expect(total('Sous-total 44,18 €\nNET A PAYER 44,18 €\nARRONDI 0,02€\nNET A PAYER 44,28 €')?.value).toBe(
      '44.20',
    );
  });

  it('keeps a rounded total whose rounding was misread, no slip of the total it was rounded from', () => {
    const result = extractReceipt(
      ocrLines(`
GEVULDE KOEK 9,000% 1.79
Aantal artikelen 9
Totaalbedrag 24,83
AFRONDING 0,62
Totaal te betalen EUR 24,85
BTW Over BTW Totaal
1 9,00% 22:78 2,05 24,83`),
    );

    expect(result.fields.total?.value).toBe('24.85');
  });

  it('keeps a rounded total printed under the total it rounds, the change misread and a tax row not the sum', () => {
    const result = extractReceipt(
      ocrLines(`
TANDPASTA 75ML € 10,47 1
Subtotaal € 23,44
TOTAAL € 23,44
Afronding € 0,01
Te betalen € 23,45
CONTANT € 30,00
Wisselgeld £16.55
2 BTW 9% 0,44`),
      { languages: ['nld'] },
    );

    expect(result.fields.total?.value).toBe('23.45');
  });

  it("takes the VAT table's gross for a printed total below its net", () => {
    const total = (sum: string) =>
      extractReceipt(
        ocrLines(`
HAGELSLAG PUUR 400G € 3,00
TE BETALEN € 6,15
BTW Excl: BTW Incl.
1 21% 8,70 1,83 10,53
${sum}`),
      ).fields.total;

    expect(total('SUBTOTAAL 61,20 6,55 67,75')?.value).toBe('67.75');
    expect(total('SUBTOTAAL 61,20 6,55 67,75')?.confidence).toBeLessThanOrEqual(0.6);
    // figures that do not add up say nothing
    expect(total('SUBTOTAAL 61,20 6,55 67,76')?.value).toBe('6.15');
  });

  it("puts a slipped total back to a VAT row's gross that its net and tax add up to", () => {
    const total = (sum: string) =>
      extractReceipt(
        ocrLines(`
Pão de Deus 2,18
Sumo de laranja natural 2,89
TOTAL EUR 21,31
Numerario 27.00
Troco 0,63
IVA BaseValor IVA Total
1 6% 2,81 0.7 2,98
${sum}`),
      ).fields.total;

    expect(total('SUBTOTAL 19,08 2,29 21,37')?.value).toBe('21.37');
    expect(total('SUBTOTAL 19,08 2,29 21,37')?.confidence).toBeLessThan(0.8);
    // columns that do not add up restate nothing
    expect(total('SUBTOTAL 19,08 2,28 21,37')?.value).toBe('21.31');
  });

  it('reads a total with a third decimal as the amount paid right below it, its label misread', () => {
    const total = (paid: string) =>
      extractReceipt(
        ocrLines(`
CARTA IGIENICA 8 ROTOLI 6.98 3
POMODORI CILIEGINO 2,01 1
TOTALE COMPLESSIVO EUR 48,560
${paid}`),
      ).fields.total;

    expect(total('PHS 48,50')?.value).toBe('48.50');
    expect(total('PHS 48,50')?.confidence).toBeLessThan(0.8);
    // an amount that is no reading of the total is not taken for it
    expect(total('PHS 12,50')?.value).not.toBe('12.50');
  });

  it('reads a rounded total with a slipped digit as the total plus its rounding', () => {
    const result = extractReceipt(
      ocrLines(`
KIPFILET 500G 9:45 A
JONG BELEGEN KAAS 3,00 A
KOFFIE SNELFILTERM 7,02 A
ROOKWORST 2:355À
BANANEN 1,67 A
COLA 1,5L 1,69 A
SUBTOTAAL 22,51
Totaal 22,51
AFRONDING -0,01
TE BETALEN EUR 22,56
BTW % Over BTW Totaal
A 9% 20,65 1,86 22,51
CONTANT 22,50`),
    );

    expect(result.fields.total?.value).toBe('22.50');
  });
});

describe('dates that survive OCR noise', () => {
  it('reads a dotted date day first although a stray $ suggests dollars', () => {
    const result = extractReceipt(ocrLines(`SHOP\nDatum 03.04.2025\nSUMME $ 5,00\nBAR 5,00`));

    expect(result.fields.transactionDate?.value).toBe('2025-04-03');
  });

  it('repairs noise characters read for zeros', () => {
    const result = extractReceipt(ocrLines(`SHOP\nDATE: @5/@3/2018\nTOTAL 5.00`));

    expect(result.fields.transactionDate?.value).toBe('2018-03-05');
  });

  it.each([
    ['a whole date read with slashed zeros as 8 and 6', 'DATE 28/83/2624 12:06', '2024-03-20'],
    ['a year read with a slashed zero as 8, its real 8s kept', 'DATE 28/09/2817', '2017-09-28'],
    ['a year with one slipped zero, the fewest changes', 'DATE 08/11/2619', '2019-11-08'],
    ['a labelled date with a two-digit year, its zeros read as 6', 'Date : 65/62/25', '2025-02-05'],
    ['a date whose day keeps a real 6 beside a slipped zero', 'Datum: 66.67.2822', '2022-07-06'],
    ['a year-first date read with slipped zeros', 'Data 2024-16-14 Hora 21:12:51', '2024-10-14'],
    ['a two-digit year beside a time, unlabelled', '18/84/22 21:49 Doc. 862169', '2022-04-18'],
    ['a second separator read as a space', '23-07 2023 18:50 Beleg-Nr. 514803', '2023-07-23'],
  ])('repairs %s', (_case, row, expected) => {
    expect(extractReceipt(ocrLines(`SHOP\n${row}\nTOTAL 5.00`)).fields.transactionDate?.value).toBe(expected);
  });

  it('reads a date whose separators the OCR lost, on a labelled row', () => {
    const result = extractReceipt(ocrLines(`SHOP\nDatum: 03042025 10:33\nSUMME 5,00`));

    expect(result.fields.transactionDate?.value).toBe('2025-04-03');
  });

  it('reads a labelled date with a two-digit year whose second separator the OCR lost', () => {
    const result = extractReceipt(ocrLines(`SHOP\nDatum: 28.0225\nSUMME 5,00`));

    expect(result.fields.transactionDate?.value).toBe('2025-02-28');
  });

  it('trusts two repaired readings of one date less than two clean ones', () => {
    const result = extractReceipt(
      ocrLines(`SHOP\nDatum: 66.67.2822\nTSE-Start: 2022-87-66T15:46:00\nSUMME 5,00`),
    );

    expect(result.fields.transactionDate?.value).toBe('2022-07-06');
    expect(result.fields.transactionDate?.confidence).toBeLessThanOrEqual(0.7);
  });

  it('reads no written-month date that needs a letter read as a digit and a month name put back', () => {
    // "1L PET 06,90" would be 11 SET 06 (September 2006, in Italian): an article row, not a date.
    const result = extractReceipt(
      ocrLines(`SHOP\nAPFELSCHORLE 1L PET 06,90 A\n01.08.2026 12:40\nSUMME 6,90`),
    );

    expect(result.fields.transactionDate?.value).toBe('2026-08-01');
  });

  it('puts back a zero slipped in the year of a written-month date, as a low-certainty reading', () => {
    const read = (date: string) =>
      extractReceipt(ocrLines(`\nTOTAAL 5,00\nDatum: ${date}`), { languages: ['nld'] }).fields
        .transactionDate;

    expect(read('27 juli 2625')?.value).toBe('2025-07-27');
    expect(read('27 juli 2625')?.confidence).toBeLessThan(0.8);
    expect(read('27 juli 2025')?.confidence).toBe(1);
  });

  it('leaves unlabelled numbers of that shape alone', () => {
    const result = extractReceipt(ocrLines(`SHOP\nREF 65/62/25 12.0325\nSUMME 5,00`));

    expect(result.fields.transactionDate).toBeUndefined();
  });
});
