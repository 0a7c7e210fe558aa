/**
 * German receipts (Kassenbon, Kassenzettel) from Germany, Austria and Switzerland: SUMME / ZU ZAHLEN, BAR /
 * Gegeben / Rückgeld, girocard slips, MwSt tables with A/B codes, Pfand rows, TSE blocks (Germany since 2020),
 * the 16/5 % VAT of the second half of 2020, CHF with 5-Rappen rounding and apostrophe thousands.
 */
import type { VatClass, Ymd } from '../model.js';
import type { Rng } from '../random.js';
import { base64, during, hex, houseNumber, item, withForm, ymd } from './common.js';
import type { City, LocalePack, PackContext, RegionPack } from './types.js';

const STREETS_DE = [
  'Hauptstraße',
  'Bahnhofstraße',
  'Schillerstraße',
  'Goethestraße',
  'Lindenallee',
  'Kirchstraße',
  'Berliner Str.',
  'Friedrich-Ebert-Straße',
  'Am Markt',
  'Industriestraße',
  'Gewerbepark Süd',
  'Dorfstraße',
  'Marktplatz',
  'Kaiserstraße',
  'Münchner Str.',
  'Ringstraße',
  'Schulstraße',
  'Poststraße',
];

const CITIES_DE: readonly City[] = [
  { postcode: '10115', city: 'Berlin', dial: '030' },
  { postcode: '10967', city: 'Berlin', dial: '030' },
  { postcode: '80331', city: 'München', dial: '089' },
  { postcode: '81667', city: 'München', dial: '089' },
  { postcode: '20095', city: 'Hamburg', dial: '040' },
  { postcode: '50667', city: 'Köln', dial: '0221' },
  { postcode: '60311', city: 'Frankfurt am Main', dial: '069' },
  { postcode: '70173', city: 'Stuttgart', dial: '0711' },
  { postcode: '40213', city: 'Düsseldorf', dial: '0211' },
  { postcode: '04109', city: 'Leipzig', dial: '0341' },
  { postcode: '01067', city: 'Dresden', dial: '0351' },
  { postcode: '30159', city: 'Hannover', dial: '0511' },
  { postcode: '90402', city: 'Nürnberg', dial: '0911' },
  { postcode: '28195', city: 'Bremen', dial: '0421' },
  { postcode: '79098', city: 'Freiburg im Breisgau', dial: '0761' },
  { postcode: '48143', city: 'Münster', dial: '0251' },
  { postcode: '34117', city: 'Kassel', dial: '0561' },
  { postcode: '93047', city: 'Regensburg', dial: '0941' },
  { postcode: '24103', city: 'Kiel', dial: '0431' },
  { postcode: '66111', city: 'Saarbrücken', dial: '0681' },
  { postcode: '97070', city: 'Würzburg', dial: '0931' },
  { postcode: '37073', city: 'Göttingen', dial: '0551' },
];

const CITIES_AT: readonly City[] = [
  { postcode: '1010', city: 'Wien', dial: '01' },
  { postcode: '1070', city: 'Wien', dial: '01' },
  { postcode: '1100', city: 'Wien', dial: '01' },
  { postcode: '8010', city: 'Graz', dial: '0316' },
  { postcode: '4020', city: 'Linz', dial: '0732' },
  { postcode: '5020', city: 'Salzburg', dial: '0662' },
  { postcode: '6020', city: 'Innsbruck', dial: '0512' },
  { postcode: '9020', city: 'Klagenfurt', dial: '0463' },
];

const CITIES_CH: readonly City[] = [
  { postcode: '8001', city: 'Zürich', dial: '044' },
  { postcode: '8004', city: 'Zürich', dial: '044' },
  { postcode: '3011', city: 'Bern', dial: '031' },
  { postcode: '4051', city: 'Basel', dial: '061' },
  { postcode: '6003', city: 'Luzern', dial: '041' },
  { postcode: '9000', city: 'St. Gallen', dial: '071' },
  { postcode: '8400', city: 'Winterthur', dial: '052' },
];

