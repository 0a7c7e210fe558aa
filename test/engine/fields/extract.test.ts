import { describe, expect, it } from 'vitest';
import { extractReceipt } from '../../../functions/engine/fields/index.js';
import { ExtractionSchema } from '../../../functions/engine/schema.js';
import { ocrLine, ocrLines } from './ocr-lines.js';

/** A Malaysian GST receipt as Tesseract reads it: logo noise, S/B misread, O for 0, a GST summary at the foot. */
const MALAYSIAN = `
~~ .;' ,, %%
UNIHAKKA INTERNATIONAL SDN BHD
(867388-U)
12, JALAN TAMPOI 7/4,KAWASAN PERINDUSTRIAN
TAMPOI,81200 JOHOR BAHRU,JOHOR
TEL: 07-355 1234
TAX INVOICE
INVOICE # : OR18030502160349
DATE: 05/03/2018 18:24
ITEM            QTY     PRICE     TOTAL
VEGE              1      5.50      5.50
PORK              1      2.70      2.70
SUB TOTAL                         8.20
ROUNDING ADJ                      0.OO
NETT TOTAL:                     RM8.20
CASH                            10.00
CHANGE                           1.80
GST SUMMARY      AMOUNT(RM)   TAX(RM)
SR = GST @6%           7.74      0.46
TOTAL                  7.74      0.46
THANK YOU & COME AGAIN!`;

/** A US restaurant check: month-first date, sales tax, tip, card payment. */
const US = `
THE CORNER BISTRO LLC
1250 MARKET STREET
SAN FRANCISCO, CA 94103
(415) 555-0134
Server: Anna   Table 12
03/05/2018   7:45 PM
2 Burger                 25.00
1 Caesar Salad           11.50
Subtotal                 36.50
Sales Tax 8.5%            3.10
Tip                       6.00
TOTAL                $45.60
VISA XXXXXXXXXXXX4321    45.60
APPROVAL CODE 012345`;

/** A Colombian supermarket slip: thousands-only pesos, NIT, IVA, Spanish labels. */
const COLOMBIAN = `
SUPERMERCADO LA ECONOMIA S.A.S
NIT 900.123.456-7
CALLE 45 # 12-30 BOGOTA D.C.
TEL 601 345 6789
FACTURA DE VENTA No. 12345
FECHA: 14/03/2018 HORA: 10:32
CANT DESCRIPCION          VALOR
2 ARROZ DIANA 500G       5.800
1 LECHE ALQUERIA         3.900
1 PAN TAJADO             4.200
SUBTOTAL                 13.900
IVA 19%                   1.100
TOTAL A PAGAR           $ 15.000
EFECTIVO                $ 20.000
CAMBIO                   $ 5.000
GRACIAS POR SU COMPRA`;

describe.each([
  {
    name: 'Malaysian (English, GST)',
    text: MALAYSIAN,
    expected: {
      merchantName: 'UNIHAKKA INTERNATIONAL SDN BHD',
      merchantAddress: '12, JALAN TAMPOI 7/4,KAWASAN PERINDUSTRIAN TAMPOI,81200 JOHOR BAHRU,JOHOR',
      merchantPhone: '07-355 1234',
      transactionDate: '2018-03-05',
      transactionTime: '18:24',
      currency: 'MYR',
      subtotal: '8.20',
      tax: '0.46',
      total: '8.20',
      paymentMethod: 'cash',
    },
    items: [
      { description: 'VEGE', quantity: '1', unitPrice: '5.50', amount: '5.50' },
      { description: 'PORK', quantity: '1', unitPrice: '2.70', amount: '2.70' },
    ],
  },
  {
    name: 'US (month-first date, tip, card)',
    text: US,
    expected: {
      merchantName: 'THE CORNER BISTRO LLC',
      merchantAddress: '1250 MARKET STREET SAN FRANCISCO, CA 94103',
      merchantPhone: '(415) 555-0134',
      transactionDate: '2018-03-05',
      transactionTime: '19:45',
      currency: 'USD',
      subtotal: '36.50',
      tax: '3.10',
      tip: '6.00',
      total: '45.60',
      paymentMethod: 'card',
      category: 'restaurant',
    },
    items: [
      { description: 'Burger', quantity: '2', unitPrice: '12.50', amount: '25.00' },
      { description: 'Caesar Salad', quantity: '1', unitPrice: '11.50', amount: '11.50' },
    ],
  },
  {
    name: 'Colombian (Spanish, whole pesos)',
    text: COLOMBIAN,
    expected: {
      merchantName: 'SUPERMERCADO LA ECONOMIA S.A.S',
      merchantAddress: 'CALLE 45 # 12-30 BOGOTA D.C.',
      merchantPhone: '601 345 6789',
      transactionDate: '2018-03-14',
      transactionTime: '10:32',
      currency: 'COP',
      subtotal: '13900',
      tax: '1100',
      total: '15000',
      paymentMethod: 'cash',
      category: 'groceries',
    },
    items: [
      { description: 'ARROZ DIANA 500G', quantity: '2', unitPrice: '2900', amount: '5800' },
      { description: 'LECHE ALQUERIA', quantity: '1', unitPrice: '3900', amount: '3900' },
      { description: 'PAN TAJADO', quantity: '1', unitPrice: '4200', amount: '4200' },
    ],
  },
])('$name receipt', ({ text, expected, items }) => {
  const result = extractReceipt(ocrLines(text));

  it('matches the receipt schema', () => {
    expect(ExtractionSchema.parse(result)).toEqual(result);
  });

  it('reads every field', () => {
    const values = Object.fromEntries(Object.entries(result.fields).map(([k, f]) => [k, f?.value]));
    expect(values).toMatchObject(expected);
  });

  it('reads the items', () => {
    expect(
      result.items.map(({ description, quantity, unitPrice, amount }) => ({
        description,
        quantity,
        unitPrice,
        amount,
      })),
    ).toEqual(items);
  });

  it('is confident when the amounts agree', () => {
    expect(result.fields.total?.confidence).toBeGreaterThan(0.8);
    expect(result.confidence).toBeGreaterThan(0.75);
  });

  it('points at the OCR text each read field came from', () => {
    expect(result.fields.total?.bbox).not.toBeNull();
    expect(result.fields.total?.text).toMatch(/\d/);
    expect(result.fields.category?.bbox).toBeNull();
    expect(result.fields.category?.text).toBe('');
  });
});

