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

  it("takes the shop's name over the company that runs it, printed in the same type right below", () => {
    expect(
      merchantOf(`ULTRAMARINOS GARCIA\nCOMERCIAL DEL BARRIO S.A.\nCalle Mayor, 12\n28013 Madrid`).name?.value,
    ).toBe('ULTRAMARINOS GARCIA');
    expect(merchantOf(`GREEN VALLEY MARKET\nSunrise Foods Limited\n4 High Street`).name?.value).toBe(
      'GREEN VALLEY MARKET',
    );
    // the company's form first, or one word beside a form that only ends a company's name
    expect(
      merchantOf(`EPICERIE DE LA GARE\nSAS ALIMENTATION DU CENTRE\n47C PLACE VOLTAIRE`).name?.value,
    ).toBe('EPICERIE DE LA GARE');
    expect(merchantOf(`HAUSHALTSWAREN BRANDT\nHandels GmbH\nIndustriestraße 33`).name?.value).toBe(
      'HAUSHALTSWAREN BRANDT',
    );
    // a street word without a number is part of the shop's name
    expect(merchantOf(`SUPER AHORRO CENTRO\nDistribuciones Sol S.A.\nPaseo de Gracia, 49`).name?.value).toBe(
      'SUPER AHORRO CENTRO',
    );
    // a logo read as weak words above the company is no name
    expect(merchantOf(`Nig feo 3 jer\nSUNRISE FOODS PLC\n4 High Street`, 0.3).name?.value).toBe(
      'SUNRISE FOODS PLC',
    );
    // in Malaysia the registered company heads the receipt as the merchant
    expect(merchantOf(`BREWERY Tap\nCASTLE BLUE SDN BHD\nAvtivo Plaza`).name?.value).toBe(
      'CASTLE BLUE SDN BHD',
    );
  });

  it("keeps a store's number after its name", () => {
    expect(merchantOf(`CARERX PHARMACY #512\n88 Main Street`).name?.value).toBe('CARERX PHARMACY #512');
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

  describe('a name printed large', () => {
    /** Receipt rows; the first `large` of them printed in double height, read with `confidence`. */
    function merchantWithHeading(text: string, large = 1, confidence = 0.95) {
      const lines = ocrLines(text, confidence).map((line, i) => {
        if (i >= large) return line;
        const taller = (box: typeof line.bbox) => ({ ...box, y1: box.y0 + 44 });
        return {
          ...line,
          bbox: taller(line.bbox),
          words: line.words.map((w) => ({ ...w, bbox: taller(w.bbox) })),
        };
      });
      return findMerchant(buildRows(lines));
    }
    const FOOT = '\nCOFFEE 2.50\nTEA 1.80\nSCONE 2.10\nTOTAL 6.40';

    it('outranks the legal entity printed small under it, which it does not absorb', () => {
      expect(
        merchantWithHeading(`NORTHGATE SUPERMARKET\nSunrise Foods Plc\n83 Parnell Square${FOOT}`).name?.value,
      ).toBe('NORTHGATE SUPERMARKET');
      expect(merchantWithHeading(`SPARKAUF\nHANDELS GMBH\nHAUPTSTRASSE 4${FOOT}`).name?.value).toBe(
        'SPARKAUF',
      );
      // In ordinary print the shop's name over its company is the merchant too; a Malaysian company form still
      // points at the name, as on the Malaysian scans.
      expect(merchantWithHeading(`SPARKAUF\nHANDELS GMBH\nHAUPTSTRASSE 4${FOOT}`, 0).name?.value).toBe(
        'SPARKAUF',
      );
      expect(merchantWithHeading(`SPARKAUF\nHANDELS SDN BHD\nJALAN BESAR 4${FOOT}`, 0).name?.value).toBe(
        'HANDELS SDN BHD',
      );
    });

    it('keeps a street word that is part of the name', () => {
      expect(
        merchantWithHeading(`VILLAGE CHEMIST\nUNIT 19, RIVERSIDE RETAIL PARK\nLEEDS${FOOT}`).name?.value,
      ).toBe('VILLAGE CHEMIST');
    });

    it('is not a logo read as specks', () => {
      expect(
        merchantWithHeading(`GAS i 4PUR\nAIK HUAT HARDWARE SDN BHD\nNO. 17-G, JALAN SETIA${FOOT}`, 1, 0.4)
          .name?.value,
      ).toBe('AIK HUAT HARDWARE SDN BHD');
    });
  });

  it.each([
    [
      "German, after the owner's line",
      'SPARKAUF\nINH. DR. ALI YILMAZ E.K.\nSCHULSTRASSE 104\n40213 DÜSSELDORF\nTelefon 0211/8491794\nUST-ID DE 680770863',
      'SCHULSTRASSE 104 40213 DÜSSELDORF',
    ],
    [
      'Swiss',
      'NAHKAUF\nFrischmarkt GmbH\nSpitalgasse 3\nCH-8001 Zürich\nMWST-Nr. CHE-919.225.567',
      'Spitalgasse 3 CH-8001 Zürich',
    ],
    [
      'French, number first',
      'MARCHÉ PLUS\n47 bd du Marché\n34000 MONTPELLIER\nSIRET 123 456 789 00012',
      '47 bd du Marché 34000 MONTPELLIER',
    ],
    [
      'Italian',
      'BOTTEGA BIO\nVIA CAVOUR 21\n00153 ROMA RM\nTelefono 06 6761944\nC.F. e P.IVA 05625432337',
      'VIA CAVOUR 21 00153 ROMA RM',
    ],
    [
      'Portuguese',
      'SUPER NORTE\nRua da Prata 370\n8000-138 Faro\nTelef. 289 721 861',
      'Rua da Prata 370 8000-138 Faro',
    ],
    [
      'Dutch',
      'DAGMARKT CENTRUM\nDE BRINK RETAIL N.V.\nStationsweg 53\n2311 JX Leiden\nBTW-nr: NL629439021B01',
      'Stationsweg 53 2311 JX Leiden',
    ],
    ['Spanish', 'CAFETERÍA LUNA\nC/ Mayor 21\n50001 ZARAGOZA\nNIF B12345678', 'C/ Mayor 21 50001 ZARAGOZA'],
    [
      'British, the postcode on a row of its own',
      'Bombay Spice\nUnit 9, Riverside Retail Park\nLONDON\nN1 9GU\nVAT No: GB 993 1264 42',
      'Unit 9, Riverside Retail Park LONDON N1 9GU',
    ],
    [
      'Welsh, whose postcode starts like a codice fiscale',
      'NORTHGATE SUPERMARKET\n1 Market Place\nCardiff CF10 1EP\nVAT No: GB 002 9192 64',
      '1 Market Place Cardiff CF10 1EP',
    ],
    [
      'Irish, with an Eircode',
      "HILLSIDE FILLING STATION\n73 O'Connell Street\nGalway\nH91 E2K3\n091 940 0831",
      "73 O'Connell Street Galway H91 E2K3",
    ],
    [
      'American, before the opening hours',
      'The Fish Bar\n4330 Washington Blvd\nSeattle, WA 98101\nMon-Sat 8am-8pm Sun 10am-4pm',
      '4330 Washington Blvd Seattle, WA 98101',
    ],
    [
      'German, before a phone row whose label was misread',
      'EDEKA\nRosenweg 29\n58239 Schwerte-Holzen\nfel. 02304 / 983113',
      'Rosenweg 29 58239 Schwerte-Holzen',
    ],
    [
      'German, a street the packs do not name above the postcode',
      'HAUSHALTSWAREN BRANDT\nAM MARKT 61\n93047 REGENSBURG\nTel. (0941) 090748',
      'AM MARKT 61 93047 REGENSBURG',
    ],
    [
      'Spanish, an abbreviated avenue and its floor above the postcode, under the company',
      'SUPERMERCADOS SOL\nCOMERCIAL DEL BARRIO S.L.\nAVDA. DE LA CONSTITUCION, 65,\nBAJO\n15001 A CORUNA\nTeléfono: 98 179 97 44',
      'AVDA. DE LA CONSTITUCION, 65, BAJO 15001 A CORUNA',
    ],
    [
      'French, an industrial zone, before the opening hours',
      'EPICERIE FINE DUPONT\nZI LA CROIX BLANCHE\n75011 PARIS\nOuvert du lundi au samedi 8h30-20h',
      'ZI LA CROIX BLANCHE 75011 PARIS',
    ],
    [
      'Portuguese, the house number wrapped onto a row of its own',
      'MERCADO BIO LISBOA\nRua Dr. António José de Almeida,\n8\n4050-253 Porto\nSeg-Sab 9h-20h',
      'Rua Dr. António José de Almeida, 8 4050-253 Porto',
    ],
    [
      'Belgian, before the VAT number',
      'PROXI FRAIS\nAVENUE LOUISE 2\n1050 IXELLES\nTVA BE 0784.855.658',
      'AVENUE LOUISE 2 1050 IXELLES',
    ],
  ])('reads the address (%s) up to the phone or tax number', (_case, text, address) => {
    expect(merchantOf(`${text}\nKAFFEE 2,50\nSUMME 2,50`).address?.value).toBe(address);
  });

  it('keeps a name with a street word and no house number ("TANKSTATION SNELWEG A2")', () => {
    expect(
      merchantOf('TANKSTATION SNELWEG A2\nStationsweg 53\n2311 JX Leiden\nBTW-nr: NL629439021B01').name
        ?.value,
    ).toBe('TANKSTATION SNELWEG A2');
  });

  it('takes no SIRET row for a name', () => {
    expect(
      merchantOf('Brico Centre Girard\n9 place Nationale\n69002 Lyon\nSIRET : 14119004136791 - NAF').name
        ?.value,
    ).not.toMatch(/SIRET/);
  });

  it('takes no row with a British postcode for a name', () => {
    expect(merchantOf(`YORK Y01 7HH\nCORNER DELI\nCOFFEE 2.50\nTOTAL 2.50`).name?.value).toBe('CORNER DELI');
  });

  it('finds no merchant in rows that are all noise', () => {
    const m = merchantOf("’   )    '   A    ,\n2  - cia [  4   .   .\nTAX INVOICE", 0.1);
    expect(m).toEqual({});
  });
});
