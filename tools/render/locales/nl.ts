/**
 * Dutch receipts (kassabon, kasticket) from the Netherlands and Flanders: TOTAAL / TE BETALEN, PIN /
 * pinnen / Maestro / V PAY, CONTANT / WISSELGELD / TERUG, 5-cent cash rounding (Afronding), statiegeld,
 * BTW-specificatie with 9 % / 21 % (Belgium 6 / 12 / 21 %), "1012 AB Amsterdam" postcodes, PIN slips.
 */
import type { Rng } from '../random.js';
import { houseNumber, item, randomChars, upperAlnum, withForm } from './common.js';
import type { City, LocalePack, RegionPack } from './types.js';

const CITIES_NL: readonly City[] = [
  { postcode: '1012', city: 'Amsterdam', dial: '020' },
  { postcode: '1073', city: 'Amsterdam', dial: '020' },
  { postcode: '3011', city: 'Rotterdam', dial: '010' },
  { postcode: '3511', city: 'Utrecht', dial: '030' },
  { postcode: '2511', city: 'Den Haag', dial: '070' },
  { postcode: '5611', city: 'Eindhoven', dial: '040' },
  { postcode: '9711', city: 'Groningen', dial: '050' },
  { postcode: '5038', city: 'Tilburg', dial: '013' },
  { postcode: '2011', city: 'Haarlem', dial: '023' },
  { postcode: '2311', city: 'Leiden', dial: '071' },
  { postcode: '8011', city: 'Zwolle', dial: '038' },
  { postcode: '6511', city: 'Nijmegen', dial: '024' },
  { postcode: '6211', city: 'Maastricht', dial: '043' },
];

const CITIES_BE: readonly City[] = [
  { postcode: '2000', city: 'Antwerpen', dial: '03' },
  { postcode: '9000', city: 'Gent', dial: '09' },
  { postcode: '3000', city: 'Leuven', dial: '016' },
  { postcode: '8000', city: 'Brugge', dial: '050' },
  { postcode: '3500', city: 'Hasselt', dial: '011' },
  { postcode: '2800', city: 'Mechelen', dial: '015' },
];

const STREETS_NL = [
  'Kalverstraat',
  'Hoofdstraat',
  'Dorpsstraat',
  'Kerkstraat',
  'Marktplein',
  'Stationsweg',
  'Molenweg',
  'Julianalaan',
  'Wilhelminastraat',
  'Oudegracht',
  'Lange Nieuwstraat',
  'Winkelcentrum De Kroon',
];

const LETTERS = 'ABCDEGHJKLMNPRSTVWXZ';

function dutchPhone(rng: Rng, c: City): string {
  const dial = c.dial ?? '020';
  const rest = rng.digits(10 - dial.length);
  return rng.weighted([
    [`${dial}-${rest}`, 4],
    [`${dial} ${rest.slice(0, 3)} ${rest.slice(3)}`, 2],
    [`+31 ${dial.slice(1)} ${rest}`, 1],
  ]);
}

const netherlands: RegionPack = {
  id: 'nl-NL',
  weight: 7,
  currency: 'EUR',
  symbol: '€',
  numberStyles: [
    [{ decimal: ',', group: '' }, 8],
    [{ decimal: ',', group: '.' }, 2],
    [{ decimal: '.', group: '' }, 0.5],
  ],
  currencyDisplays: [
    ['heading', 3],
    ['total-only', 3],
    ['prefix-symbol', 2],
  ],
  rate: (vatClass) => (vatClass === 'standard' ? 2100 : vatClass === 'zero' ? 0 : 900),
  cities: CITIES_NL,
  street: (rng) => `${rng.pick(STREETS_NL)} ${houseNumber(rng, 250)}`,
  cityLines: (rng, c) => [
    `${c.postcode} ${randomChars(rng, LETTERS, 2)} ${rng.chance(0.3) ? c.city.toUpperCase() : c.city}`,
  ],
  phone: dutchPhone,
  vatId: (rng) =>
    rng.weighted([
      [`BTW-nr: NL${rng.digits(9)}B01`, 3],
      [`BTW NL${rng.digits(9)}B0${rng.int(1, 3)}`, 2],
      [`KvK ${rng.digits(8)}`, 2],
      [`KvK-nr.: ${rng.digits(8)}`, 1],
    ]),
  cashRounding: true,
  weightUnit: 'kg',
  volumeUnit: 'l',
  cardSchemes: [
    ['PIN', 5],
    ['Maestro', 2],
    ['V PAY', 1],
    ['VISA', 1],
    ['Mastercard', 1],
    ['Debit Mastercard', 1],
  ],
  dateFormats: [
    ['DD-MM-YYYY', 8],
    ['DD-MM-YY', 3],
    ['DD/MM/YYYY', 2],
    ['ddd D MMM YYYY', 0.5],
    ['D MMMM YYYY', 0.3],
  ],
  timeFormats: [
    ['HH:mm', 7],
    ['HH:mm:ss', 2],
    ['HH.mm', 0.5],
  ],
  tld: 'nl',
  cardShare: 0.8,
};