describe('totals', () => {
  it('prefers NETT TOTAL to SUBTOTAL, TOTAL QTY, TOTAL SAVINGS and CASH', () => {
    const result = extractReceipt(
      ocrLines(`SUBTOTAL 52.08
TOTAL QTY: 6 93.07
TOTAL SAVINGS 4.00
ROUNDING ADJUSTMENT 0.02
NETT TOTAL 52.10
CASH 60.00
CHANGE 7.90`),
    );
    expect(result.fields.total?.value).toBe('52.10');
  });

  it('reads a total wrapped onto the next row', () => {
    const result = extractReceipt(
      ocrLines(`SUBTOTAL 7.74
GST 0.46
TOTAL AMOUNT:
              8.20
CASH 10.00`),
    );
    expect(result.fields.total?.value).toBe('8.20');
  });

  it('reads a total whose currency heading stands alone on the label row', () => {
    const result = extractReceipt(
      ocrLines('SUB TOTAL (RM) 7.90\nGRAND TOTAL (RM)\n    8.35\nCASH 10.50\nCHANGE 2.15'),
    );
    expect(result.fields.total?.value).toBe('8.35');
  });

  it('joins a total read as two columns on one row', () => {
    const lines = [
      ocrLine('GRAND TOTAL', 20, 100),
      ocrLine('RM 24.00', 400, 102),
      ocrLine('CASH RM 30.00', 20, 140),
    ];
    const result = extractReceipt(lines);
    expect(result.fields.total?.value).toBe('24.00');
    expect(result.fields.total?.bbox).toEqual({ x0: 436, y0: 102, x1: 496, y1: 124 });
  });

  it('takes the rounded total printed under a rounding label', () => {
    const result = extractReceipt(
      ocrLines(`TOTAL SALES (INCLUSIVE GST) RM 45.34
ROUNDING ADJUSTMENT RM .01
ROUNDING RM 45.35
CASH RM 50.00
CHANGE RM 4.65`),
    );
    expect(result.fields.total?.value).toBe('45.35');
  });

  it('trusts cash minus change over a blurred total', () => {
    const lines = [
      ...ocrLines('TOTAL 11.00', 0.4),
      ocrLine('CASH RECEIVED 101.00', 20, 200, 0.95),
      ocrLine('CHANGE 30.00', 20, 240, 0.95),
    ];
    const result = extractReceipt(lines);
    expect(result.fields.total?.value).toBe('71.00');
    expect(result.fields.total?.confidence).toBeLessThan(0.7);
  });

  it('trusts cash minus change when the grand total lost its amount and SUB-TOTAL was misread', () => {
    const result = extractReceipt(
      ocrLines("Sun-Total KM7.90\nRounding -RMC 02\nGrand Total re) ' 35\nCash RM10.50\nChange RM2.15"),
    );
    expect(result.fields.subtotal?.value).toBe('7.90');
    expect(result.fields.total?.value).toBe('8.35');
  });

  it('replaces a total read far below the subtotal with cash minus change', () => {
    const result = extractReceipt(
      ocrLines('SUB-TOTAL RM7.90\nROUNDING -RM0.02\nGRAND TOTAL RM.35\nCASH RM10.50\nCHANGE RM2.15'),
    );
    expect(result.fields.total?.value).toBe('8.35');
  });

  it('reads the cash and change printed after the VAT table against a misread total', () => {
    const result = extractReceipt(
      ocrLines(
        'FRUTERIA LA HUERTA\nTOMATE 10% 12,60\nACEITE 10% 26,10\nBOLSA 0,02\nTOTAL EUR 38,71\nIVA Base Imp. Cuota Total\n10% 35,25 3,52 38,77\nEFECTIVO 50,00\nCAMBIO 11,23',
      ),
    );
    expect(result.fields.total?.value).toBe('38.77');
  });

  it("takes the VAT table's own sum row as a witness, whatever its rates", () => {
    const result = extractReceipt(
      ocrLines(
        'PADARIA\nPao 0,38\nBolo 2,50\nTotal Documento 2,9\nRESUMO DE IVA\nTaxa Incidencia IVA Total\nA 0% 0,38 0,00 0,38\nB 13% 2,30 0,30 2,60\nSub-total 2,68 0,30 2,98\nMASTERCARD 2,98',
      ),
    );
    expect(result.fields.total?.value).toBe('2.98');
  });

  it("hears the card slip's total printed again for a total whose separator was read as a digit, not for a right one", () => {
    const receipt = (total: string, slip: string) =>
      extractReceipt(
        ocrLines(
          `WARME BAKKER VISSER\nAPPELTAART PUNT S70!\n3 TOMPOUCE 6.45 1\nTE BETALEN ${total}\nPINNEN\nBTW-specificatie\nKLANTTICKET\nBancontact\nBETALING\n${slip}\nAKKOORD`,
        ),
      );
    const repaired = receipt('£10115', 'Totaal 10.15 EUR').fields.total;
    expect(repaired?.value).toBe('10.15');
    expect(repaired?.evidence).toContain('agrees with reprinted');
    // the slip's own reading with a digit too many does not take a right total away
    expect(receipt('€ 10.15', 'Totaal 108.15 EUR').fields.total?.value).toBe('10.15');
  });

  it('takes a subtotal with no tax charged as a witness: with the card it overrules a total cut short', () => {
    const total = extractReceipt(
      ocrLines(`THE CORNER SHOP
Bread ETE A
Wine 16.31 B
SUBTOTAL 22.49
TOTAL GBP 2.4
A VAT 0% 0.00
Net 6.18
VISA 22.49`),
    ).fields.total;
    expect(total?.value).toBe('22.49');
    expect(total?.evidence?.[0]).toBe('subtotal and card agree');
  });

  it('does not take a discount printed among the articles off the subtotal again', () => {
    const total = extractReceipt(
      ocrLines(`BAKKERIJ DE VRIES
BRUIN BROOD 3,20 €
APPELTAART 12,80 €
KORTING 1,50-€
SUBTOTAAL 14,50 €
TOTAAL 14,50 €
PIN 14,50 €`),
    ).fields.total;
    expect(total?.value).toBe('14.50');
    expect(total?.evidence).toContain('agrees with subtotal');
  });

  it('reads a French refund whose minus signs stand before the euro sign', () => {
    const total = extractReceipt(
      ocrLines(`MAISON BERNARD
Quiche lorraine 4,39-€ A
2 Tarte aux pommes 23,96-€ B
TOTAL TTC 28,35-€
Espèces 28,35-€`),
    ).fields.total;
    expect(total?.value).toBe('-28.35');
  });

  it('knows a refund whose every minus sign was lost but its VAT row’s net and gross', () => {
    const receipt = (vatRow: string) =>
      extractReceipt(
        ocrLines(
          `SUPER VAN DIJK\nAFWASMIDDEL 500ML £1,69\nSUBTOTAAL + 1,69\nTOTAAL €1,69\nBetaald V PAY £€1,69\nBTW% Over BTW Totaal\n${vatRow}\n16-07-2019 18:30`,
        ),
        { languages: ['nld'] },
      );
    expect(receipt('A 21% -1,40 0,29 -1,69').fields.total?.value).toBe('-1.69');
    // the gross's minus lost as well: the net and the tax add up to the bill refunded; its article is taken back
    const grossLost = receipt('A 21% -1,40 -0,29 1,69');
    expect(grossLost.fields.total?.value).toBe('-1.69');
    expect(grossLost.items.map((item) => item.amount)).toEqual(['-1.69']);
    // a sale's VAT row, or one negative figure alone (a minus sign the OCR made of a dash), leaves the sale a sale
    expect(receipt('A 21% 1,40 0,29 1,69').fields.total?.value).toBe('1.69');
    expect(receipt('A 21% 1,40 0,29 1,69').items.map((item) => item.amount)).toEqual(['1.69']);
    expect(receipt('A 21% 1,40 0,29 -1,69').fields.total?.value).toBe('1.69');
  });

  it('knows a refund whose total lost its minus sign by its negative VAT, net, card and cash rows', () => {
    const card = extractReceipt(
      ocrLines(
        'BOULANGERIE\nTarte -5,19 A\nTOTAL TTC 5,19€\nA TVA 21% -0,90\nHT -4,29\nCarte Bancontact -5,19',
      ),
      { languages: ['fra'] },
    ).fields.total;
    expect(card?.value).toBe('-5.19');
    const cash = extractReceipt(
      ocrLines('OBRADOR\nNapolitana -1,59\nIMPORTE £15\nEFECTIVO -1,59\nA IVA 10,00% -0,14\nBase Imp. -1,45'),
      { languages: ['spa'] },
    ).fields.total;
    expect(cash?.value).toBe('-1.59');
    // a sale's positive tax rows keep a positive total positive
    expect(
      extractReceipt(
        ocrLines('BOULANGERIE\nTarte 5,19 A\nTOTAL TTC 5,19€\nA TVA 21% 0,90\nHT 4,29\nCB 5,19'),
        {
          languages: ['fra'],
        },
      ).fields.total?.value,
    ).toBe('5.19');
  });

  it('trusts a total put back from a slipped reading to one figure below 0.8: that figure chose it', () => {
    const total = extractReceipt(
      ocrLines(`FARMACIA
CREME MAOS 5,31
COMPARTICIPACAO SNS 2,79
Sub-total 7,88
TOTAL € 7,8`),
    ).fields.total;
    expect(total?.value).toBe('7.88');
    expect(total?.evidence).toContain('printed 7,8 read with a slipped digit');
    expect(total?.confidence).toBeLessThan(0.8);
  });

  it('takes the amount the card slip prints twice over a printed total one digit from it that nothing supports', () => {
    const receipt = (slip: string) =>
      extractReceipt(
        ocrLines(
          `SUPER NORTE\nQueijo flamengo 2,90\nVinho tinto 2 11,09 22,18\nTOTAL À PAGAR 36,42\nMB 38,42\nMULTIBANCO\n${slip}\nOPERAÇÃO EFETUADA`,
        ),
      );
    const total = receipt('Montante: 38,42 EUR').fields.total;
    expect(total?.value).toBe('38.42');
    expect(total?.evidence).toContain('printed 36,42 read with a slipped digit');
    // printed once, the card's amount is one reading against another: the total stands as printed
    expect(receipt('Montante: EUR').fields.total?.value).toBe('36.42');
  });

  it('keeps a printed total its subtotal makes plausible over a card amount slipped alike twice that it does not', () => {
    const receipt = (subtotal: string) =>
      extractReceipt(
        ocrLines(
          `JOE'S BODEGA\n${subtotal}\nSales Tax 6.25% $3557\nTOTAL DUE $80.98\nDEBIT $860.98\nCUSTOMER RECEIPT\nAMOUNT $860.98`,
        ),
        { languages: ['eng'] },
      ).fields;
    const fields = receipt('SUBTOTAL $77.41');
    expect(fields.total?.value).toBe('80.98');
    // the tax as the rate row's one figure read another way: the one that takes the subtotal to the total
    expect(fields.tax?.value).toBe('3.57');
    // with no subtotal to judge by, the card's amount printed twice stands for the printed total
    expect(receipt('THANK YOU').total?.value).toBe('860.98');
  });

  it('puts back every zero of a total the till slashed and the reading turned into 9s and 6s', () => {
    const total = extractReceipt(
      ocrLines(`BAR CENTRAL
PAELLA VALENCIANA RACION 16,70
CAFE SOLO 1,70
TOTAL A PAGAR EUR 49,46
TARJETA CREDITO 40,40
Sin contacto`),
    ).fields.total;
    expect(total?.value).toBe('40.40');
    expect(total?.evidence).toContain('printed 49,46 read with a slipped digit');
  });

  it("takes the VAT table's sum row's net + tax when its gross column slipped like the card", () => {
    // 40.48 read as 460.48 on the card row and in the sum row's gross column alike; net + tax say 40.48.
    const total = extractReceipt(
      ocrLines(`CORNER STORES LTD
Milk 2 Pints 1.45 A
Ready Meal 6.49 B
TOTAL £40.48
VISA DEBIT 460.48
VAT % Excl VAT Incl
A 0% 24.20 0.00 24.20
B 20% 15.00 1.28 1E.28
SUBTOTAL 39.20 1.28 460.48`),
    ).fields.total;
    expect(total?.value).toBe('40.48');
    expect(total?.evidence).toContain('agrees with vat-table');
  });

  it('reads a total printed without its cents ("£4,") as the figure of the receipt with that whole part', () => {
    const total = extractReceipt(
      ocrLines(`PASTELARIA
PASTEL DE NATA 1,29
CAFE 3:0O
Total £4,
Quadro Resumo IVA
Taxa Incidencia IVA Total
SUBTOTAL 3,99 0,30 4,29`),
    ).fields.total;
    expect(total?.value).toBe('4.29');
    expect(total?.evidence).toContain('printed £4, read with a slipped digit');
  });

  it("reads the VAT table's sum row's last column when its other columns did not read, and puts a slipped zero back", () => {
    // TOTAL 60,10 read with its zero as an 8; the sum row's net and tax garbled, its gross column read right; the
    // 23 % row's net garbled and its gross lost, so the rows' grosses do not add up to the bill on their own.
    const receipt = (sumRow: string) =>
      extractReceipt(
        ocrLines(
          `SUPERMERCADO\nAZEITE 7500ML 8,09 €\nCAFE MOIDO 250G 9,63 €\nTOTAL 68,10 €\nResumo IVA\nTaxa Incidencia IVA Total\n23% 3533 0,76\n6% 52,84 8517 56,01\n${sumRow}\nENTREGUE 70,00 €`,
        ),
      );
    const repaired = receipt('Sub-total S657 379 60,10');
    expect(repaired.fields.total?.value).toBe('60.10');
    expect(repaired.fields.total?.evidence).toContain('printed 68,10 read with a slipped digit');
    // a labelled row of one amount is no column of the table: it witnesses nothing
    expect(receipt('Sub-total 60,10').fields.total?.value).toBe('68.10');
  });

  it("confirms a VAT row's gross by its rate when the tax column did not read, and the rows' sum witnesses the total", () => {
    // The printed total's 0 read as 8; the 21 % row's tax (3,72) read as "3572": 17,70 x 1.21 = 21,42.
    const result = extractReceipt(
      ocrLines(
        'EPICERIE\nComte 18 mois 36,60\nVin rouge 16,29\nTOTAL TTC EUR 93,48\nMaestro 93,46\nCode Base HT Mt TVA TTC\n21% 17,70 3572 21,42\n6% 67,91 4,07 71,98',
      ),
    );
    expect(result.fields.total?.value).toBe('93.40');
    expect(result.fields.total?.evidence).toContain('printed 93,48 read with a slipped digit');
  });

  it("takes a VAT row's gross whose net did not read by its tax, and the rows' sum with the card overrules a total one digit off", () => {
    // 1,29 at 10 % holds 0,12 of tax; 72,86 + 1,29 = 74,15, as the card says.
    const result = extractReceipt(
      ocrLines(
        'DISTRIBUTORE\nBENZINA 55,19\nCAFFE 1,29\nTotale EUR 14,15\nRIEPILOGO IVA\n22% 59,72 13,14 72,86\n10% TT 0,12 1,29\nPagamento elettronico 74,15',
      ),
      { languages: ['ita'] },
    );
    expect(result.fields.total?.value).toBe('74.15');
    expect(result.fields.total?.evidence).toEqual([
      'vat-table and card agree',
      'printed total 14,15 disagrees',
    ]);
  });

  it('reads cash tendered as ESP, and a third decimal of noise after its cents', () => {
    const receipt = (cash: string) =>
      extractReceipt(
        ocrLines(
          `EPICERIE\nComte 16,12 B\nPates 1,06 B\nSous-total 17,18\nTOTAL EUR 17,886\n${cash}\nRENDU 2,82`,
        ),
        { languages: ['fra'] },
      ).fields.total;
    expect(receipt('ESP 20,00')?.value).toBe('17.18');
    expect(receipt('ESP 20,00')?.evidence).toContain('agrees with tender');
    expect(receipt('ESP 20,000€')?.value).toBe('17.18');
  });

  it('reads a total and a card both read with a third decimal as the one value both give with a decimal dropped', () => {
    const receipt = (card: string) =>
      extractReceipt(
        ocrLines(`Le Comptoir\nENTRECOTE FRITES 21,00\nMOULES 18,88\nNET A PAYER EUR 39,860\n${card}`),
        { languages: ['fra'] },
      ).fields.total?.value;
    expect(receipt('Bancontact 39,880')).toBe('39.80');
    // no value both give: the reading stands
    expect(receipt('Bancontact 39,770')).toBe('39860');
  });

  it('takes the subtotal that the cash paid without change confirms over a total read without its cents', () => {
    const receipt = (total: string) =>
      extractReceipt(
        ocrLines(
          `SUPERMARKT\nSpaghetti 500g 0,80\nPaprika rot 16,02\nZWISCHENSUMME 17,42\n${total}\nMwSt 10% 1,09\nBAR 17,42`,
        ),
        { languages: ['deu'] },
      ).fields.total;
    expect(receipt('Summe £14')?.value).toBe('17.42');
    expect(receipt('Summe £14')?.evidence).toEqual([
      'tender and subtotal agree',
      'printed total £14 disagrees',
    ]);
  });

  it("takes a VAT row's last of three columns as its gross when its net and tax do not pair", () => {
    const result = extractReceipt(
      ocrLines(
        'CAVE MARTIN\nPOULET 22,49\nRIZ 2,29\nA PAYER EUR 85,71\nCARTE BANCAIRE 65,77\nTVA HT TVA TTC\n1 5,5% 54,49 3,00 57,49\n2 20% 6,20 1538 8,28',
      ),
      { languages: ['fra'] },
    );
    expect(result.fields.total?.value).toBe('65.77');
    expect(result.fields.total?.evidence).toEqual([
      'vat-table and card agree',
      'printed total 85,71 disagrees',
    ]);
  });

  it("takes the rounded amount to pay when the rounding row and the tax included ('waarvan BTW') explain it", () => {
    const total = extractReceipt(
      ocrLines(
        'ELEKTRO\nNotebook 116,27\nSUBTOTAAL 116,27\nTOTAAL 116,27\nAfronding 0,02-\nTotaal te betalen EUR 116,25\nOntvangen 120,00\nwaarvan BTW 21% 20,18',
      ),
      { languages: ['nld'] },
    ).fields.total;
    expect(total?.value).toBe('116.25');
    expect(total?.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('reads a malformed printed total (00,17) as the card amount one digit away', () => {
    const result = extractReceipt(
      ocrLines('EPICERIE\nBEURRE 8,16\nPATES 2,92\nTOTAL TTC 00,17 €\nCARTE BANCAIRE 20,17 €'),
    );
    expect(result.fields.total?.value).toBe('20.17');
    expect(result.fields.total?.evidence).toContain('printed 00,17 read with a slipped digit');
  });

  it('reads a total whose cents digit came out as a mark (33,7)) as cash minus change, which has the digits read', () => {
    const result = extractReceipt(
      ocrLines(
        'MERCADO\nCERVEJA 6X33CL 5,89\nCAFE 250G 4,50\nTotal Documento € 33,7)\nNUMERARIO 35,00\nTROCO 1,25',
      ),
    );
    // A figure that disagrees with a digit that was read does not stand for it.
    const other = extractReceipt(
      ocrLines(
        'MERCADO\nCERVEJA 6X33CL 5,89\nCAFE 250G 4,50\nTotal Documento € 33,7)\nNUMERARIO 35,00\nTROCO 1,35',
      ),
    );
    expect(result.fields.total?.value).toBe('33.75');
    expect(result.fields.total?.evidence).toContain('printed 33,7) read with a slipped digit');
    expect(other.fields.total?.value).toBe('33.70');
  });

  it('reads a total with a third decimal (51,600) as the card payment with one of them dropped', () => {
    const result = extractReceipt(
      ocrLines('KAASHANDEL\nGoudse kaas €27,14\nKoffie €5,24\nTe betalen €51,600\nBetaald met PIN €51,00'),
    );
    // With no figure that drops one of its decimals, it stays as read.
    const other = extractReceipt(
      ocrLines('KAASHANDEL\nGoudse kaas €27,14\nKoffie €5,24\nTe betalen €51,600\nBetaald met PIN €51,30'),
    );
    expect(result.fields.total?.value).toBe('51.00');
    expect(result.fields.total?.evidence).toContain('printed €51,600 read with a slipped digit');
    expect(other.fields.total?.value).not.toBe('51.30');
  });

  it('hears the amount paid printed alone under the VAT summary, which a VAT table row is not', () => {
    const receipt = (paid: string) => {
      const lines = ocrLines(
        `BAR CENTRALE\nCAPPUCCINO 1,50\nBRIOCHE 1,20\nPANINO 5,50\nACQUA 4,85\nTOTALE COMPLESSIVO 12,85\nCONTANTI 20,00\nRIEPILOGO IVA\nAliquota Imponibile Imposta Totale\n10% 7,00 0,70 7,70\n4% 4,57 0,18 4,75\n${paid}`,
      );
      // The total row read weakly: its 12,85 is a slipped digit of the 12,45 the VAT table adds up to (an item
      // misread too, so the table is the one witness).
      return extractReceipt(
        lines.map((line) =>
          line.text.startsWith('TOTALE C') ? ocrLine(line.text, line.bbox.x0, line.bbox.y0, 0.75) : line,
        ),
      );
    };
    expect(receipt('Importo pagato 12,45').fields.total?.value).toBe('12.45');
    // A row of the table, with a rate, stays a row of the table.
    expect(receipt('TOTALE 10% 12,45').fields.total?.value).toBe('12.85');
  });

  it('puts back a slipped zero of the total that the cash handed over without change shows', () => {
    const result = extractReceipt(
      ocrLines('OSTERIA\nAmaro 10% 4,00\nTagliata 10% 22,50\nTOTALE COMPLESSIVO 63,56€\nContante 63,50€'),
    );
    expect(result.fields.total?.value).toBe('63.50');
  });

  it('adds a cash rounding printed below the total when the cash handed over says so', () => {
    const rounded = extractReceipt(
      ocrLines('FIETSEN\nVerf 57,79\nTOTAAL 57,79\nAfrondingsverschil 0,01\nCONTANT 57,80'),
    );
    const change = extractReceipt(
      ocrLines('FIETSEN\nVerf 57,79\nTOTAAL 57,79\nAfrondingsverschil 0,01\nCONTANT 60,00\nWISSELGELD 2,20'),
    );
    expect(rounded.fields.total?.value).toBe('57.80');
    expect(change.fields.total?.value).toBe('57.80');
  });

  it('repairs OCR confusions inside amounts', () => {
    const result = extractReceipt(ocrLines('SUBT0TAL 1O.5O\nT0TAL RM 1O.5O\nCASH 2O.OO'));
    expect(result.fields.subtotal?.value).toBe('10.50');
    expect(result.fields.total?.value).toBe('10.50');
  });

  it('reads comma decimals and euro amounts', () => {
    const result = extractReceipt(
      ocrLines('CAFE CENTRAL S.L.\nIVA 10% 112,23\nTOTAL 1.234,56 €\nTARJETA 1.234,56'),
    );
    expect(result.fields.total?.value).toBe('1234.56');
    expect(result.fields.tax?.value).toBe('112.23');
    expect(result.fields.currency?.value).toBe('EUR');
    expect(result.fields.paymentMethod?.value).toBe('card');
  });

  it('does not take a column heading or a tax summary row whose heading the OCR lost for the total', () => {
    const result = extractReceipt(
      ocrLines(`ITEM QTY TOTAL
$5.50 1 $5.50
TOTAL 14.00
CASH 20.00
GST SUNMARV AMOUNT TAX
TOTAL 13.21 0.79`),
    );
    expect(result.fields.total?.value).toBe('14.00');
    expect(result.fields.tax?.value).toBe('0.79');
  });

  it('prefers the total that the tax summary adds up to, and reads tax codes glued to amounts', () => {
    const result = extractReceipt(
      ocrLines(`2 X 2.9000 S 5.80SR
Total 5.80
Final Total ~~ 5.30
CASH 6.00
GST Summary Amount(RM) Tax(RM)
SR @ 6% 5.47 0.33`),
    );
    expect(result.fields.total?.value).toBe('5.80');
  });

  it('rounds a Malaysian cash total to 5 sen when the rounding amount is unreadable', () => {
    const result = extractReceipt(
      ocrLines('GRAND TOTAL RM 87.08\nROUNDING ADJUSTMENT ~~\nNET TOTAL ( 16 mM'),
    );
    expect(result.fields.total?.value).toBe('87.10');
    expect(result.fields.currency?.value).toBe('MYR');
  });

  it("reads Rome's province code as no ringgit, and TOTALE EURO as euros", () => {
    const result = extractReceipt(
      ocrLines(`Alimentari da Gino
Via Garibaldi 60
00184 Roma (RM)
Partita IVA 30837066617
Mozzarella di bufala 250g 3,40
TOTALE EURO 3,40`),
    );
    expect(result.fields.currency?.value).toBe('EUR');
    expect(extractReceipt(ocrLines('TOTAL (RM) 5.80\nCASH 6.00')).fields.currency?.value).toBe('MYR');
  });

  it("reads Rome's province code without its brackets as no ringgit either", () => {
    const result = extractReceipt(
      ocrLines('SUPERMERCATO\nVia Ostiense 12\n00153 ROMA RM\nLATTE INTERO 1L 4% 2,30\nTOTALE € 2,30'),
    );
    expect(result.fields.currency?.value).toBe('EUR');
  });

  it('takes TOTAL (IVA INCLUIDO) as the total and IVA INCLUIDO as the tax', () => {
    const result = extractReceipt(
      ocrLines(
        'CAFE CENTRAL S.L.\nIVA INCLUIDO 1,14\nTOTAL (IVA INCLUIDO) 12,50 €\nEFECTIVO 20,00\nCAMBIO 7,50',
      ),
    );
    expect(result.fields.total?.value).toBe('12.50');
    expect(result.fields.tax?.value).toBe('1.14');
  });

  it('lowers confidence when subtotal + tax does not make the total', () => {
    const agree = extractReceipt(ocrLines('SUBTOTAL 10.00\nTAX 0.60\nTOTAL 10.60'));
    const disagree = extractReceipt(ocrLines('SUBTOTAL 10.00\nTAX 0.60\nTOTAL 12.50'));
    expect(agree.fields.total?.confidence).toBeGreaterThan(disagree.fields.total?.confidence ?? 1);
    expect(agree.fields.subtotal?.confidence).toBeGreaterThan(disagree.fields.subtotal?.confidence ?? 1);
  });
});

describe('US grocery receipt', () => {
  const result = extractReceipt(
    ocrLines(`Walmart
Save money. Live better.
(479) 273-4000
MANAGER JOHN SMITH
2110 W WALNUT ST
ROGERS AR 72756
ST# 0054 OP# 009054 TE# 54 TR# 08125
BANANAS 000000004011 KF 0.96 N
MILK 2% GAL 007874235186 F 3.48 N
SUBTOTAL 4.44
TAX 1 6.500 % 0.29
TOTAL 4.73
DEBIT TEND 4.73
CHANGE DUE 0.00
02/14/19 14:32:11`),
  );

  it('takes the brand, not the manager line, and leaves barcodes out of item descriptions', () => {
    expect(result.fields.merchantName?.value).toBe('Walmart');
    expect(result.fields.merchantAddress?.value).toBe('2110 W WALNUT ST ROGERS AR 72756');
    expect(result.items.map((i) => [i.description, i.amount])).toEqual([
      ['BANANAS', '0.96'],
      ['MILK 2% GAL', '3.48'],
    ]);
  });

  it('reads the US date month first, the debit tender as card, and the checked total', () => {
    expect(result.fields.transactionDate?.value).toBe('2019-02-14');
    expect(result.fields.currency?.value).toBe('USD');
    expect(result.fields.paymentMethod?.value).toBe('card');
    expect(result.fields.total?.value).toBe('4.73');
    expect(result.fields.total?.confidence).toBeGreaterThan(0.85);
  });
});

describe('Colombian restaurant bill', () => {
  const result = extractReceipt(
    ocrLines(`ASADERO LA BRASA ROJA
NIT 830.045.678-2
CRA 15 # 93-60 BOGOTA
Fecha: 5 de marzo de 2019 8:15 p.m.
1 POLLO ASADO 32.500
2 GASEOSA 7.000
SUBTOTAL 39.500
IMPOCONSUMO 8% 3.160
SERVICIO VOLUNTARIO 3.950
VALOR A PAGAR 46.610
NEQUI 46.610`),
  );

  it('reads Spanish labels, the written date and the voluntary service as tip', () => {
    const values = Object.fromEntries(Object.entries(result.fields).map(([k, f]) => [k, f?.value]));
    expect(values).toMatchObject({
      merchantName: 'ASADERO LA BRASA ROJA',
      transactionDate: '2019-03-05',
      transactionTime: '20:15',
      currency: 'COP',
      subtotal: '39500',
      tax: '3160',
      tip: '3950',
      total: '46610',
      paymentMethod: 'mobile',
      category: 'restaurant',
    });
  });
});

describe('locale and payment evidence', () => {
  it("does not take one hint of a country of another language for the receipt's country (SAS is French too)", () => {
    const receipt = (company: string) =>
      extractReceipt(
        ocrLines(
          `PROXI\n${company}\nTICKET DE CAISSE\nLe 21/02/2025\nCafe moulu 3,59 B\nSous-total 3,59\nTOTAL TTC 3,59\nESPECES 5,00\nRendu monnaie 1,41`,
        ),
        { languages: ['fra'] },
      ).fields.currency?.value;
    expect(receipt('SAS ALIMENTATION DU CENTRE')).toBe('EUR');
    // two of its hints still place it
    expect(receipt('SAS ALIMENTATION NIT 900.123.456 BOGOTA')).toBe('COP');
  });

  it("reads one row's £ among dollars written on many as a misread dollar sign", () => {
    const receipt = (coffee: string) =>
      extractReceipt(
        ocrLines(
          `ORGANIC PANTRY\nWhole Milk $3.59\nCornflakes $1.99\n${coffee}\nSub-Total $9.13\nTOTAL $9.13`,
        ),
      );
    expect(receipt('Ground Coffee £3.55').fields.currency?.value).toBe('USD');
    // On a receipt that writes no dollars, the pound sign stands.
    expect(
      extractReceipt(ocrLines('CORNER SHOP\nWhole Milk 3.59\nGround Coffee £3.55\nTOTAL 7.14')).fields
        .currency?.value,
    ).toBe('GBP');
  });

  it('reads an Irish receipt with only its VAT number and town legible as euros, its one euro sign read as a pound', () => {
    const result = extractReceipt(
      ocrLines(`BOMBAY SPICE
51 Main Street
Kilkenny
R95 D4(2
VAT No: IE3308245T
Caesar Salad 13.90
AMOUNT DUE £254.19
VISA 254.10`),
    );
    expect(result.fields.currency?.value).toBe('EUR');
  });

  it('reads an Irish receipt as euros although its euro signs were read as pounds', () => {
    const result = extractReceipt(
      ocrLines(`HILLSIDE FILLING STATION
73 O'Connell Street
Galway
H91 E2K3
VAT No: IE2183704W
COFFEE LARGE 2.59
TOTAL £65.03
VISA DEBIT 65.03`),
    );
    expect(result.fields.currency?.value).toBe('EUR');
    // A British one with the same marks stays in pounds.
    expect(
      extractReceipt(
        ocrLines('CORNER SHOP\n45 VICTORIA STREET\nBRISTOL BS1 4DJ\nVAT No: GB 175563425\nTOTAL £65.03'),
      ).fields.currency?.value,
    ).toBe('GBP');
  });

  it('does not let a stray £ or a card sold as an item outweigh a Malaysian cash receipt', () => {
    const result = extractReceipt(
      ocrLines(`THE STORE (MALAYSIA) SDN BHD
LOT 34817 JALAN BATU AMBAR TAMAN KOK LIAN
51200 KUALA LUMPUR
GST REG NO 000364309004
UNI WORKER'S CARD 100'S 4 3.00 12.00
£7) NOTE BOOK 23.80
TOTAL SALES INCLUSIVE GST 35.80
CASH 50.00
CHANGE 14.20`),
    );
    expect(result.fields.currency?.value).toBe('MYR');
    expect(result.fields.paymentMethod?.value).toBe('cash');
    expect(result.fields.total?.value).toBe('35.80');
  });

  it.each([
    // a euro sign read as a pound sign on receipts whose language no pound-paying country speaks
    ['German', 'RISTORANTE DA MARCO\nMWST 19%\nZu zahlen £53,20\nBAR 60,00\nRUCKGELD 6,80', 'EUR'],
    ['Spanish', 'FARMACIA CENTRAL\nIVA 21% 9,45\nTOTAL A PAGAR £ 93,67\nEFECTIVO 100,00\nCAMBIO 6,33', 'EUR'],
    ['British', 'CORNER SHOP LTD\nTOTAL £ 12.66\nCASH £ 20.00\nCHANGE £ 7.34', 'GBP'],
    // Swiss tills write francs as "Fr."
    ['Swiss', 'BAHNHOF KIOSK\nMWST 8,1%\nSUMME Fr.24.25\nBAR Fr.30.00\nRUCKGELD 5.75', 'CHF'],
    // ...its dot read as a colon, in Zürich
    ['Zürich', 'FRISCHMARKT\nMarktgasse 3\nCH-8004 Zürich\nZU ZAHLEN Fr: 15.53\nGegeben 20.00', 'CHF'],
    // no mark at all, but a Swiss postcode and city
    ['Bernese', 'BACKEREI\nCH-3011 Bern\nSUMME 15.53\nBAR 20.00\nRUCKGELD 4.47', 'CHF'],
    // francs written after the amount, a GmbH in Zürich
    [
      'GmbH in Zürich',
      'ELEKTRO WEBER\nHandels GmbH\n8004 Zürich\nGesamtbetrag 2612.50 Fr.\nKarte 2612.50',
      'CHF',
    ],
  ])('reads the currency of a %s receipt', (_name, text, currency) => {
    expect(extractReceipt(ocrLines(text)).fields.currency?.value).toBe(currency);
  });
});

describe('missing fields', () => {
  it('leaves out what the receipt does not say', () => {
    const result = extractReceipt(ocrLines('KEDAI RUNCIT AH MENG\nTHANK YOU'));
    expect(result.fields.merchantName?.value).toBe('KEDAI RUNCIT AH MENG');
    expect(result.fields.total).toBeUndefined();
    expect(result.fields.transactionDate).toBeUndefined();
    expect(result.fields.transactionTime).toBeUndefined();
    expect(result.fields.tax).toBeUndefined();
    expect(result.fields.paymentMethod).toBeUndefined();
    expect(result.items).toEqual([]);
  });

  it('returns an empty extraction for no lines', () => {
    expect(extractReceipt([])).toEqual({ fields: {}, items: [], confidence: 0 });
  });

  it('skips a logo read as garbage and a TAX INVOICE heading for the merchant name', () => {
    const result = extractReceipt(
      ocrLines(`’   )    '   A    ,
2  - cia [  4   .   .
TAX INVOICE
URBAN IDEA SDN BHD (417940-M),
A-G-06, DATARAN GLOMAC,
47301 PETALING JAYA, SELANGOR, Malaysia
GST ID: 000220499968`),
    );
    expect(result.fields.merchantName?.value).toBe('URBAN IDEA SDN BHD');
    expect(result.fields.merchantAddress?.value).toBe(
      'A-G-06, DATARAN GLOMAC, 47301 PETALING JAYA, SELANGOR, Malaysia',
    );
  });

  it('does not call the date order known from dollars on one row: the day-first reading is a guess', () => {
    const receipt = (balance: string) =>
      extractReceipt(
        ocrLines(
          `HARTLEY HARDWARE\nFridge Freezer 448.88 T\nBALANCE DUE ${balance}\nAMOUNT $2,709.65\n09/10/24 07:20:34\nDate 09/10/2024`,
        ),
        { today: new Date('2026-12-01T00:00:00Z') },
      ).fields;
    const weak = receipt('§2,709.65');
    expect(weak.currency?.value).toBe('USD');
    expect(weak.transactionDate?.confidence).toBeLessThanOrEqual(0.55);
    // dollars on two rows: month first, as the US writes it
    expect(receipt('$2,709.65').transactionDate?.value).toBe('2024-09-10');
  });

  it('judges dates against the day in the options, not a clock read when the engine was loaded', () => {
    const lines = ocrLines('KEDAI RUNCIT AH MENG\nDate: 05/03/2028\nTOTAL 12.00');
    const read = (today: string) =>
      extractReceipt(lines, { today: new Date(today) }).fields.transactionDate?.value;
    expect(read('2028-04-01T00:00:00Z')).toBe('2028-03-05');
    expect(read('2026-06-15T00:00:00Z')).toBe('2020-03-05');
  });
});
