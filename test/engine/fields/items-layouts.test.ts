/**
 * Line items across the till layouts of the languages the extractor reads: quantity and weight rows above or
 * below their article, deposit and discount rows, VAT codes after the amount, the rows that end the items.
 * Receipts are written here as a till prints them (not copied from any real receipt).
 */
import { describe, expect, it } from 'vitest';
import { extractReceipt } from '../../../functions/engine/fields/index.js';
import { findItems, itemsSum } from '../../../functions/engine/fields/items.js';
import { buildRows } from '../../../functions/engine/fields/layout.js';
import { ocrLines } from './ocr-lines.js';

type Row = [description: string, quantity: string | null, unitPrice: string | null, amount: string];

function itemsOf(text: string, whole = false): Row[] {
  return findItems(buildRows(ocrLines(text)), whole).map((i) => [
    i.description,
    i.quantity,
    i.unitPrice,
    i.amount,
  ]);
}

describe('findItems across layouts', () => {
  it('German supermarket: quantity and weight rows under their article, deposit and empties, VAT codes', () => {
    expect(
      itemsOf(`MARKT GMBH
Hauptstr. 12
10115 Berlin
UID Nr.: DE123456789
                              EUR
BANANE CHIQUITA            1,49 B
   0,752 kg x 1,99 EUR/kg
H-MILCH 3,5%               1,58 B
   2 Stk x 0,79
MINERALWASSER              0,49 A
PFAND 0,25 EUR             0,25 A *
LEERGUT EINWEG            -0,75 A *
   3 Stk x 0,25
BIO EIER 10ER              3,29 B
--------------------------------------
SUMME                 EUR   6,35
Geg. BAR              EUR  10,00
Rückgeld BAR          EUR   3,65`),
    ).toEqual([
      ['BANANE CHIQUITA', '0.752', '1.99', '1.49'],
      ['H-MILCH 3,5%', '2', '0.79', '1.58'],
      ['MINERALWASSER', null, null, '0.49'],
      ['PFAND', null, '0.25', '0.25'],
      ['LEERGUT EINWEG', '3', '0.25', '-0.75'],
      ['BIO EIER 10ER', null, null, '3.29'],
    ]);
  });

  it('German discounter: quantity rows above their article (also one that does not multiply), a discount after the first sum', () => {
    const text = `EUR
   2 x      0,89
JOGHURT NATUR              1,78 A
Vollmilch 0,55 x 2         1,10 AW
      1,250 kg x 1,99 €/kg
Apfel Elstar               2,49 AW
   2 x      1,15
BROT                       2,19 A
Posten: 6
Summe                      7,56
10 % Rabatt Backwaren     -0,22
SUMME                 €    7,34
Bar                   €   10,00
Rückgeld              €    2,66
Steuer %   Netto   Steuer   Brutto
A  7 %      6,86     0,48     7,34`;
    expect(itemsOf(text)).toEqual([
      ['JOGHURT NATUR', '2', '0.89', '1.78'],
      ['Vollmilch', '2', '0.55', '1.10'],
      ['Apfel Elstar', '1.25', '1.99', '2.49'],
      // 2 x 1,15 is not 2,19 (a misread digit): it still goes below, where this receipt's quantity rows go
      ['BROT', '2', '1.15', '2.19'],
      ['10 % Rabatt Backwaren', null, null, '-0.22'],
    ]);
  });

  it('French hypermarket: heading, quantity rows, immediate discount and deposit, TOTAL A PAYER', () => {
    expect(
      itemsOf(`CARREFOUR MARKET
TEL 01 23 45 67 89
DESIGNATION                  MONTANT
LAIT DEMI ECREME 1L          1,90 €  1
   2 x 0,95 €
BAGUETTE TRADITION           1,10 €  1
BANANES CAVENDISH            1,69 €  1
   0,850 kg x 1,99 €/kg
REMISE IMMEDIATE            -0,50 €
CONSIGNE BOUTEILLE           0,20 €  2
SOUS-TOTAL                   4,39 €
TOTAL A PAYER                4,39 €
CB                           4,39 €`),
    ).toEqual([
      ['LAIT DEMI ECREME 1L', '2', '0.95', '1.90'],
      ['BAGUETTE TRADITION', null, null, '1.10'],
      ['BANANES CAVENDISH', '0.85', '1.99', '1.69'],
      ['REMISE IMMEDIATE', null, null, '-0.50'],
      ['CONSIGNE BOUTEILLE', null, null, '0.20'],
    ]);
  });

  it('Italian receipt: VAT rate column, quantity row above, discount, SUBTOTALE', () => {
    expect(
      itemsOf(`SUPERMERCATO ROSSI S.R.L.
P.IVA 01234567890
DOCUMENTO COMMERCIALE
DESCRIZIONE              IVA   PREZZO(€)
LATTE P.S. 1L            4%       1,29
2 X 0,99
PANE CASERECCIO          4%       1,98
ACQUA NATURALE 6X1,5L   22%       2,40
SCONTO 10%                       -0,24
SUBTOTALE                         5,43
TOTALE COMPLESSIVO                5,43
PAGAMENTO CONTANTE               10,00
RESTO                             4,57`),
    ).toEqual([
      ['LATTE P.S. 1L', null, null, '1.29'],
      ['PANE CASERECCIO', '2', '0.99', '1.98'],
      ['ACQUA NATURALE 6X1,5L', null, null, '2.40'],
      ['SCONTO', null, null, '-0.24'],
    ]);
  });

  it('Portuguese receipt: VAT code in front, the quantity and amount under the description, empties', () => {
    expect(
      itemsOf(`PINGO DOCE
NIF 500829993
(C) LEITE MIMOSA UHT 1L
       2 X 0,79                  1,58
(A) PAO DE FORMA                 1,35
(C) VASILHAME                    0,10
DESCONTO CARTAO                 -0,30
TOTAL A PAGAR                    2,73
NUMERARIO                        5,00
TROCO                            2,27`),
    ).toEqual([
      ['LEITE MIMOSA UHT 1L', '2', '0.79', '1.58'],
      ['PAO DE FORMA', null, null, '1.35'],
      ['VASILHAME', null, null, '0.10'],
      ['DESCONTO CARTAO', null, null, '-0.30'],
    ]);
  });

  it('Dutch receipt: quantity column first, bonus discount, deposit, SUBTOTAAL', () => {
    expect(
      itemsOf(`ALBERT HEIJN
AANTAL OMSCHRIJVING     PRIJS  BEDRAG
1      BANANEN                   1,29
2      HALFVOLLE MELK    0,99    1,98
       BONUS HALFVOLLE          -0,50
1      COLA ZERO 1,5L            1,79
1      STATIEGELD                0,25
SUBTOTAAL                        4,81
TOTAAL                           4,81
PINNEN                           4,81`),
    ).toEqual([
      ['BANANEN', '1', '1.29', '1.29'],
      ['HALFVOLLE MELK', '2', '0.99', '1.98'],
      ['BONUS HALFVOLLE', null, null, '-0.50'],
      ['COLA ZERO 1,5L', '1', '1.79', '1.79'],
      ['STATIEGELD', '1', '0.25', '0.25'],
    ]);
  });

  it('Spanish receipt: a weighed article whose weight row carries the amount', () => {
    expect(
      itemsOf(`MERCADONA, S.A. A-46103834
FACTURA SIMPLIFICADA
Descripción          P. Unit   Importe
1 LECHE ENTERA                   0,89
2 PAN DE BARRA          0,60     1,20
1 PLATANO
  0,846 kg   1,99 €/kg           1,68
TOTAL (€)                        3,77
TARJETA BANCARIA                 3,77`),
    ).toEqual([
      ['LECHE ENTERA', '1', '0.89', '0.89'],
      ['PAN DE BARRA', '2', '0.60', '1.20'],
      ['PLATANO', '0.846', '1.99', '1.68'],
    ]);
  });

  it('English receipt: multi-buy row with its amount under the article, a saving, BALANCE DUE', () => {
    expect(
      itemsOf(`GROCER LTD
VAT NO 123 4567 89
SEMI SKIMMED MILK 2L       £1.45
CHOC BISCUITS
  2 @ £0.85                £1.70
LOOSE BANANAS
  0.560 kg @ £0.68/kg      £0.38
MULTIBUY SAVING           -£0.40
BALANCE DUE                £3.13
CARD                       £3.13`),
    ).toEqual([
      ['SEMI SKIMMED MILK 2L', null, null, '1.45'],
      ['CHOC BISCUITS', '2', '0.85', '1.70'],
      ['LOOSE BANANAS', '0.56', '0.68', '0.38'],
      ['MULTIBUY SAVING', null, null, '-0.40'],
    ]);
  });

  it('a wrapped description keeps its amount once, and an opening-hours row is no item', () => {
    expect(
      itemsOf(`BÄCKEREI
Öffnungszeiten Mo-Sa 7.00 - 20.00 Uhr
VOLLKORNBROT MIT SONNENBLUMEN-
KERNEN 750G                3,49 A
KAFFEE                     2,20 B
SUMME                      5,69`),
    ).toEqual([
      ['KERNEN 750G', null, null, '3.49'],
      ['KAFFEE', null, null, '2.20'],
    ]);
  });

  it('discounts and deposits count in the items sum, which supports the total', () => {
    const text = `EUR
COLA 1,5L                  1,79 A
PFAND                      0,25 A
LEERGUT                   -0,50 A
RABATT                     0,20-
SUMME                      1,34
BAR                        2,00
RÜCKGELD                   0,66`;
    const items = findItems(buildRows(ocrLines(text)), false);
    expect(itemsSum(items)).toBe(134);
    const extraction = extractReceipt(ocrLines(text));
    expect(extraction.fields.total?.value).toBe('1.34');
    expect(extraction.items.map((i) => i.amount)).toEqual(['1.79', '0.25', '-0.50', '-0.20']);
  });
});