const flanders: RegionPack = {
  ...netherlands,
  id: 'nl-BE',
  weight: 2,
  currencyDisplays: [
    ['heading', 2],
    ['total-only', 3],
    ['suffix-symbol', 2],
  ],
  rate: (vatClass) =>
    vatClass === 'standard' ? 2100 : vatClass === 'meal' ? 1200 : vatClass === 'zero' ? 0 : 600,
  cities: CITIES_BE,
  street: (rng) =>
    `${rng.pick(['Meir', 'Veldstraat', 'Bondgenotenlaan', 'Steenstraat', 'Grote Markt', 'Kerkstraat', 'Stationsstraat'])} ${houseNumber(rng)}`,
  cityLines: (_rng, c) => [`${c.postcode} ${c.city}`],
  phone: (rng, c) => `${c.dial ?? '03'} ${rng.digits(3)} ${rng.digits(2)} ${rng.digits(2)}`,
  vatId: (rng) =>
    rng.chance(0.6)
      ? `BTW BE 0${rng.digits(3)}.${rng.digits(3)}.${rng.digits(3)}`
      : `Ondernemingsnr. 0${rng.digits(3)}.${rng.digits(3)}.${rng.digits(3)}`,
  cardSchemes: [
    ['Bancontact', 5],
    ['Maestro', 1],
    ['VISA', 1.5],
    ['Mastercard', 1],
  ],
  dateFormats: [
    ['DD/MM/YYYY', 6],
    ['DD-MM-YYYY', 3],
    ['DD/MM/YY', 2],
  ],
  tld: 'be',
  cardShare: 0.75,
};

