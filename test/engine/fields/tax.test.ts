/**
 * The tax a receipt states, rate by rate. Receipts are written here as tills print them (not copied from any real
 * receipt); the OCR's garbling is written in as it reads thermal print.
 */
import { describe, expect, it } from 'vitest';
import { extractReceipt } from '../../../functions/engine/fields/index.js';
import { ocrLines } from './ocr-lines.js';

function taxOf(text: string, languages = ['deu']) {
  const tax = extractReceipt(ocrLines(text), { languages }).fields.tax;
  return tax ? { value: tax.value, confidence: tax.confidence } : undefined;
}

const SURE = 0.8;

describe('the tax a receipt states', () => {
  it('adds up the taxes of a VAT table’s rates, each checked by its rate', () => {
    const tax = taxOf(`Brot             2,49
Wein            11,90
SUMME EUR       14,39
Steuer   Netto  Steuer  Brutto
A 7%      2,33    0,16    2,49
B 19%    10,00    1,90   11,90`);
    expect(tax?.value).toBe('2.06');
    expect(tax?.confidence).toBeGreaterThanOrEqual(SURE);
  });

  it('adds up tax rows that print a rate and their tax, each over its net', () => {
    const tax = taxOf(`Diesel          101,60
Zeitung           2,36
Summe EUR       103,96
Debitkarte      103,96
1 MwSt 20%       16,93
  Netto          84,67
2 MwSt 10%        0,21
  Netto           2,15`);
    expect(tax?.value).toBe('17.14');
    expect(tax?.confidence).toBeGreaterThanOrEqual(SURE);
  });

  it('takes the table’s own sum row, which holds the rate whose row was misread', () => {
    const tax = taxOf(
      `Totaal          € 48,11
BTW            Excl.   BTW    Incl.
A 9%           34,02   3;O6   37;O8
B 21%           9,12   1,91   11,03
Subtotaal      43,14   4,97   48,11`,
      ['nld'],
    );
    expect(tax?.value).toBe('4.97');
  });

  it('reads a garbled tax figure the way its rate confirms', () => {
    // 1706: 1,06 with the comma read as a 7, the 20% share of the gross 6,35
    expect(
      taxOf(`SUMME EUR       38,01
Steuer   Netto  Steuer  Brutto
A 20%    552.8   1706    6,35
B 10%    28,78   2,88   31,66`)?.value,
    ).toBe('3.94');
  });

  it('is unsure of the rates it read when their grosses fall short of the bill', () => {
    const tax = taxOf(`SUMME EUR       38,01
Steuer   Netto  Steuer  Brutto
A 20%    ?ñ.  ;;   ..
B 10%    28,78   2,88   31,66`);
    // the one rate whose row printed nothing readable is what the bill leaves: 6,35 at 20%
    expect(tax?.value).toBe('3.94');
    expect(tax?.confidence).toBeLessThan(SURE);
  });

  it('takes a tax whose garbled net adds up with it to its gross, the rate itself misread', () => {
    expect(
      taxOf(`SUMME EUR        3,45
MwSt Netto MwSt Brutto
17%    322    0,23    3,45`)?.value,
    ).toBe('0.23');
  });

  it('gives one rate whose row read nothing its share of a bill that includes the tax, unsure', () => {
    const tax = taxOf(
      `TOTAL € 14,89
Taxa Base Trib. IVA Total
A 23,00% 12771): 2.47.8 14,89x
IVA incluido a taxa em vigor`,
      ['por'],
    );
    expect(tax?.value).toBe('2.78');
    expect(tax?.confidence).toBeLessThan(SURE);
  });

  it('takes the tax of every rate summed on a row of its own', () => {
    expect(
      taxOf(
        `SUB TOTAL € 9.21
TOTAL €9.21
Total VAT €.0.33`,
        ['eng'],
      )?.value,
    ).toBe('0.33');
  });

  it('takes no service charge given as a rate for a tax', () => {
    expect(
      taxOf(
        `TOTAL SALES       74.70
service Chg 10.00% : 7.47
GST : 4.93
TOTAL             87.10
GST Summary % Amount(RM  Tax(RM`,
        ['eng'],
      )?.value,
    ).toBe('4.93');
  });

  it('reads a rate whose row code the OCR ran into it (1 22% read 122%) by the figures it fits', () => {
    expect(
      taxOf(
        `TOTALE COMPLESSIVO € 44,00
Ali Imponibile Imposta Totale
122%    7,09    1,56    8,65
210%   13,07    1,31   14,38
34%    20,16    0,81   20,97`,
        ['ita'],
      ),
    ).toEqual({ value: '3.68', confidence: 0.9 });
  });

  it('gives a refund’s tax its minus sign', () => {
    expect(
      taxOf(
        `DEVOLUCION
TOTAL -2,49 €
IVA     BASE    CUOTA   TOTAL
10%     2,26    0,23    2,49`,
        ['spa'],
      )?.value,
    ).toBe('-0.23');
  });

  it('takes a sales tax that brings the subtotal to the total, its point read as a 0', () => {
    expect(
      taxOf(
        `SUBTOTAL          $65.08
TAX               $1017
Total to pay      $66.25`,
        ['eng'],
      )?.value,
    ).toBe('1.17');
  });

  it('states no tax when the receipt’s rates print none readable, rather than one row’s figure', () => {
    expect(
      taxOf(
        `SUBTOTAL          34.75
TOTAL GBP         34.75
A VAT 20%          2-20
B VAT 0%           0.00`,
        ['eng'],
      ),
    ).toBeUndefined();
  });
});