function localNumber(rng: Rng): string {
  return rng.chance(0.5) ? rng.digits(rng.int(6, 7)) : `${rng.digits(3)} ${rng.digits(2)} ${rng.digits(2)}`;
}

function germanRate(vatClass: VatClass, date: Ymd): number {
  const cut = (inside: number, outside: number) =>
    during(date, ymd(2020, 7, 1), ymd(2020, 12, 31), inside, outside);
  switch (vatClass) {
    case 'standard':
      return cut(1600, 1900);
    case 'reduced':
    case 'food':
      return cut(500, 700);
    case 'meal':
      return during(date, ymd(2020, 7, 1), ymd(2023, 12, 31), cut(500, 700), 1900);
    case 'zero':
      return 0;
  }
}

const germany: RegionPack = {
  id: 'de-DE',
  weight: 7,
  currency: 'EUR',
  symbol: '€',
  numberStyles: [
    [{ decimal: ',', group: '' }, 8],
    [{ decimal: ',', group: '.' }, 3],
    [{ decimal: '.', group: '' }, 0.6],
    [{ decimal: '.', group: ',' }, 0.3],
  ],
  currencyDisplays: [
    ['heading', 5],
    ['total-only', 3],
    ['suffix-symbol', 2],
  ],
  rate: germanRate,
  cities: CITIES_DE,
  street: (rng) => `${rng.pick(STREETS_DE)} ${houseNumber(rng)}`,
  cityLines: (rng, c) => [rng.chance(0.08) ? `D-${c.postcode} ${c.city}` : `${c.postcode} ${c.city}`],
  phone: (rng, c) =>
    rng.weighted([
      [`${c.dial ?? '030'} ${localNumber(rng)}`, 4],
      [`${c.dial ?? '030'}/${rng.digits(7)}`, 2],
      [`(${c.dial ?? '030'}) ${localNumber(rng)}`, 1],
      [`+49 ${(c.dial ?? '030').slice(1)} ${rng.digits(7)}`, 1],
    ]),
  vatId: (rng) =>
    rng.weighted([
      [`USt-IdNr.: DE${rng.digits(9)}`, 4],
      [`UST-ID DE ${rng.digits(9)}`, 1],
      [`St.-Nr. ${rng.digits(2)}/${rng.digits(3)}/${rng.digits(5)}`, 2],
      [`Steuernummer: ${rng.digits(3)}/${rng.digits(4)}/${rng.digits(4)}`, 1],
    ]),
  cashRounding: false,
  weightUnit: 'kg',
  volumeUnit: 'l',
  cardSchemes: [
    ['girocard', 6],
    ['EC-Cash', 2],
    ['Maestro', 0.5],
    ['VISA', 1.5],
    ['Mastercard', 1.5],
    ['V PAY', 0.4],
  ],
  dateFormats: [
    ['DD.MM.YYYY', 10],
    ['DD.MM.YY', 6],
    ['ddd DD.MM.YYYY', 1],
    ['YYYY-MM-DD', 0.7],
    ['D. MMMM YYYY', 0.5],
  ],
  timeFormats: [
    ['HH:mm', 6],
    ['HH:mm:ss', 3],
    ['HH:mm [Uhr]', 1],
  ],
  tld: 'de',
  cardShare: 0.5,
};