export const dutch: LocalePack = {
  language: 'nl',
  regions: [netherlands, flanders],
  shops: {
    grocery: {
      weight: 10,
      names: (rng) =>
        rng.weighted([
          [
            {
              name: rng.pick([
                'BUURTSUPER DE HOEK',
                'VERSMARKT DE BRINK',
                'SUPER VAN DIJK',
                'KOOPMARKT',
                'DAGMARKT CENTRUM',
              ]),
              subline: withForm(
                rng,
                rng.pick(['Van Dijk Supermarkten', 'De Brink Retail', 'Koopmarkt Holding']),
                ['B.V.', 'N.V.'],
                1,
              ),
            },
            5,
          ],
          [
            {
              name: rng.pick([
                'Natuurwinkel De Zonnebloem',
                'Toko Sari',
                'Groenteboer Jansen',
                'Kaashandel Hollandia',
              ]),
            },
            3,
          ],
        ]),
      itemCount: [3, 14],
      items: [
        item('Halfvolle melk 1L', 99, 139, 'food', { multi: true }),
        item('Volkoren brood heel', 189, 299, 'food'),
        item('Jong belegen kaas plakken', 249, 399, 'food'),
        item('Goudse kaas 48+ stuk', 1290, 1690, 'food', { unit: 'kg' }),
        item('Roomboter 250g', 199, 329, 'food'),
        item('Vrije uitloop eieren 10 st', 279, 399, 'food'),
        item('Hagelslag puur 400g', 249, 359, 'food'),
        item('Pindakaas 600g', 279, 399, 'food'),
        item('Bananen', 169, 229, 'food', { unit: 'kg' }),
        item('Elstar appels', 199, 329, 'food', { unit: 'kg' }),
        item('Komkommer', 69, 119, 'food'),
        item('Aardappelen kruimig 2kg', 199, 349, 'food'),
        item('Kipfilet 500g', 499, 749, 'food'),
        item('Rookworst', 199, 329, 'food', { multi: true }),
        item('Spaghetti 500g', 89, 169, 'food', { multi: true }),
        item('Stroopwafels 8 st', 149, 249, 'food'),
        item('Koffie snelfiltermaling 500g', 499, 799, 'food'),
        item("Jus d'orange 1L", 169, 289, 'food'),
        item('Cola 1,5L', 149, 229, 'food', { deposit: 25 }),
        item('Spa blauw 1,5L', 79, 119, 'food', { deposit: 25, multi: true }),
        item('Pils 6x33cl blik', 449, 699, 'standard', { deposit: 15 }),
        item('Rode wijn Merlot 75cl', 399, 899, 'standard'),
        item('Afwasmiddel 500ml', 129, 249, 'standard'),
        item('Toiletpapier 8 rollen', 299, 549, 'standard'),
        item('Boodschappentas', 10, 99, 'standard'),
        item('Tulpen bos', 299, 499, 'food'),
      ],
    },
    bakery: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'Bakkerij Bakker',
          'Warme Bakker Visser',
          'Banketbakkerij De Vries',
          'Broodjeszaak Het Hoekje',
          'Bakkerij Van der Meer',
        ]),
      }),
      itemCount: [1, 6],
      items: [
        item('Tijgerbrood wit', 249, 349, 'food'),
        item('Volkoren bollen', 45, 65, 'food', { multi: true }),
        item('Croissant', 119, 169, 'food', { multi: true }),
        item('Appeltaart punt', 299, 399, 'food', { multi: true }),
        item('Krentenbollen 6 st', 249, 349, 'food'),
        item('Tompouce', 199, 279, 'food', { multi: true }),
        item('Broodje kaas', 295, 395, 'food'),
        item('Koffie verkeerd', 290, 390, 'food'),
        item('Gevulde koek', 149, 219, 'food'),
      ],
    },
    restaurant: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'Eetcafé De Zwaan',
          'Restaurant De Gouden Leeuw',
          'Pannenkoekenhuis Het Molentje',
          'Snackbar De Frietkoning',
          'Grand Café Central',
          'Brasserie Het Plein',
        ]),
      }),
      itemCount: [2, 8],
      items: [
        item('Pannenkoek spek kaas', 1150, 1450, 'meal'),
        item('Uitsmijter ham kaas', 950, 1250, 'meal'),
        item('Saté van de haas', 1850, 2350, 'meal'),
        item('Kroket broodje', 650, 850, 'meal', { multi: true }),
        item('Patat met mayo', 350, 495, 'meal', { multi: true }),
        item('Bitterballen 8 st', 750, 950, 'meal'),
        item('Erwtensoep', 650, 850, 'meal'),
        item('Dame blanche', 650, 850, 'meal'),
        item('Vaasje pils', 300, 420, 'standard', { multi: true }),
        item('Huiswijn glas', 450, 600, 'standard', { multi: true }),
        item('Verse muntthee', 320, 420, 'meal', { multi: true }),
        item('Cappuccino', 320, 420, 'meal', { multi: true }),
        item('Cola', 300, 380, 'meal', { multi: true }),
      ],
    },
    pharmacy: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Apotheek Centrum',
          'Drogisterij De Gezondheid',
          'Apotheek De Linde',
          'Drogisterij Vermeer',
        ]),
      }),
      itemCount: [1, 5],
      items: [
        item('Paracetamol 500mg 20 st', 99, 249, 'food'),
        item('Ibuprofen 400mg 20 st', 149, 349, 'food'),
        item('Neusspray xylometazoline', 299, 599, 'food'),
        item('Zonnebrand SPF 50', 899, 1699, 'standard'),
        item('Vitamine D 75 tabl', 399, 799, 'food'),
        item('Tandpasta 75ml', 149, 399, 'standard'),
        item('Douchegel 250ml', 199, 449, 'standard', { multi: true }),
        item('Pleisters assorti', 199, 399, 'standard'),
      ],
    },
    fuel: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Tankstation De Vaart',
          'Tankstation Snelweg A2',
          'Pompstation Noord',
          'Tankstation Van Leeuwen',
        ]),
      }),
      itemCount: [1, 3],
      items: [
        item('Euro 95 E10', 189, 229, 'standard', { unit: 'l' }),
        item('Diesel', 169, 209, 'standard', { unit: 'l' }),
        item('Super Plus 98', 199, 239, 'standard', { unit: 'l' }),
        item('Koffie groot', 250, 350, 'food'),
        item('Ruitenvloeistof 5L', 499, 899, 'standard'),
        item('Wasprogramma Extra', 1000, 1600, 'standard'),
      ],
    },
    retail: {
      weight: 1.5,
      names: (rng) => ({
        name: rng.pick([
          'Fietsenwinkel Smit',
          'Bouwmarkt De Klusser',
          'Elektro Mulder',
          'Woonwinkel Bos',
          'Witgoed Centrum De Boer',
        ]),
        ...(rng.chance(0.5)
          ? {
              subline: withForm(rng, rng.pick(['Smit Tweewielers', 'Mulder Elektro']), ['B.V.', 'V.O.F.'], 1),
            }
          : {}),
      }),
      itemCount: [1, 4],
      items: [
        item('E-bike stadsfiets', 149900, 279900, 'standard'),
        item('Accuboormachine 18V', 6999, 14999, 'standard'),
        item('Wasmachine 8kg', 39900, 79900, 'standard'),
        item('Laptop 15,6" 16GB', 54900, 119900, 'standard'),
        item('Koelkast vrijstaand', 39900, 89900, 'standard'),
        item('Bank 3-zits', 59900, 139900, 'standard'),
        item('Muurverf wit 10L', 2999, 5999, 'standard'),
        item('Fietsslot ART2', 2999, 6999, 'standard'),
        item('HDMI-kabel 2m', 699, 1999, 'standard'),
      ],
    },
  },
  words: {
    total: [
      ['TOTAAL', 6],
      ['Totaal', 4],
      ['TE BETALEN', 3],
      ['Te betalen', 2],
      ['Totaalbedrag', 1],
    ],
    payable: [
      ['TE BETALEN', 4],
      ['Te betalen', 3],
      ['Totaal te betalen', 1],
    ],
    subtotal: [
      ['SUBTOTAAL', 5],
      ['Subtotaal', 3],
    ],
    rounding: ['Afronding', 'AFRONDING', 'Afrondingsverschil'],
    cash: [
      ['CONTANT', 5],
      ['Contant', 3],
      ['Contant betaald', 1],
    ],
    given: [
      ['CONTANT', 3],
      ['Ontvangen', 2],
      ['Betaald', 1],
    ],
    change: [
      ['WISSELGELD', 4],
      ['Wisselgeld', 3],
      ['TERUG', 3],
      ['Retour', 1],
    ],
    cardPaid: [
      ['{card}', 3],
      ['PIN', 3],
      ['Betaald met PIN', 2],
      ['PINNEN', 1],
      ['Pinbetaling', 1],
      ['Betaald {card}', 1],
    ],
    contactless: ['CONTACTLOOS', 'Contactloze betaling'],
    vatColumns: [
      [['BTW', 'Excl.', 'BTW', 'Incl.'], 3],
      [['BTW%', 'Over', 'BTW', 'Totaal'], 2],
      [['Tarief', 'Bedrag', 'BTW', 'Totaal'], 1],
    ],
    vatTitle: ['BTW-specificatie', 'BTW overzicht', 'BTW'],
    taxWord: 'BTW',
    taxIncludedLine: ['BTW {rate}', 'waarvan BTW {rate}', 'Incl. {rate} BTW', 'Totaal BTW'],
    date: ['Datum:', 'Datum'],
    time: ['Tijd:', 'Tijd'],
    phone: ['Tel.', 'Tel:', 'Telefoon:', 'T:'],
    openingHours: ['Ma t/m za 8.00 - 21.00 uur', 'Zondag geopend 12-18 uur', 'Openingstijden: ma-za 8-20'],
    receiptNo: ['Bonnr.', 'Bon:', 'Bonnummer', 'Transactie'],
    cashier: ['Kassier:', 'Caissière:', 'U werd geholpen door', 'Medewerker:'],
    till: ['Kassa', 'Kassa:', 'Kassanr.'],
    table: ['Tafel', 'Tafel:', 'Tafelnr.'],
    itemCount: ['Aantal artikelen', 'AANTAL ARTIKELEN:', 'Artikelen:'],
    thanks: [
      ['Bedankt voor uw bezoek!'],
      ['Tot ziens!'],
      ['BEDANKT EN TOT ZIENS'],
      ['Ruilen binnen 14 dagen', 'alleen met kassabon'],
      ['Fijne dag!'],
    ],
    discount: [
      'Korting {pct}%',
      'KORTING',
      'Bonus korting',
      'Uw voordeel',
      'Actie 2e halve prijs',
      '{pct}% korting',
    ],
    deposit: ['Statiegeld', 'STATIEGELD', 'Statiegeld fles', 'Statiegeld blik'],
    depositReturn: ['Statiegeldbon', 'Emballage retour', 'Lege flessen'],
    refundTitle: ['RETOUR', 'RETOURBON', 'Creditnota'],
    piece: ['st', 'stuks'],
    months: [
      'januari',
      'februari',
      'maart',
      'april',
      'mei',
      'juni',
      'juli',
      'augustus',
      'september',
      'oktober',
      'november',
      'december',
    ],
    monthsShort: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
    weekdays: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
    weekdaysShort: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
    names: ['Sanne', 'Daan', 'Fleur', 'Mohamed', 'Lotte', 'Bram', 'Emma', 'Jeroen', 'Priya', 'Kees'],
    quantityLine: [
      ['{qty} x {price}', 5],
      ['{qty} X {price}', 2],
      ['{qty} st x {price}', 1],
    ],
    measureLine: [
      ['{qty} {unit} x {price} {cur}/{unit}', 4],
      ['{qty} {unit} a {price}/{unit}', 2],
      ['{qty} {unit} x € {price}', 1],
    ],
    itemColumns: [
      [['Omschrijving', 'Aantal', 'Prijs', 'Bedrag'], 3],
      [['Artikel', 'Aant', 'Prijs', 'Totaal'], 2],
    ],
  },
  metaOnTop: 0.3,
  vatTable: 0.85,
  subtotal: 0.4,
  quantityStyles: [
    ['above', 3],
    ['inline', 3],
    ['below', 2],
    ['columns', 1],
  ],
  codeStyles: [
    ['none', 4],
    ['suffix', 3],
    ['rate-column', 0.5],
  ],
  trailingMinus: 0.3,
  documentHeading: ({ content, rng }) => {
    if (content.merchant.kind === 'restaurant' && rng.chance(0.5))
      return [rng.pick(['Rekening', 'REKENING', 'Nota'])];
    return content.region === 'nl-BE' && rng.chance(0.3) ? ['KASTICKET'] : [];
  },
  fiscalFooter: ({ content, rng }) => {
    if (content.region === 'nl-BE' && content.merchant.kind === 'restaurant' && rng.chance(0.7)) {
      return [
        `Ticket: NS ${rng.digits(6)}`,
        `FDM ID: B${upperAlnum(rng, 10)}`,
        `VSC ID: CBXC${rng.digits(8)}`,
      ];
    }
    return rng.chance(0.3)
      ? [`${rng.pick(['Klantenkaart: ', 'Bonuskaart: ', 'Spaarkaart: '])}xxxx${rng.digits(4)}`]
      : [];
  },
  cardSlip: ({ content, rng, money, date, time }) => {
    const payment = content.payment;
    if (payment.method !== 'card') return [];
    return [
      rng.pick(['Klantticket', 'KLANTTICKET', 'Kopie kaarthouder']),
      ['Terminal', payment.terminalId],
      ['Merchant', rng.digits(6)],
      ['Periode', rng.digits(4)],
      ['Transactie', payment.trace],
      payment.scheme === 'PIN' ? 'Maestro' : payment.scheme,
      `Kaart xxxxxxxxxxxxxxx${payment.last4}`,
      ['Kaartserienummer', String(rng.int(0, 9))],
      'BETALING',
      ['Datum', `${date('DD/MM/YYYY')} ${time('HH:mm')}`],
      ['Autorisatiecode', payment.authCode],
      ['Totaal', `${money(content.total)} EUR`],
      ...(payment.contactless ? ['Contactloos'] : []),
      rng.pick(['AKKOORD', 'Akkoord']),
    ];
  },
};
