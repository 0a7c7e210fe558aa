import { describe, expect, it } from 'vitest';
import { buildRows } from '../../../functions/engine/fields/layout.js';
import { findMerchant } from '../../../functions/engine/fields/merchant.js';
import { ocrLines } from './ocr-lines.js';

function merchantOf(text: string, confidence = 0.9) {
  return findMerchant(buildRows(ocrLines(text, confidence)));
}

describe('findMerchant', () => {
  it('joins a name wrapped over three rows and cuts the registration number', () => {
    const m = merchantOf(`AIK HUAT HARDWARE
ENTERPRISE (SETIA
ALAM) SDN BHD
822737-X
NO. 17-G, JALAN SETIA INDAH
(X) U13/X, SETIA ALAM,
SEKSYEN U13, 40170 SHAH ALAM,
TEL: 012 - 6651783 FAX: 03 - 33623608`);
    expect(m.name?.value).toBe('AIK HUAT HARDWARE ENTERPRISE (SETIA ALAM) SDN BHD');
    expect(m.address?.value).toBe(
      'NO. 17-G, JALAN SETIA INDAH (X) U13/X, SETIA ALAM, SEKSYEN U13, 40170 SHAH ALAM',
    );
    expect(m.phone?.value).toBe('012 - 6651783');
  });

  it('continues a short suffix row with the outlet row above it, but not with a logo or order banner', () => {
    const m = merchantOf(`YOUR ORDER NUMBER IS
7290
CT281 - TEALIVE SHELL KEPONG
OTTOGO ENTERPRISE
002570632-X
GST ID:001018802176
SHELL STATION PT15944, MUKIM
BATU,
JLN BESAR KEPONG
TAX INVOICE`);
    expect(m.name?.value).toBe('CT281 - TEALIVE SHELL KEPONG OTTOGO ENTERPRISE');
    expect(m.address?.value).toBe('SHELL STATION PT15944, MUKIM BATU, JLN BESAR KEPONG');
  });

  it('drops logo specks before a name but keeps initials', () => {
    expect(merchantOf('1 A Yam Fresh\nNo.145G, Jalan Rimbunan Raya 1,').name?.value).toBe('Yam Fresh');
    expect(merchantOf('(481500-M)\nC W KHOO HARDWARE SDN BHD\nNO.50, JALAN PBS 14/11,').name?.value).toBe(
      'C W KHOO HARDWARE SDN BHD',
    );
  });

  it('stops the address at a GST ID glued to its label', () => {
    const m = merchantOf(`LIAN HING STATIONERY SDN BHD
NO.32 & 33, JALAN SR 1/9, SEKSYEN 9,
43300 SERI KEMBANGAN, SELANGOR DARUL EHSAN
GSTID : 002139201536`);
    expect(m.address?.value).toBe(
      'NO.32 & 33, JALAN SR 1/9, SEKSYEN 9, 43300 SERI KEMBANGAN, SELANGOR DARUL EHSAN',
    );
  });

  it('reads OCR variants of S/B and GST', () => {
    const m = merchantOf(`79 SPEED MART 5/D (519537-X)
LOT PLT. 2811, JALAN ANGSA,
41150 KLANG, SELANGOR
G5T ID. NO : QOOLBIT47712`);
    expect(m.name?.value).toBe('79 SPEED MART S/B');
    expect(m.address?.value).toBe('LOT PLT. 2811, JALAN ANGSA, 41150 KLANG, SELANGOR');
    expect(
      merchantOf('BREWERY Tap\nOwner by Castle Blue S/F\n{1035683-T)\nGST No : 292108047369').name?.value,
    ).toBe('Owner by Castle Blue S/B');
  });

  it('repairs common misreads inside a company name', () => {
    expect(merchantOf('URBAN 1DEA SDN BHD (417940-M),\nA-G-06, DATARAN GLOMAC,').name?.value).toBe(
      'URBAN IDEA SDN BHD',
    );
    expect(merchantOf('KAISON FURNISHING SON BHD\nL4-17 (B), LEVEL 4,').name?.value).toBe(
      'KAISON FURNISHING SDN BHD',
    );
    expect(merchantOf('99 SPEED MART 5/B (519537-X)\nLOT P.T. 2811, JALAN ANGSA,').name?.value).toBe(
      '99 SPEED MART S/B',
    );
  });

  it('finds no merchant in rows that are all noise', () => {
    const m = merchantOf("’   )    '   A    ,\n2  - cia [  4   .   .\nTAX INVOICE", 0.1);
    expect(m).toEqual({});
  });
});