const austria: RegionPack = {
  ...germany,
  id: 'de-AT',
  weight: 2,
  rate: (vatClass, date) =>
    vatClass === 'standard'
      ? 2000
      : vatClass === 'zero'
        ? 0
        : vatClass === 'meal'
          ? during(date, ymd(2020, 7, 1), ymd(2021, 12, 31), 500, 1000)
          : 1000,
  cities: CITIES_AT,
  street: (rng) =>
    `${rng.pick(['Mariahilfer Straße', 'Landstraße', 'Herrengasse', 'Hauptplatz', 'Bahnhofstraße', 'Wiener Straße', 'Kärntner Straße'])} ${houseNumber(rng)}`,
  cityLines: (rng, c) => [rng.chance(0.3) ? `A-${c.postcode} ${c.city}` : `${c.postcode} ${c.city}`],
  phone: (rng, c) =>
    rng.chance(0.7)
      ? `${c.dial ?? '01'} ${rng.digits(7)}`
      : `+43 ${(c.dial ?? '01').slice(1)} ${rng.digits(7)}`,
  vatId: (rng) => (rng.chance(0.8) ? `UID: ATU${rng.digits(8)}` : `UID-Nr. ATU${rng.digits(8)}`),
  cardSchemes: [
    ['Bankomat', 4],
    ['Maestro', 2],
    ['VISA', 2],
    ['Mastercard', 2],
    ['Debitkarte', 1],
  ],
  dateFormats: [
    ['DD.MM.YYYY', 10],
    ['DD.MM.YY', 3],
    ['ddd DD.MM.YYYY', 1],
  ],
  tld: 'at',
  cardShare: 0.5,
};

const switzerland: RegionPack = {
  ...germany,
  id: 'de-CH',
  weight: 1.5,
  currency: 'CHF',
  symbol: 'Fr.',
  numberStyles: [
    [{ decimal: '.', group: '' }, 5],
    [{ decimal: '.', group: "'" }, 3],
    [{ decimal: ',', group: '' }, 0.5],
  ],
  currencyDisplays: [
    ['heading', 3],
    ['total-only', 4],
  ],
  rate: (vatClass, date) => {
    const since2024 = date.y >= 2024;
    if (vatClass === 'zero') return 0;
    if (vatClass === 'standard' || vatClass === 'meal') return since2024 ? 810 : 770;
    return since2024 ? 260 : 250;
  },
  cities: CITIES_CH,
  street: (rng) =>
    `${rng.pick(['Bahnhofstrasse', 'Hauptstrasse', 'Marktgasse', 'Seestrasse', 'Dorfstrasse', 'Spitalgasse', 'Limmatquai'])} ${houseNumber(rng)}`,
  cityLines: (rng, c) => [rng.chance(0.25) ? `CH-${c.postcode} ${c.city}` : `${c.postcode} ${c.city}`],
  phone: (rng, c) =>
    rng.chance(0.7)
      ? `${c.dial ?? '044'} ${rng.digits(3)} ${rng.digits(2)} ${rng.digits(2)}`
      : `+41 ${(c.dial ?? '044').slice(1)} ${rng.digits(3)} ${rng.digits(2)} ${rng.digits(2)}`,
  vatId: (rng) => `MWST-Nr. CHE-${rng.digits(3)}.${rng.digits(3)}.${rng.digits(3)} MWST`,
  cashRounding: true,
  cardSchemes: [
    ['Maestro', 3],
    ['PostFinance Card', 2],
    ['VISA', 2],
    ['Mastercard', 2],
    ['Debit Mastercard', 1],
  ],
  dateFormats: [
    ['DD.MM.YYYY', 10],
    ['DD.MM.YY', 4],
  ],
  tld: 'ch',
  cardShare: 0.55,
};

const BAKERY_NAMES = [
  'Bäckerei Müller',
  'Bäckerei Schmidt',
  'Backstube Krause',
  'Landbäckerei Hofmann',
  'Bäckerei & Konditorei Weber',
  'Backhaus am Dom',
  'Stadtbäckerei Vogel',
];