describe('findItems on till and OCR quirks', () => {
  it('fuel: litres at a three-decimal price, a short product name that the quantity row confirms', () => {
    expect(
      itemsOf(`STATION SERVICE
52,18 l x 1,849 €/l
SP98                               96,48 2
Café grand                          3,14 1
NET A PAYER                      99,62 EUR`),
    ).toEqual([
      ['SP98', '52.18', '1.849', '96.48'],
      ['Café grand', null, null, '3.14'],
    ]);
  });

  it('fuel: the litre read as "1", "I" or "|" after the volume and in the unit price, a unit lost after "EUR/"', () => {
    expect(
      itemsOf(`GARAGE DU CENTRE
47.28 1 x 1.990 €/I
SP98 94.09 €
Total 94.09 €`),
    ).toEqual([['SP98', '47.28', '1.990', '94.09']]);
    expect(
      itemsOf(`STATION
31,05 | x 1,749 €/|
E10 54,31 €
TOTAL 54,31 €`),
    ).toEqual([['E10', '31.05', '1.749', '54.31']]);
    // a count is no volume: "2 1 x" reads no litre
    expect(itemsOf(`2 1 x 1,29\nMILK 2,58\nTOTAL 2,58`)).toEqual([['MILK', null, null, '2.58']]);
  });

  it('fuel: a unit price read with one digit slipped still prices the article under it, and is put back', () => {
    // 7.01 x 3.980 = 27.90; the slashed zero of the price read as a 6
    expect(
      itemsOf(`LIBERTY FUEL
Denver, CO 80202
Phone: (303) 555-0113
7.01 gal @ 3.986/gal
SUPER UNLEADED $27.90 T
COFFEE LARGE $2.30 T
SUBTOTAL $30.20`),
    ).toEqual([
      ['SUPER UNLEADED', '7.01', '3.980', '27.90'],
      ['COFFEE LARGE', null, null, '2.30'],
    ]);
    // two digits off is another price: no article of its own is made of the header line
    expect(
      itemsOf(`LIBERTY FUEL
Phone: (303) 555-0113
7.01 gal @ 3.916/gal
SUPER UNLEADED $27.90 T
SUBTOTAL $27.90`).map((row) => row[0]),
    ).not.toContain('SUPER UNLEADED 7.01');
  });

  it('a net volume printed alone whose litre was read as a 1 is the quantity of the article under it', () => {
    expect(
      itemsOf(`Route 66 Gas & Go
Served by: Priya
  NET WT 28.91 1
UNLEADED                            £43.94
TOTAL                               £43.94`),
    ).toEqual([['UNLEADED', '28.91', '1.52', '43.94']]);
    // a 1 after a price under no measure's label is a VAT code: the row stays an article
    expect(
      itemsOf(`SHOP
EGG 2.99 1
MILK 1.20 1
TOTAL 4.19`),
    ).toEqual([
      ['EGG', null, null, '2.99'],
      ['MILK', null, null, '1.20'],
    ]);
  });

  it('a tax code read as a percent sign after the price, a pound read as 1b', () => {
    expect(
      itemsOf(`FRESHWAYS LOCAL
  2.352 1b @ 1.29/1b
Gala Apples                               3.03 N
Penne Pasta 500g                          1.09 N
Milk Chocolate Bar 110g                   1.25%
Ground Coffee 227g                        3.15 N
SUBTOTAL                                   8.52`),
    ).toEqual([
      ['Gala Apples', '2.352', '1.29', '3.03'],
      ['Penne Pasta 500g', null, null, '1.09'],
      ['Milk Chocolate Bar 110g', null, null, '1.25'],
      ['Ground Coffee 227g', null, null, '3.15'],
    ]);
    // without letter codes after the prices, a rate closing a row is no price
    expect(
      itemsOf(`SHOP
MILK 1.09
BREAD 2.10
SERVICE 10.00%
TOTAL 3.19`).map((row) => row[0]),
    ).toEqual(['MILK', 'BREAD']);
  });

  it('a deduction whose minus sits between its amount and its VAT code (0,32-A, 0.20-1) is an item', () => {
    expect(
      itemsOf(`Bon 123
MILCH 1,20 A
RABATT 10% 0,32-A
BROT 2,10 1
PREISVORTEIL 0.20-1
SUMME 2,78`),
    ).toEqual([
      ['MILCH', null, null, '1.20'],
      ['RABATT', null, null, '-0.32'],
      ['BROT', null, null, '2.10'],
      ['PREISVORTEIL', null, null, '-0.20'],
    ]);
  });

  it('a dollar sign read as a 5 (51.76 for $1.76): no article costs more than the sum that closes the items', () => {
    // the bananas' price unreadable: the items cannot be settled by their sum
    expect(
      itemsOf(`Receipt # 067575
COLA 2L 51.76
GROUND COFFEE 227G 54.59
FREE RANGE EGGS 6PK $2.59
GALA APPLES 53.98
BANANAS S813
Subtotal $14.05`),
    ).toEqual([
      ['COLA 2L', null, null, '1.76'],
      ['GROUND COFFEE 227G', null, null, '4.59'],
      ['FREE RANGE EGGS 6PK', null, null, '2.59'],
      ['GALA APPLES', null, null, '3.98'],
    ]);
    // a euro sign read twice, once as a 5
    expect(
      itemsOf(`Bon 12\nTompouce €2,39\nKrentenbollen 6 st €53,02\nAppeltaart punt €3,49\nTOTAAL €12,19`),
    ).toEqual([
      ['Tompouce', null, null, '2.39'],
      ['Krentenbollen 6 st', null, null, '3.02'],
      ['Appeltaart punt', null, null, '3.49'],
    ]);
    // within the sum, or on a receipt that prints no dollar, a 5 is a digit
    expect(itemsOf(`Bon 12\nWEIN 51,76\nBROT 2,10\nSUMME 53,86`)).toEqual([
      ['WEIN', null, null, '51.76'],
      ['BROT', null, null, '2.10'],
    ]);
  });

  it('a number ending the name taken for a thousands group (SUPER PLUS 98 114,43) goes back to the name', () => {
    expect(
      itemsOf(`Bon 123
SUPER PLUS 98 114,43
VERNICE LAVABILE 14 106,40 A
CANAPE 3 PLACES 1 436,19
TOTALE 1656,02`),
    ).toEqual([
      ['SUPER PLUS 98', null, null, '114.43'],
      ['VERNICE LAVABILE 14', null, null, '106.40'],
      ['CANAPE 3 PLACES', null, null, '1436.19'],
    ]);
  });

  it('column headings with the VAT column start the items, the name heading misread (Désignaticon TVA Montant)', () => {
    expect(
      itemsOf(`RELAIS DE L'AUTOROUTE
18/01/23 09:45:18 Ticket n° 67936
Caissier : Thomas
Désignaticon TVA Montant
35,03 l x 1,989 EUR/l
SP95-E10 20% 69,67€
Café grand 10% 2,75€
SOUS TOTAL 72,42€`),
    ).toEqual([
      ['SP95-E10', '35.03', '1.989', '69.67'],
      ['Café grand', null, null, '2.75'],
    ]);
  });

  it('a leading zero read as © or @ (©,99€, @,55€), not the "at" of a unit price', () => {
    expect(
      itemsOf(`Bon 123
SALATGURKE ©,99€ B
ZWIEBELN @,55€ B
  2 @0.80
KAROTTEN 1,60€ B
SUMME 3,14 €`),
    ).toEqual([
      ['SALATGURKE', null, null, '0.99'],
      ['ZWIEBELN', null, null, '0.55'],
      ['KAROTTEN', '2', '0.80', '1.60'],
    ]);
  });

  it('Dutch column headings with the VAT column ("Artikel BTW Totaal") start the items, not end them', () => {
    expect(
      itemsOf(`TANKSTATION SNELWEG
Datum: 09-12-2019 Tijd: 23:55:02
Bonnummer 10911
Artikel BTW Totaal
34,141x 2,379 EUR/
SUPER PLUS 98 21% €81,22
Totaal € 81,22
Betaald met PIN 81,22`),
    ).toEqual([['SUPER PLUS 98', '34.141', '2.379', '81.22']]);
  });

  it('weights "à" a price per kilo and in pounds; a net weight printed alone is the quantity of its article', () => {
    expect(
      itemsOf(`EUR
  0,650 kg à 2,35 €/kg
POMMES GOLDEN                  1,53
BANANAS                       $1.81
  3.694 lb @ 0.49/lb
GALA APPLES                   $2.25
  NET WT 1.513 lb
DIESEL                        53.91
  NET WT 31.36 l
TOTAL                         59.50`),
    ).toEqual([
      ['POMMES GOLDEN', '0.65', '2.35', '1.53'],
      ['BANANAS', '3.694', '0.49', '1.81'],
      ['GALA APPLES', '1.513', '1.49', '2.25'],
      ['DIESEL', '31.36', '1.719', '53.91'],
    ]);
  });

  it('a VAT code glued to the amount, minus signs around the currency mark, a rate glued to the amount', () => {
    expect(
      itemsOf(`TICKET
CRISPS SEA SALT 150G      2.101
COUGH SYRUP 150ML       £8,192
Actie 2e halve prijs      -€ 0,90 1
BON DE REDUCTION          1,00-€ 2
eléctrica            21%1.050,89€
RÉFRIGÉRATEUR    20%   3 920,36
SUBTOTAL               4980.54`),
    ).toEqual([
      ['CRISPS SEA SALT 150G', null, null, '2.10'],
      ['COUGH SYRUP 150ML', null, null, '8.19'],
      ['Actie 2e halve prijs', null, null, '-0.90'],
      ['BON DE REDUCTION', null, null, '-1.00'],
      ['eléctrica', null, null, '1050.89'],
      ['RÉFRIGÉRATEUR', null, null, '3920.36'],
    ]);
  });

  it('print noise and VAT codes glued around the amount; a total whose amount the OCR garbled ends the items', () => {
    expect(
      itemsOf(`CAMEMBERT DE NORMANDIE 2,29€A
Jambon blanc 4 tran 3,05€8B
SALAMI SCHEIBEN 100G 1,39°B
Banane 2,16'3
LECHE ENTERA 1L 2,18::€
Liquido lavavetri 22% 5,00¢€
AZEITE VIRGEM EXTRA 750ML “6,13
Zuzahlung Rezept 7,89.1
PILS 6X33CL BLIK €:32,34°1
UITSMIJTER HAM KAAS 9% £€11,50
AFWASMIDDEL 500ML €.2,10:1
Protector solar SPF50+ 12,295€
Betrag Fr:13:83
MwSt 7,7% 0,52 7,30
Datum: 31.07.2019`),
    ).toEqual([
      ['CAMEMBERT DE NORMANDIE', null, null, '2.29'],
      ['Jambon blanc 4 tran', null, null, '3.05'],
      ['SALAMI SCHEIBEN 100G', null, null, '1.39'],
      ['Banane', null, null, '2.16'],
      ['LECHE ENTERA 1L', null, null, '2.18'],
      ['Liquido lavavetri', null, null, '5.00'],
      ['AZEITE VIRGEM EXTRA 750ML', null, null, '6.13'],
      ['Zuzahlung Rezept', null, null, '7.89'],
      ['PILS 6X33CL BLIK', null, null, '32.34'],
      ['UITSMIJTER HAM KAAS', null, null, '11.50'],
      ['AFWASMIDDEL 500ML', null, null, '2.10'],
      ['Protector solar SPF50+', null, null, '12.29'],
    ]);
  });

  it('a price whose decimal separator was lost or read as a colon, after the first article: alone, before its VAT code or glued to it', () => {
    expect(
      itemsOf(`SUPERMARKT AM RING
C/ ALCALA 107
SALAMI SCHEIBEN 100G 1,70 2
SPAGHETTI 500G 165
Roggenmischbrot 750g 230A
KARTOFFELN 2,5KG 389 1
Kaffee Crema ganze Bohne 1260 A
STATIEGELD €025B
VOLLMILCH 1L 1,09 1
Fruchtgummi 200g 1:35 A
GARBANZOS COCIDOS 400G 1;:29:€
EMMENTALER GERIEBEN 200G 1:75:2
ESPRESSO 2501
TAGESSUPPE 5503
SUMME EUR 13,39`),
    ).toEqual([
      ['SALAMI SCHEIBEN 100G', null, null, '1.70'],
      ['SPAGHETTI 500G', null, null, '1.65'],
      ['Roggenmischbrot 750g', null, null, '2.30'],
      ['KARTOFFELN 2,5KG', null, null, '3.89'],
      ['STATIEGELD', null, null, '0.25'],
      ['VOLLMILCH 1L', null, null, '1.09'],
      ['Fruchtgummi 200g', null, null, '1.35'],
      ['GARBANZOS COCIDOS 400G', null, null, '1.29'],
      ['EMMENTALER GERIEBEN 200G', null, null, '1.75'],
      // a fourth digit that is one of the codes the receipt's prices end with (1 and 2), not a 3
      ['ESPRESSO', null, null, '2.50'],
    ]);
  });

  it('prices that all carry a £ are in pence, weights beside them are no thousands groups', () => {
    const result = extractReceipt(
      ocrLines(`0.431 kg @ 1.45/kg
BANANAS £0.62
1.084 kg @ 3.05/kg
GALA APPLES £331
STILL WATER 6X586ML £250
TOTAL DUE £6.43`),
    );
    expect(result.items.map((item) => item.amount)).toEqual(['0.62', '3.31', '2.50']);
    expect(result.fields.total?.value).toBe('6.43');
  });

  it('a description wrapped around its quantity row stays with its article', () => {
    expect(
      itemsOf(`Ticket n° 97799
  3 x 3,29
CAMEMBERT DE NORMANDIE
AOP                     9,87 € 2
HACKFLEISCH GEMISCHT   14,85 1
500G
  3 x 4,95
BANANEN                 2,68 1
Total                  27,40 €`),
    ).toEqual([
      ['CAMEMBERT DE NORMANDIE AOP', '3', '3.29', '9.87'],
      ['HACKFLEISCH GEMISCHT 500G', '3', '4.95', '14.85'],
      ['BANANEN', null, null, '2.68'],
    ]);
  });

  it('a sum row whose label is not known is no item when the items without it close on the total', () => {
    expect(
      itemsOf(`Napolitana de chocolate     10%     1,20 €
Zumo de naranja natural     10%     3,34 €
Croissant                   10%     2,78 €
SUMA                                7,32 €
TOTAL A PAGAR                       7,32 €`),
    ).toEqual([
      ['Napolitana de chocolate', null, null, '1.20'],
      ['Zumo de naranja natural', null, null, '3.34'],
      ['Croissant', null, null, '2.78'],
    ]);
  });

  it('an amount misread under a quantity row that was read right is repaired when the items then close', () => {
    const items = findItems(
      buildRows(
        ocrLines(`EUR
H-MILCH 1,5% 1L           1,18 1
  2 Stk x 0,89
BROT                      2,49 1
SUMME                     4,27`),
      ),
      false,
    );
    expect(items.map((i) => i.amount)).toEqual(['1.78', '2.49']);
    expect(items[0]?.confidence).toBeLessThan(items[1]?.confidence ?? 0);
  });

  it('an amount one digit from its quantity x unit price is repaired when no whole-cent price gives it', () => {
    // 5,18 / 4 is no price in cents: the amount slipped, not the 1,29. 1,88 / 2 = 0,94 could be a misread price.
    const amounts = (text: string) => findItems(buildRows(ocrLines(text)), false).map((i) => i.amount);
    // The till prints each quantity above its article (as the first one shows: 2 x 0,60 = 1,20).
    const receipt = (quantity: string, article: string) =>
      `EUR\n2 X 0,60 EUR\nLait 1L                   1,20\n${quantity}\n${article}\nBananes                   0,63`;
    expect(amounts(receipt('4 X 1,29 EUR', 'Yaourt nature x4          5,18'))).toEqual([
      '1.20',
      '5.16',
      '0.63',
    ]);
    expect(amounts(receipt('2 X 0,89 EUR', 'Lait demi-ecreme          1,88'))).toEqual([
      '1.20',
      '1.88',
      '0.63',
    ]);
  });

  it("a weight whose slashed zero was read as 8 keeps the amount as printed, and the weight's zero comes back", () => {
    // 1,510 kg x 3,19 = 4,82 as printed; 1,518 kg would give 4,84, but a weight's zero slips as often as an amount's
    const items = findItems(
      buildRows(
        ocrLines(`DESCRIZIONE               IVA   Prezzo(€)
  1,518 kg x 3,19 €/kg
Zucchine                  4,00%     4,82
  1,675 kg x 1,85 EUR/kg
Banane                    4,00%     3,10
TOTALE                              7,92`),
      ),
      false,
    );
    expect(items.map((i) => [i.description, i.quantity, i.amount])).toEqual([
      ['Zucchine', '1.51', '4.82'],
      ['Banane', '1.675', '3.10'],
    ]);
  });

  it('a volume whose barred zero was read as two glyphs keeps the amount as printed, and loses the extra glyph', () => {
    // 38,05 l x 1,640 = 62,40 as printed; 38,065 l would give 62,43
    const items = findItems(
      buildRows(
        ocrLines(`SIN PLOMO 95              62,40 €
38,065 l x 1,640 €/l
Total                     62,48 €`),
      ),
      false,
    );
    expect(items.map((i) => [i.description, i.quantity, i.amount])).toEqual([
      ['SIN PLOMO 95', '38.05', '62.40'],
    ]);
  });

  it("a count's amount with a digit added or misread is put back to count x unit price, a weight's is not", () => {
    const receipt = (row: string, total: string) =>
      `DESCRIPCION CANT PRECIO IMPORTE\nPAN DE BARRA 2 0,99 1,98\n${row}\nLECHE ENTERA 1L 1,09\nTotal EUR ${total}`;
    // a digit added: 92,36 can be no unit price's amount one slip from 3,12
    expect(itemsOf(receipt('Café molido 3 3,12 92,36', '12,43'))[1]).toEqual([
      'Café molido',
      '3',
      '3.12',
      '9.36',
    ]);
    // a digit misread (6 as 0): 2,07 would be 3 x 0,69, so only the sum under the items settles it
    expect(itemsOf(receipt('CERVEZA LATA 33CL 3 0,89 2,07', '5,74'))[1]).toEqual([
      'CERVEZA LATA 33CL',
      '3',
      '0.89',
      '2.67',
    ]);
    // a weight's amount one digit from weight x price: the price may be the misread figure (2,05 for 2,65)
    expect(itemsOf(receipt('PLATANO DE C 1,671 2,05 4,43', '7,50'))[1]).toEqual([
      'PLATANO DE C 1,671',
      null,
      '2.05',
      '4.43',
    ]);
  });

  it('a pound sign read as f is no part of the description', () => {
    expect(
      itemsOf('BANANAS                 f 1.86\nLAGER 4X440ML          £f 6.95\nTOTAL DUE £8.81'),
    ).toEqual([
      ['BANANAS', null, null, '1.86'],
      ['LAGER 4X440ML', null, null, '6.95'],
    ]);
  });

  it('an item whose name holds a tender word of another language is no tender', () => {
    expect(
      itemsOf(`CAPPUCCINO                  7,00
VERSE MUNTTHEE              3,70
DAME BLANCHE                7,70
Te betalen               € 18,40`),
    ).toEqual([
      ['CAPPUCCINO', null, null, '7.00'],
      ['VERSE MUNTTHEE', null, null, '3.70'],
      ['DAME BLANCHE', null, null, '7.70'],
    ]);
  });

  it('ends the items at a card row that pays for them, though no total row is printed before the VAT table', () => {
    const receipt = (article: string, paid: string) =>
      itemsOf(`ZONNEBRAND SPF 50         €15,50
IBUPROFEN 400MG 20 ST      €3,05
${article}
PIN                      €${paid}
Tarief Bedrag BTW Totaal
21% 15,79 3,31 19,10
Totaal ${paid} EUR`);

    expect(receipt('', '18,55')).toEqual([
      ['ZONNEBRAND SPF 50', null, null, '15.50'],
      ['IBUPROFEN 400MG 20 ST', null, null, '3.05'],
    ]);
    // an article with a card word in its name, or a gift card for less than the articles above, is an article
    expect(receipt('CARTA IGIENICA 8 ROT      €22,99', '41,54').map((row) => row[0])).toContain(
      'CARTA IGIENICA 8 ROT',
    );
    expect(receipt('GIFT CARD                 €10,00', '28,55').map((row) => row[0])).toContain('GIFT CARD');
  });

  it('nor is one read first under opening hours: figures inside a row are no prices above it', () => {
    expect(
      itemsOf(`www.eetcafedezwaan.nl
Ma t/m za 8.00 - 21.00 uur
VERSE MUNTTHEE              3,508
BITTERBALLEN 8 ST           8,10B
SUBTOTAAL                  11,60`),
    ).toEqual([
      ['VERSE MUNTTHEE', null, null, '3.50'],
      ['BITTERBALLEN 8 ST', null, null, '8.10'],
    ]);
  });

  it('nor is one whose amount is the quantity and unit price printed above it, though items above add up to less', () => {
    expect(
      itemsOf(`2 x 4,00
VERSE MUNTTHEE              8,00
2 x 3,90
VAASJE PILS                 7,80
PANNENKOEK SPEK KAAS       13,50
Te betalen EUR             29,30`),
    ).toEqual([
      ['VERSE MUNTTHEE', '2', '4.00', '8.00'],
      ['VAASJE PILS', '2', '3.90', '7.80'],
      ['PANNENKOEK SPEK KAAS', null, null, '13.50'],
    ]);
  });
});

