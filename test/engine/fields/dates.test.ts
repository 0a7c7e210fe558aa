import { describe, expect, it } from 'vitest';
import { findDate, findTime } from '../../../functions/engine/fields/dates.js';
import { buildRows } from '../../../functions/engine/fields/layout.js';
import { ocrLines, readWeakly } from './ocr-lines.js';

/** The day these receipts are read: a fixed clock, so the year bound does not move with the calendar. */
const TODAY = new Date('2026-06-15T12:00:00Z');

function dateOf(text: string, order: 'dmy' | 'mdy' = 'dmy', known = true, today = TODAY) {
  return findDate(buildRows(ocrLines(text)), order, known, today);
}

describe('findDate', () => {
  it('judges a date against the given day: a later one is a slipped digit, not a date', () => {
    expect(dateOf('Date: 05/03/2026', 'dmy', true, TODAY)?.value).toBe('2026-03-05');
    // a day of clock and time zone slack
    expect(dateOf('Date: 16/06/2026', 'dmy', true, TODAY)?.value).toBe('2026-06-16');
    expect(dateOf('Date: 20/06/2026', 'dmy', true, TODAY)).toBeUndefined();
    expect(dateOf('Date: 29/01/2027', 'dmy', true, TODAY)).toBeUndefined();
    expect(dateOf('Date: 05/03/2028', 'dmy', true, TODAY)?.value).toBe('2020-03-05');
    expect(dateOf('Date: 05/03/2028', 'dmy', true, new Date('2028-04-01T00:00:00Z'))?.value).toBe(
      '2028-03-05',
    );
  });

  it('does not take a street named after a date, nor a house number, for the date', () => {
    expect(dateOf('Rua 25 de Abril, 26c\n3000-150 Coimbra\n22-09-2020 22:29')?.value).toBe('2020-09-22');
    expect(dateOf('Avenida 5 de Outubro, 24\n22-09-2020')?.value).toBe('2020-09-22');
    expect(dateOf('12 RUE DU 8 MAI 2024\nLe 21/02/2025')?.value).toBe('2025-02-21');
    // a written date elsewhere stands
    expect(dateOf('CAFE\n5 de outubro de 2024')?.value).toBe('2024-10-05');
  });

  it('reads an ISO date whose T before the time was read as a 7', () => {
    expect(dateOf('TSE-Start: 2024-07-20721:07:10.000')?.value).toBe('2024-07-20');
  });

  it("reads an ISO date whose month's zero was read twice, or as a zero and a look-alike", () => {
    expect(dateOf('2025-009-22 17:24:59')?.value).toBe('2025-09-22');
    expect(dateOf('TSE-Start: 2020-083-16T14:25:060.60600')?.value).toBe('2020-03-16');
  });

  it("lets the receipt's other date tell an ISO month's digit added (086 for 08) from its zero read twice", () => {
    const fiscal = 'TSE-Start: 2025-086-04T14:20:00.000\nTSE-Stop: 2025-086-04T14:20:31.000';
    const date = dateOf(`Kassenbon\n04.08.2025 14:20\n${fiscal}`);
    expect(date?.value).toBe('2025-08-04');
    expect(date?.text).toBe('04.08.2025');
    expect(dateOf(`Kassenbon\n04.06.2025 14:20\n${fiscal}`)?.value).toBe('2025-06-04');
    // the two fiscal rows alone guess alike: not trusted as a date read twice
    expect(dateOf(fiscal)?.confidence).toBeLessThanOrEqual(0.7);
  });

  it('reads a dotted date whose dots were read as colons before the time', () => {
    expect(dateOf('11:11:20 14:02:01 Bon-Nr: 64117')?.value).toBe('2020-11-11');
    // a time alone is no date
    expect(dateOf('Uhrzeit 14:02:01')).toBeUndefined();
  });

  it('does not let zeros a repair put back outweigh another row that read the date as printed', () => {
    expect(dateOf('16.63.2620 14:25 Beleg-Nr. 095311\nTSE-Start: 2020-03-16T14:25:06.000')?.value).toBe(
      '2020-03-16',
    );
  });

  it('does not take the month-first reading that would date the receipt in the future', () => {
    const date = dateOf('Datum 12/10/2026 18:24', 'dmy', false, new Date('2026-11-01T00:00:00Z'));
    expect(date?.value).toBe('2026-10-12');
    expect(date?.ambiguous).toBe(false);
  });

  it('keeps a date of two orders uncertain when it is printed twice alike', () => {
    const twice = '09/10/24 07:20:34\nAPPROVED - THANK YOU\nDate 09/10/2024';
    expect(dateOf(twice, 'dmy', false)?.confidence).toBeLessThanOrEqual(0.55);
    expect(dateOf(twice, 'dmy', true)?.confidence).toBeLessThanOrEqual(0.85);
    // a date of one order only is trusted the more for being printed twice
    expect(dateOf('29/10/24 07:20:34\nDate 29/10/2024', 'dmy', false)?.confidence).toBeGreaterThan(0.85);
  });

  it('trusts a date little when another row prints it one or two digits apart', () => {
    const date = dateOf('Fecha 28/06/2012 Hora 09:10:39\nTOTAL 28,95\nFECHA: 28/06/2019');
    expect(date?.confidence).toBeLessThanOrEqual(0.6);
    // both printings slipped, in different digits
    expect(
      dateOf('LE 19/07/25 A 18 23 14\nTOTAL 24,45\nLe 12/07/2023 Heure 18:25')?.confidence,
    ).toBeLessThanOrEqual(0.6);
    // the same date printed twice alike is trusted
    const agreed = dateOf('Fecha 28/06/2019 Hora 09:10:39\nTOTAL 28,95\nFECHA: 28/06/2019');
    expect(agreed?.confidence).toBeGreaterThan(0.8);
  });

  it('takes, of two printings a digit apart, the one read clearly more surely, over a date label', () => {
    const lines = ocrLines('29/02/2024 20:27:01 N.º 29513\nTOTAL 12,40\nData: 2024-02-22 Hora: 20:27:01');
    const blurred = readWeakly(lines, 'Data:', 0.59);
    expect(findDate(buildRows(blurred), 'dmy', true, TODAY)?.value).toBe('2024-02-29');
    expect(findDate(buildRows(blurred), 'dmy', true, TODAY)?.confidence).toBeLessThanOrEqual(0.6);
    // read as surely, the label decides
    expect(findDate(buildRows(lines), 'dmy', true, TODAY)?.value).toBe('2024-02-22');
  });

  it.each([
    ['Date: 05/03/2018 18:24', '2018-03-05'],
    ['05-03-18', '2018-03-05'],
    ['05.03.2018', '2018-03-05'],
    ['05 MAR 2018 18:24', '2018-03-05'],
    ['5-Mar-18', '2018-03-05'],
    ['2018-03-05 22:55:25', '2018-03-05'],
    ['MAR 5 2018', '2018-03-05'],
    ['March 5, 2018', '2018-03-05'],
    ['Fecha: 5 de marzo de 2018', '2018-03-05'],
    ['14 DIC 2017', '2017-12-14'],
    ['Date:D2/02/17 19:46', '2017-02-02'],
    ['O5 NAR 2Ol8', '2018-03-05'],
    ['02e49PH 565287 05~05-17', '2017-05-05'],
    ['14 DEG 2017', '2017-12-14'],
    ['1O/O3/2Ol8', '2018-03-10'],
    ['25/12/2018', '2018-12-25'],
    ['FECHA 12/€5/2019', '2019-05-12'],
    ['25.10,2023 10:24 Bon-Nr. 86827', '2023-10-25'],
    ['Le 14 aout 2020 Heure : 15:42', '2020-08-14'],
    ['5. Marz 2025', '2025-03-05'],
  ])('%s -> %s (day first)', (text, iso) => {
    expect(dateOf(text)?.value).toBe(iso);
  });

  it('reads month first on a US receipt', () => {
    expect(dateOf('03/05/2018', 'mdy')?.value).toBe('2018-03-05');
  });

  it('ignores the locale when only one reading is a date', () => {
    const date = dateOf('12/25/2018', 'dmy');
    expect(date?.value).toBe('2018-12-25');
    expect(date?.ambiguous).toBe(false);
  });

  it('lowers the confidence of a date that reads both ways, most when the locale is unknown', () => {
    // Prepare
    const clear = dateOf('25/03/2018');
    const ambiguousKnown = dateOf('05/03/2018', 'dmy', true);
    const ambiguousUnknown = dateOf('05/03/2018', 'dmy', false);
    // Assess
    expect(ambiguousKnown?.ambiguous).toBe(true);
    expect(ambiguousKnown?.confidence).toBeLessThan(clear?.confidence ?? 0);
    expect(ambiguousUnknown?.confidence).toBeLessThan(ambiguousKnown?.confidence ?? 0);
    expect(ambiguousUnknown?.confidence).toBeLessThan(0.6);
  });

  it('prefers the labelled date to an expiry date above it', () => {
    const text = 'Valid until 01/01/2019\nDATE: 14/03/2018';
    expect(dateOf(text)?.value).toBe('2018-03-14');
  });

  it('leaves a month that one misread letter makes ambiguous unread (MAV: MAY or MAR?)', () => {
    expect(dateOf('30 MAV 2018')).toBeUndefined();
  });

  it('puts back one slipped digit of an impossible month, with a low confidence', () => {
    const date = dateOf('CB#: 389720 17/61/2018 4 2153');
    expect(date?.value).toBe('2018-01-17');
    expect(date?.confidence).toBeLessThan(0.5);
  });

  it('repairs one slip only: 39/03 is 30/03, 35/14 would need two', () => {
    expect(dateOf('39/03/2018')?.value).toBe('2018-03-30');
    expect(dateOf('35/14/2018')).toBeUndefined();
  });

  it('gives a written-month date found only through repairs a low confidence', () => {
    const date = dateOf('1L PET 2006');
    expect(date?.value).toBe('2006-09-11');
    expect(date?.confidence).toBeLessThan(0.5);
    expect(dateOf('11 SET 2006')?.confidence).toBeGreaterThan(0.9);
  });

  it('reads a symbol in place of a digit as a zero, but trusts that guess less than a letter read as a digit', () => {
    // `€` and `¢` stand for a round digit (0, 6, 8 or 9): the zero is the likeliest, not a certainty
    const euro = dateOf('2019-12-2€ 17:55:52');
    expect(euro?.value).toBe('2019-12-20');
    expect(euro?.confidence).toBeLessThan(0.8);
    expect(dateOf('Datum Sa 04.01.202¢')?.confidence).toBeLessThan(0.8);
    // a letter stands for one digit
    expect(dateOf('Datum Sa O4.01.2020')?.confidence).toBeGreaterThan(0.9);
    // the same date printed again as read on another row stands
    expect(dateOf('2019-12-2€ 17:55:52\nData: 2019-12-20')?.confidence).toBeGreaterThan(0.9);
  });

  it('reads no year in an amount after a month name', () => {
    expect(dateOf('12 SET 06,90')).toBeUndefined();
    expect(dateOf('PATAT MET MAYO 4,00 2')).toBeUndefined();
  });

  it("prefers a date in the receipt's own order to a labelled one valid only in the other order", () => {
    const dates = 'Data: 05/16/2019 Ora: 19:10\n05-10-19 19-10 SF. 14';

    expect(dateOf(dates, 'dmy', true)?.value).toBe('2019-10-05');
    expect(dateOf('Data: 05/16/2019', 'dmy', true)?.confidence).toBeLessThan(0.6);
    expect(dateOf('Data: 05/16/2019', 'dmy', false)?.value).toBe('2019-05-16');
  });

  it('reads a written month after a day with a dot (25. September 2023), and a year with a digit read twice', () => {
    expect(dateOf('25. September 2023 14:14')?.value).toBe('2023-09-25');
    const doubled = dateOf('25. September 20023 14:14');
    expect(doubled?.value).toBe('2023-09-25');
    expect(doubled?.confidence).toBeLessThan(0.6);
    expect(dateOf('Datum: 25.09.20023')?.confidence).toBeLessThan(0.6);
    // A postcode is no year: only a year after a month is put back.
    expect(dateOf('20023 Hamburg')).toBeUndefined();
  });

  it('reads a year whose barred zero came out as two glyphs, the zero and a 6, 8 or 9 beside it', () => {
    const year = dateOf('27 Apr 28023 19:13', 'dmy');
    expect(year?.value).toBe('2023-04-27');
    expect(year?.confidence).toBeLessThan(0.6);
    expect(dateOf('Datum: 25.09.20623')?.value).toBe('2023-09-25');
    // an 8 with no zero beside it is no zero read twice
    expect(dateOf('27 Apr 28123 19:13', 'dmy')).toBeUndefined();
  });

  it("reads an ISO date with a noise mark after its month's two digits", () => {
    expect(dateOf('2022-06€-27 10:09:38')?.value).toBe('2022-06-27');
    expect(dateOf('Data: 2019-11©-03')?.value).toBe('2019-11-03');
  });

  it('reads a date whose two slashes were read as the same 7 or 1, right before a time of day', () => {
    const date = dateOf('13711725 08:43:13 Doc. N.º 061753');
    expect(date?.value).toBe('2025-11-13');
    expect(date?.confidence).toBeLessThan(0.8);
    expect(dateOf('04105125 10:02')?.value).toBe('2025-05-04');
    // two different digits in the slashes' places, or no time after it: a number, not a date
    expect(dateOf('13711125 08:43:13')).toBeUndefined();
    expect(dateOf('Doc 13711725')).toBeUndefined();
  });

  it('takes a date printed twice with its zeros when one row read a zero as 6 and the other as 8', () => {
    const date = dateOf('Mastercard\nDatum: 16.09.2019\nBetrag EUR 8,48\nDatum 10.89.2019 Uhrzeit: 19:04');

    expect(date?.value).toBe('2019-09-10');
    expect(date?.confidence).toBeLessThan(0.8);
    // Printed once, the reading stands.
    expect(dateOf('Datum: 16.09.2019')?.value).toBe('2019-09-16');
    // A fiscal line's timestamp printed with the zero the labelled date slipped.
    const fiscal = dateOf('Datum 16.12.22 Zeit: 12:43\nTSE-Stop: 2022-12-10T12:43:25.000');
    expect(fiscal?.value).toBe('2022-12-10');
    expect(fiscal?.confidence).toBeLessThan(0.8);
  });

  it('takes the reading of a date printed twice whose year the receipt prints elsewhere, zero or not', () => {
    const twice = 'Data: 2020-03-20 Hora: 20:36:58\nTOTAL 83,31\nData: 20/03/2026\nHora 20:36:58';
    expect(dateOf(`Fatura Simplificada FS 2026/76364\n${twice}`)?.value).toBe('2026-03-20');
    // nothing else printed: the zero stands, tills' zeros slip to 6 far more often than back
    expect(dateOf(twice)?.value).toBe('2020-03-20');
  });

  it('reads a date whose space before the time was read as a digit or lost', () => {
    expect(dateOf('05 /11/2022612:78 PM TRANS: 066283', 'mdy')?.value).toBe('2022-05-11');
    expect(dateOf('12.03.201914:22')?.value).toBe('2019-03-12');
  });

  it('reads a short-year date whose second slash was lost, right before a time of day', () => {
    expect(dateOf('06/2220 10:17:29', 'mdy')?.value).toBe('2020-06-22');
    // without the time nothing says the figures are a date
    expect(dateOf('REF 06/2220', 'mdy')).toBeUndefined();
  });

  it('finds no date in amounts or phone numbers', () => {
    expect(dateOf('TOTAL 12.50\nTEL 03-7803 0974')).toBeUndefined();
  });

  it('reads no date in a VAT rate whose label ends in a letter read as a digit ("inkl. 7.00%" is not 1.7.00)', () => {
    expect(dateOf('inkl. 7.00% MwSt 2.04\ninkl. 19.00 % MwSt 2.57')).toBeUndefined();
    expect(dateOf('inkl. 7.00% MwSt 2.04\n26.05.19 07:14:24')?.value).toBe('2019-05-26');
  });
});

describe('findTime', () => {
  it.each([
    ['05/03/2018 18:24', '18:24'],
    ['16:58:00', '16:58'],
    ['Time 7:45 PM', '19:45'],
    ['12:05 AM', '00:05'],
    ['12:30 p.m.', '12:30'],
    ['03:16PM 569337 07-02-18', '15:16'],
  ])('%s -> %s', (text, hhmm) => {
    expect(findTime(buildRows(ocrLines(text)))?.value).toBe(hhmm);
  });

  it('does not read an amount as a time', () => {
    expect(findTime(buildRows(ocrLines('TOTAL 12.50')))).toBeUndefined();
  });
});