export const german: LocalePack = {
  language: 'de',
  regions: [germany, austria, switzerland],
  shops: {
    grocery: {
      weight: 10,
      names: (rng) =>
        rng.weighted([
          [
            {
              name: rng.pick(['FRISCHMARKT', 'NAHKAUF', 'MARKTKAUF', 'KAUFPARK', 'SPARKAUF', 'FAMILA']),
              subline: withForm(
                rng,
                rng.pick(['Frischmarkt', 'Handels', 'Lebensmittel']),
                ['GmbH', 'GmbH & Co. KG', 'oHG'],
                1,
              ),
            },
            4,
          ],
          [
            {
              name: `${rng.pick(['Edeka', 'Markt', 'Supermarkt'])} ${rng.pick(['Schneider', 'Bauer', 'Wagner', 'Becker', 'Hoffmann', 'Koch'])}`,
              subline: `Inh. ${rng.pick(['Thomas', 'Jürgen', 'Andrea', 'Markus'])} ${rng.pick(['Schneider', 'Bauer', 'Wagner'])} e.K.`,
            },
            3,
          ],
          [
            {
              name: rng.pick([
                'Biomarkt Sonnenblume',
                'Naturkost Löwenzahn',
                'Dorfladen Eichenau',
                'Getränkemarkt Quelle',
                'Türkischer Supermarkt Anadolu',
                'Asia Markt Hanoi',
              ]),
            },
            3,
          ],
        ]),
      itemCount: [3, 14],
      items: [
        item('Vollmilch 3,5% 1L', 99, 139, 'reduced', { multi: true }),
        item('H-Milch 1,5% 1L', 85, 119, 'reduced', { multi: true }),
        item('Bio Joghurt Natur 500g', 79, 149, 'reduced', { multi: true }),
        item('Deutsche Markenbutter 250g', 139, 259, 'reduced'),
        item('Gouda jung Scheiben 400g', 199, 329, 'reduced'),
        item('Emmentaler gerieben 200g', 149, 229, 'reduced'),
        item('Eier Bodenhaltung 10 St.', 189, 329, 'reduced'),
        item('Toastbrot 500g', 99, 179, 'reduced'),
        item('Roggenmischbrot 750g', 159, 289, 'reduced'),
        item('Bananen', 119, 199, 'reduced', { unit: 'kg' }),
        item('Äpfel Elstar lose', 199, 349, 'reduced', { unit: 'kg' }),
        item('Tomaten Rispen', 229, 449, 'reduced', { unit: 'kg' }),
        item('Paprika rot', 299, 599, 'reduced', { unit: 'kg' }),
        item('Kartoffeln festkochend 2,5kg', 249, 399, 'reduced'),
        item('Zwiebeln 1kg Netz', 99, 169, 'reduced'),
        item('Salatgurke', 49, 99, 'reduced', { multi: true }),
        item('Hähnchenbrustfilet 600g', 549, 899, 'reduced'),
        item('Hackfleisch gemischt 500g', 349, 599, 'reduced'),
        item('Salami Scheiben 100g', 129, 229, 'reduced'),
        item('Spaghetti 500g', 79, 199, 'reduced', { multi: true }),
        item('Basmati Reis 1kg', 199, 349, 'reduced'),
        item('Tomaten passiert 500g', 59, 119, 'reduced', { multi: true }),
        item('Kaffee Crema ganze Bohne 1kg', 999, 1699, 'reduced'),
        item('Vollmilch-Schokolade 100g', 79, 169, 'reduced', { multi: true }),
        item('Fruchtgummi 200g', 99, 149, 'reduced'),
        item('Mineralwasser still 1,5L', 19, 69, 'standard', { deposit: 25, multi: true }),
        item('Apfelschorle 1L PET', 69, 129, 'standard', { deposit: 25 }),
        item('Cola 1,5L', 99, 179, 'standard', { deposit: 25 }),
        item('Pils 0,5L Dose', 49, 99, 'standard', { deposit: 25, multi: true }),
        item('Orangensaft 100% 1L', 119, 229, 'standard'),
        item('Spülmittel Zitrone 500ml', 79, 189, 'standard'),
        item('Toilettenpapier 3-lagig 8x200 Bl.', 279, 449, 'standard'),
        item('Waschmittel Color 20WL', 399, 699, 'standard'),
        item('Zahncreme 75ml', 59, 199, 'standard'),
        item('Tragetasche Papier', 10, 50, 'standard'),
        item('Frischkäse Kräuter 200g', 89, 169, 'reduced'),
        item('Mozzarella 125g', 65, 119, 'reduced', { multi: true }),
        item('Weizenmehl Type 405 1kg', 49, 99, 'reduced'),
        item('Rotwein Spätburgunder trocken 0,75L', 399, 899, 'standard'),
        item('Laugenbrezel', 45, 79, 'reduced', { multi: true }),
        item('Aufbackbrötchen 10 St.', 99, 169, 'reduced'),
        item('Katzenfutter Huhn 100g', 39, 79, 'reduced', { multi: true }),
      ],
    },
    bakery: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick(BAKERY_NAMES),
        ...(rng.chance(0.5)
          ? { subline: rng.pick(['Meisterbetrieb seit 1924', 'Filiale Marktplatz', 'Café & Backwaren']) }
          : {}),
      }),
      itemCount: [1, 6],
      items: [
        item('Brötchen', 35, 55, 'reduced', { multi: true }),
        item('Laugenbrezel', 65, 95, 'reduced', { multi: true }),
        item('Roggenbrot 1000g', 349, 499, 'reduced'),
        item('Dinkelvollkornbrot 750g', 389, 549, 'reduced'),
        item('Croissant', 99, 149, 'reduced', { multi: true }),
        item('Mohnschnecke', 159, 219, 'reduced'),
        item('Streuselkuchen Stück', 199, 279, 'reduced'),
        item('Bienenstich', 249, 329, 'reduced'),
        item('Belegtes Brötchen Käse', 249, 349, 'reduced'),
        item('Kaffee to go groß', 220, 350, 'standard'),
        item('Milchkaffee', 280, 380, 'standard'),
        item('Apfeltasche', 149, 199, 'reduced'),
      ],
    },
    restaurant: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'Gasthaus Zum Löwen',
          'Ristorante Da Marco',
          'Brauhaus am Markt',
          'Café Central',
          'Zur Alten Post',
          'Wirtshaus Hirschen',
          'Trattoria Bella Vista',
          'Imbiss am Bahnhof',
          'Restaurant Lindenhof',
        ]),
        ...(rng.chance(0.4)
          ? {
              subline: withForm(
                rng,
                rng.pick(['Gastro', 'Gastronomie']),
                ['GmbH', 'UG (haftungsbeschränkt)'],
                1,
              ),
            }
          : {}),
      }),
      itemCount: [2, 8],
      items: [
        item('Schnitzel Wiener Art', 1290, 1890, 'meal'),
        item('Currywurst Pommes', 790, 1090, 'meal'),
        item('Flammkuchen Elsässer Art', 990, 1290, 'meal'),
        item('Pizza Margherita', 850, 1150, 'meal'),
        item('Spaghetti Bolognese', 990, 1290, 'meal'),
        item('Caesar Salad mit Hähnchen', 1090, 1450, 'meal'),
        item('Tagessuppe', 490, 690, 'meal'),
        item('Rinderroulade mit Rotkohl und Klößen', 1690, 2190, 'meal'),
        item('Käsespätzle', 1190, 1490, 'meal'),
        item('Apfelstrudel mit Vanilleeis', 590, 790, 'meal'),
        item('Spezi 0,4l', 390, 490, 'standard', { multi: true }),
        item('Apfelschorle 0,4l', 390, 490, 'standard', { multi: true }),
        item('Weizenbier 0,5l', 450, 590, 'standard', { multi: true }),
        item('Pils 0,4l', 390, 490, 'standard', { multi: true }),
        item('Cappuccino', 320, 420, 'standard', { multi: true }),
        item('Espresso', 220, 290, 'standard'),
        item('Mineralwasser 0,75l', 590, 790, 'standard'),
        item('Grauburgunder 0,2l', 590, 790, 'standard'),
      ],
    },
    pharmacy: {
      weight: 2,
      names: (rng) =>
        rng.chance(0.7)
          ? {
              name: rng.pick([
                'Apotheke am Markt',
                'Rathaus-Apotheke',
                'Löwen-Apotheke',
                'Stern-Apotheke',
                'Bahnhof-Apotheke',
                'Linden-Apotheke',
              ]),
              subline: `Inh. ${rng.pick(['Dr. Petra Schulz', 'Michael Braun', 'Katrin Neumann', 'Dr. Ali Yilmaz'])} e.K.`,
            }
          : { name: rng.pick(['Drogerie Kaiser', 'DROGERIEMARKT FLORA', 'Parfümerie & Drogerie Berg']) },
      itemCount: [1, 5],
      items: [
        item('Ibuprofen 400 mg 20 St.', 299, 599, 'standard'),
        item('Paracetamol 500 mg 20 St.', 199, 399, 'standard'),
        item('Nasenspray Xylometazolin 0,1%', 299, 499, 'standard'),
        item('Hustensaft 100 ml', 699, 1199, 'standard'),
        item('Vitamin D3 1000 I.E. 60 Tabl.', 599, 999, 'standard'),
        item('Magnesium 400 Kapseln', 499, 899, 'standard'),
        item('Pflaster Sortiment', 199, 399, 'standard'),
        item('Handcreme 75 ml', 249, 599, 'standard'),
        item('Sonnenschutz LSF 50 200ml', 899, 1599, 'standard'),
        item('Zuzahlung Rezept', 500, 1000, 'standard'),
        item('Zahnbürste mittel', 99, 349, 'standard'),
        item('Duschgel 250ml', 95, 245, 'standard', { multi: true }),
      ],
    },
    fuel: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Tankstelle Nord',
          'Autohof Kassel-Ost',
          'Freie Tankstelle Meier',
          'Energie Tankcenter',
          'Tankstelle am Ring',
        ]),
        ...(rng.chance(0.5)
          ? { subline: withForm(rng, 'Mineralöl Vertrieb', ['GmbH', 'GmbH & Co. KG'], 1) }
          : {}),
      }),
      itemCount: [1, 3],
      items: [
        item('Super E10', 159, 199, 'standard', { unit: 'l' }),
        item('Super E5', 169, 209, 'standard', { unit: 'l' }),
        item('Diesel', 149, 189, 'standard', { unit: 'l' }),
        item('Kaffee groß', 250, 350, 'standard'),
        item('Schokoriegel', 119, 169, 'reduced', { multi: true }),
        item('Scheibenreiniger Sommer 5L', 499, 899, 'standard'),
        item('Autowäsche Premium', 1099, 1599, 'standard'),
        item('Tageszeitung', 180, 320, 'reduced'),
      ],
    },
    retail: {
      weight: 1.5,
      names: (rng) => ({
        name: rng.pick([
          'Elektro Fachmarkt Weber',
          'Baumarkt Hammer',
          'TechnikWelt',
          'Möbelhaus Krone',
          'Fahrrad Richter',
          'Haushaltswaren Brandt',
        ]),
        ...(rng.chance(0.6) ? { subline: withForm(rng, 'Handels', ['GmbH', 'GmbH & Co. KG', 'AG'], 1) } : {}),
      }),
      itemCount: [1, 4],
      items: [
        item('Akku-Bohrschrauber 18V', 7999, 14999, 'standard'),
        item('Waschmaschine 8kg A', 44900, 79900, 'standard'),
        item('Notebook 15,6" 16GB 512GB SSD', 59900, 129900, 'standard'),
        item('Kühl-Gefrierkombination', 49900, 99900, 'standard'),
        item('Smartphone 128GB schwarz', 29900, 109900, 'standard'),
        item('Schrauben Sortiment 500tlg.', 499, 1299, 'standard'),
        item('Wandfarbe weiß 10L', 2999, 5999, 'standard'),
        item('Laminat Eiche 2,22m²', 1599, 2999, 'standard', { multi: true }),
        item('Gartenschlauch 20m', 1999, 3999, 'standard'),
        item('HDMI-Kabel 2m', 599, 1499, 'standard'),
        item('Staubsauger beutellos', 9999, 24999, 'standard'),
        item('E-Bike Trekking 28"', 169900, 289900, 'standard'),
        item('Fahrradschloss', 1999, 4999, 'standard'),
      ],
    },
  },
  words: {
    total: [
      ['SUMME', 5],
      ['Summe', 3],
      ['ZU ZAHLEN', 2],
      ['Zu zahlen', 2],
      ['GESAMT', 2],
      ['Gesamtbetrag', 1],
      ['Betrag', 1],
      ['Total', 0.5],
    ],
    payable: [
      ['Zu zahlen', 3],
      ['ZU ZAHLEN', 2],
      ['Rechnungsbetrag', 2],
      ['Gesamtbetrag', 1],
    ],
    subtotal: [
      ['Zwischensumme', 4],
      ['ZWISCHENSUMME', 2],
      ['Zw.-Summe', 1],
      ['Summe Artikel', 1],
    ],
    rounding: ['Rundung', 'Rundungsdifferenz'],
    cash: [
      ['BAR', 4],
      ['Bar', 3],
      ['Bargeld', 1],
      ['Gegeben Bar', 1],
    ],
    given: [
      ['Gegeben', 4],
      ['GEGEBEN', 2],
      ['Gegeben BAR', 1],
    ],
    change: [
      ['Rückgeld', 5],
      ['RÜCKGELD', 2],
      ['Zurück', 2],
      ['Wechselgeld', 1],
    ],
    cardPaid: [
      ['{card}', 4],
      ['Kartenzahlung', 2],
      ['Kartenzahlung {card}', 2],
      ['Geg. {card}', 1],
      ['EC-Karte', 1],
    ],
    contactless: ['kontaktlos', 'Kontaktlos bezahlt'],
    vatColumns: [
      [['MwSt', 'Netto', 'MwSt', 'Brutto'], 4],
      [['Steuer', 'Netto', 'Steuer', 'Brutto'], 2],
      [['USt %', 'Netto', 'USt', 'Umsatz'], 1],
      [['Satz', 'Netto', 'MwSt', 'Gesamt'], 1],
    ],
    vatTitle: ['MwSt-Übersicht', 'Steuer-Übersicht', 'Umsatzsteuer:'],
    taxWord: 'MwSt',
    taxIncludedLine: ['enth. MwSt {rate}', 'inkl. {rate} MwSt', 'MwSt {rate}', 'darin MwSt {rate}'],
    date: ['Datum:', 'Datum'],
    time: ['Uhrzeit:', 'Zeit:', 'Uhrzeit'],
    phone: ['Tel.', 'Tel:', 'Telefon', ''],
    openingHours: ['Mo-Sa 7:00-22:00 Uhr', 'Öffnungszeiten: Mo-Fr 8-20 Uhr', 'Mo-Sa 8-21 Uhr'],
    receiptNo: ['Bon-Nr.', 'Bon', 'Beleg-Nr.', 'Belegnr.:', 'Bon-Nr:'],
    cashier: ['Es bediente Sie:', 'Kassierer:', 'Bed.:', 'Bediener'],
    till: ['Kasse', 'Kasse:', 'Kassen-Nr.'],
    table: ['Tisch', 'Tisch:', 'Tisch-Nr.'],
    itemCount: ['Anzahl Artikel', 'Artikelanzahl:', 'Positionen'],
    thanks: [
      ['Vielen Dank für Ihren Einkauf!'],
      ['Danke für Ihren Besuch', 'Auf Wiedersehen'],
      ['Vielen Dank und bis bald!'],
      ['Umtausch nur mit Kassenbon'],
      ['Wir danken für Ihren Einkauf', 'Bitte beehren Sie uns bald wieder'],
    ],
    discount: [
      'Rabatt {pct}%',
      'Preisvorteil',
      'Aktionsrabatt',
      'Coupon -{pct}%',
      'Mitarbeiterrabatt {pct}%',
      'Rabatt',
    ],
    deposit: ['Pfand', 'Pfand Einweg', 'Einwegpfand', 'Pfand Mehrweg'],
    depositReturn: ['Leergut', 'Pfandrückgabe', 'Leergutbon', 'Pfandbon'],
    refundTitle: ['RÜCKGABE', 'STORNO', 'Retoure', 'Gutschrift'],
    piece: ['Stk', 'St'],
    months: [
      'Januar',
      'Februar',
      'März',
      'April',
      'Mai',
      'Juni',
      'Juli',
      'August',
      'September',
      'Oktober',
      'November',
      'Dezember',
    ],
    monthsShort: ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'],
    weekdays: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
    weekdaysShort: ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'],
    names: [
      'Anna',
      'Jürgen',
      'Petra',
      'Mehmet',
      'Sabine',
      'Lukas',
      'Olga',
      'Thomas',
      'Ayşe',
      'Kevin',
      'Monika',
      'Stefan',
    ],
    quantityLine: [
      ['{qty} x {price}', 5],
      ['{qty} Stk x {price}', 3],
      ['{qty} X {price}', 2],
      ['{qty} St x {price}', 1],
    ],
    measureLine: [
      ['{qty} {unit} x {price} {cur}/{unit}', 5],
      ['{qty} {unit} x {price}/{unit}', 2],
      ['{qty} {unit} * {price} {cur}/{unit}', 1],
      ['Handeingabe {qty} {unit}', 0.5],
    ],
    itemColumns: [
      [['Artikel', 'Menge', 'Preis', 'Betrag'], 3],
      [['Bezeichnung', 'Anz', 'E-Preis', 'Summe'], 1],
    ],
  },
  metaOnTop: 0.35,
  vatTable: 0.8,
  subtotal: 0.3,
  quantityStyles: [
    ['below', 4],
    ['above', 3],
    ['inline', 1],
    ['columns', 1],
  ],
  codeStyles: [
    ['suffix', 7],
    ['none', 2],
    ['rate-column', 0.5],
  ],
  trailingMinus: 0.35,
  documentHeading: ({ content, rng }) => {
    if (content.merchant.kind === 'restaurant' && rng.chance(0.5))
      return [rng.pick(['Rechnung', 'RECHNUNG', 'Bewirtungsbeleg'])];
    return rng.chance(0.1) ? ['Kassenbon'] : [];
  },
  fiscalFooter: (ctx) => fiscalFooter(ctx),
  cardSlip: ({ content, rng, money, date, time }) => {
    const payment = content.payment;
    if (payment.method !== 'card') return [];
    const currency = content.currency;
    return [
      rng.pick(['*** Kundenbeleg ***', 'Kundenbeleg', 'KARTENZAHLUNG']),
      payment.scheme,
      ...(payment.contactless ? ['kontaktlos'] : []),
      ['Datum:', date(rng.pick(['DD.MM.YYYY', 'DD.MM.YY']))],
      ['Uhrzeit:', time('HH:mm:ss [Uhr]')],
      ['Beleg-Nr.', content.receiptNo],
      ['Trace-Nr.', payment.trace],
      ['Terminal-ID', payment.terminalId],
      `Nr. ############${payment.last4}`,
      ['Genehmigungs-Nr.', payment.authCode],
      [`Betrag ${currency}`, money(content.total)],
      rng.pick(['Zahlung erfolgt', 'ZAHLUNG ERFOLGT', 'Autorisierung erfolgt']),
      rng.pick(['Bitte Beleg aufbewahren', 'Beleg bitte aufbewahren']),
    ];
  },
};

function fiscalFooter({ content, rng }: PackContext) {
  if (content.region === 'de-AT') {
    return rng.chance(0.7)
      ? [`Kassen-ID: ${rng.pick(['KASSE', 'K'])}${rng.digits(2)}`, `Beleg-Nr. ${content.receiptNo}`]
      : [];
  }
  if (content.region !== 'de-DE' || content.date.y < 2020 || !rng.chance(0.7)) return [];
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = (extra: number) =>
    `${content.date.y}-${pad(content.date.m)}-${pad(content.date.d)}T${pad(content.time.h)}:${pad(content.time.m)}:${pad(Math.min(59, content.time.s + extra))}.000`;
  return [
    ['TSE-Transaktion:', String(rng.int(1000, 999999))],
    ['TSE-Start:', stamp(-Math.min(content.time.s, 40))],
    ['TSE-Stop:', stamp(0)],
    ['TSE-Sig.-Zähler:', String(rng.int(1000, 999999))],
    'TSE-Seriennummer:',
    hex(rng, 64),
    'TSE-Signatur:',
    base64(rng, 88),
  ] as const;
}