describe('findItems on wrapped names', () => {
  it('the rest of a name under the line that carries its amount', () => {
    expect(
      itemsOf(`Kassenbon
ROTWEIN SPÄTBURGUNDER     6,89 2
TROCKEN 0,75L
KAFFEE                    2,20 1
SUMME                     9,09`),
    ).toEqual([
      ['ROTWEIN SPÄTBURGUNDER TROCKEN 0,75L', null, null, '6.89'],
      ['KAFFEE', null, null, '2.20'],
    ]);
  });

  it('the start of a name on a line of its own above its amount, not the header above the first item', () => {
    expect(
      itemsOf(`Cassa n. 2
Crema solare SPF 50        15.09
Dentifricio sensitive       3.49
Integratore magnesio e
potassio                    9.65
SUBTOTALE                  28.23`),
    ).toEqual([
      ['Crema solare SPF 50', null, null, '15.09'],
      ['Dentifricio sensitive', null, null, '3.49'],
      ['Integratore magnesio e potassio', null, null, '9.65'],
    ]);
  });
});

describe('findItems with garbled prices settled by the sum under them', () => {
  const amounts = (text: string) => findItems(buildRows(ocrLines(text)), false).map((i) => i.amount);

  it('takes a row whose decimal comma was read as a digit when that alone makes the items add up', () => {
    const receipt = (subtotal: string) => `DOCUMENTO COMMERCIALE
Tonno all'olio 3x80g 4% 4,05
Uova fresche 6 pz 4% 2115
Mele golden 4% 2,40
SUBTOTALE ${subtotal}`;
    expect(amounts(receipt('8,60'))).toEqual(['4.05', '2.15', '2.40']);
    // 21,15 (the comma lost) adds up just as well: the sum decides between the readings
    expect(amounts(receipt('27,60'))).toEqual(['4.05', '21.15', '2.40']);
    // no reading adds up: the row stays out, as before
    expect(amounts(receipt('8,70'))).toEqual(['4.05', '2.40']);
  });

  it('reads a currency mark read as a digit off the one price that then adds up, and marks it less sure', () => {
    const items = findItems(
      buildRows(
        ocrLines(`Pint of Lager      £215.60
Sunday Roast Beef  £20.50
Garlic Naan        £10.20
SUBTOTAL           £46.30`),
      ),
      false,
    );
    expect(items.map((i) => i.amount)).toEqual(['15.60', '20.50', '10.20']);
    expect(items[0]?.confidence).toBeLessThan(items[1]?.confidence ?? 0);
  });

  it('reads every dollar sign read as 5 or S off the prices of a dollar receipt as one choice', () => {
    expect(
      amounts(`BAKED BEANS 415G    s0.67
LOOSE CARROTS       $1.07
PAPER TOWELS 2 ROLL S2.99
ORANGE JUICE 1L     51.95
SUBTOTAL            $6.68`),
    ).toEqual(['0.67', '1.07', '2.99', '1.95']);
  });

  it("reads the dollar sign off a deduction's price when only the sums below print the receipt's dollars", () => {
    expect(
      amounts(`UNLEADED HESS
15.07 gal @ 3.670/gal    55.31
PROMO                   -S0.50T
Subtotal                $54.81`),
    ).toEqual(['55.31', '-0.50']);
  });

  it('reads the dollar sign off counted articles whose unit price was only implied by the misread amount', () => {
    // 4 x ... s4.00 reads 54.00, which 4 x 13.50 would check: a price the amount implies checks nothing
    expect(
      itemsOf(`MATURE CHEDDAR 400G      $2.60
LOOSE CARROTS            s0.57
4 x BAKED BEANS 415G     s4.00
CORNFLAKES 500G          52.69
4 x MILK CHOCOLATE BAR   S4.36
SUB TOTAL               $14.22`),
    ).toEqual([
      ['MATURE CHEDDAR 400G', null, null, '2.60'],
      ['LOOSE CARROTS', null, null, '0.57'],
      ['BAKED BEANS 415G', '4', '1.00', '4.00'],
      ['CORNFLAKES 500G', null, null, '2.69'],
      ['MILK CHOCOLATE BAR', '4', '1.09', '4.36'],
    ]);
  });

  it('ends the items at a sum whose label was misread, when its amount adds up the items and is printed again', () => {
    const receipt = (card: string) =>
      itemsOf(`Kassenbon
                    EUR
Diesel            101,60 1
Scheibenreiniger    7,17 1
Tageszeitung        2,36 2
Sumse EUR         111,13
${card}
1 MwSt 20%         18,13
  Netto            90,64`);
    expect(receipt('Debitkarte        111,13')).toEqual([
      ['Diesel', null, null, '101.60'],
      ['Scheibenreiniger', null, null, '7.17'],
      ['Tageszeitung', null, null, '2.36'],
    ]);
    // printed once, an article that happens to cost what the ones above it cost together stays an item
    expect(receipt('Debitkarte        120,00').map((row) => row[3])).toContain('111.13');
  });

  it('reads the dollar sign read as 5 off the sum under the items too', () => {
    expect(
      amounts(`Bananas             50.68
Baked Beans 415g    51.08
Washing Up Liquid   $1.89
Salted Butter 250g  52.00
Free Range Eggs 6pk $2.33
Subtotal            57.98`),
    ).toEqual(['0.68', '1.08', '1.89', '2.00', '2.33']);
  });

  it('leaves the items alone when two readings add up alike', () => {
    expect(
      amounts(`Pane integrale 4% 3119
Latte fresco 4% 3119
Mele golden 4% 2,40
SUBTOTALE 5,59`),
    ).toEqual(['2.40']);
  });

  it('settles against a total the card confirms when the sum under the items was misread', () => {
    const receipt = (card: string) =>
      extractReceipt(
        ocrLines(`Pharmacie de la Gare
SPRAY NASAL EAU DE 7:50
VITAMINE C 1000MG 8.90
REMISE 10% -0.89
Articles : 2
SOUS TOTAL 13,51
TOTAL A PAYER 15.51 EUR
${card}
SANS CONTACT`),
      ).items.map((i) => i.amount);
    expect(receipt('Carte MASTERCARD 15,51')).toEqual(['7.50', '8.90', '-0.89']);
    // a total nothing confirms is no sum to settle by
    expect(receipt('Carte MASTERCARD')).toEqual(['8.90', '-0.89']);
  });

  it('does not let settled prices witness the total they were settled by', () => {
    const text = `DOCUMENTO COMMERCIALE
Tonno all'olio 3x80g 4% 4,05
Uova fresche 6 pz 4% 2115
Mele golden 4% 2,40
TOTALE EUR 8,60`;
    const extraction = extractReceipt(ocrLines(text));
    expect(extraction.items.map((i) => i.amount)).toEqual(['4.05', '2.15', '2.40']);
    expect(extraction.fields.total?.evidence?.join(' ') ?? '').not.toMatch(/item/i);
  });
});
