/**
 * Italian receipts: the documento commerciale di vendita o prestazione (since 2020: DESCRIZIONE / IVA /
 * Prezzo(€), TOTALE COMPLESSIVO, di cui IVA, Pagamento contante / elettronico, Importo pagato, DOCUMENTO N.,
 * RT serial) and the older scontrino fiscale (TOTALE EURO, SF. number, MF serial); P.IVA, (MI) provinces,
 * Bancomat/POS slips, coperto at restaurants.
 */
import type { VatClass } from '../model.js';
import type { Rng } from '../random.js';
import { houseNumber, item, upperAlnum, withForm } from './common.js';
import type { BlockRow, City, LocalePack, PackContext, RegionPack } from './types.js';

const CITIES: readonly City[] = [
  { postcode: '20121', city: 'Milano', area: 'MI', dial: '02' },
  { postcode: '20144', city: 'Milano', area: 'MI', dial: '02' },
  { postcode: '00184', city: 'Roma', area: 'RM', dial: '06' },
  { postcode: '00153', city: 'Roma', area: 'RM', dial: '06' },
  { postcode: '10121', city: 'Torino', area: 'TO', dial: '011' },
  { postcode: '80133', city: 'Napoli', area: 'NA', dial: '081' },
  { postcode: '40121', city: 'Bologna', area: 'BO', dial: '051' },
  { postcode: '50123', city: 'Firenze', area: 'FI', dial: '055' },
  { postcode: '16121', city: 'Genova', area: 'GE', dial: '010' },
  { postcode: '37121', city: 'Verona', area: 'VR', dial: '045' },
  { postcode: '70121', city: 'Bari', area: 'BA', dial: '080' },
  { postcode: '90133', city: 'Palermo', area: 'PA', dial: '091' },
  { postcode: '35122', city: 'Padova', area: 'PD', dial: '049' },
  { postcode: '38122', city: 'Trento', area: 'TN', dial: '0461' },
  { postcode: '09124', city: 'Cagliari', area: 'CA', dial: '070' },
];

const STREETS = [
  'Via Roma',
  'Corso Vittorio Emanuele II',
  'Via Garibaldi',
  'Piazza del Duomo',
  'Via Mazzini',
  'Viale Europa',
  'Via Dante Alighieri',
  'Corso Italia',
  'Via XX Settembre',
  'Via Cavour',
  'Piazza della Repubblica',
  'Via Nazionale',
];

function italianRate(vatClass: VatClass): number {
  switch (vatClass) {
    case 'standard':
      return 2200;
    case 'reduced':
    case 'meal':
      return 1000;
    case 'food':
      return 400;
    case 'zero':
      return 0;
  }
}

const italy: RegionPack = {
  id: 'it-IT',
  weight: 1,
  currency: 'EUR',
  symbol: '€',
  numberStyles: [
    [{ decimal: ',', group: '' }, 9],
    [{ decimal: ',', group: '.' }, 3],
    [{ decimal: '.', group: '' }, 0.4],
  ],
  currencyDisplays: [
    ['total-only', 4],
    ['heading', 2],
    ['suffix-symbol', 1],
  ],
  rate: italianRate,
  cities: CITIES,
  street: (rng) => `${rng.pick(STREETS)}${rng.chance(0.6) ? ',' : ''} ${houseNumber(rng)}`,
  cityLines: (rng, c) =>
    rng.weighted([
      [[`${c.postcode} ${c.city.toUpperCase()} (${c.area ?? ''})`], 4],
      [[`${c.postcode} ${c.city} (${c.area ?? ''})`], 3],
      [[`${c.postcode} ${c.city} ${c.area ?? ''}`], 1],
    ]),
  phone: (rng, c) =>
    rng.weighted([
      [`${c.dial ?? '02'} ${rng.digits(7)}`, 4],
      [`${c.dial ?? '02'}/${rng.digits(7)}`, 2],
      [`+39 ${c.dial ?? '02'} ${rng.digits(4)} ${rng.digits(4)}`, 1],
    ]),
  vatId: (rng) =>
    rng.weighted([
      [`P.IVA ${rng.digits(11)}`, 4],
      [`P. IVA: IT${rng.digits(11)}`, 2],
      [`C.F. e P.IVA ${rng.digits(11)}`, 2],
      [`Partita IVA ${rng.digits(11)}`, 1],
    ]),
  cashRounding: false,
  weightUnit: 'kg',
  volumeUnit: 'l',
  cardSchemes: [
    ['BANCOMAT', 5],
    ['PagoBANCOMAT', 2],
    ['VISA', 2],
    ['MASTERCARD', 2],
    ['MAESTRO', 1],
  ],
  dateFormats: [
    ['DD-MM-YYYY', 6],
    ['DD/MM/YYYY', 6],
    ['DD/MM/YY', 3],
    ['DD-MM-YY', 2],
    ['D MMM YYYY', 0.5],
  ],
  timeFormats: [
    ['HH:mm', 8],
    ['HH.mm', 1],
    ['HH:mm:ss', 1],
  ],
  tld: 'it',
  cardShare: 0.5,
};

function documentNumber(rng: Rng): string {
  return `${rng.digits(4)}-${rng.digits(4)}`;
}

function fiscalFooter({ content, rng, money, date, time }: PackContext): readonly BlockRow[] {
  const serial = `${rng.digits(2)}${upperAlnum(rng, 3)}${rng.digits(6)}`;
  if (content.date.y < 2020) {
    return [
      `${date(rng.pick(['DD-MM-YY', 'DD/MM/YY']))} ${time('HH-mm')} SF. ${rng.int(1, 400)}`,
      `MF ${serial}`,
    ];
  }
  return [
    ...(rng.chance(0.5) ? ([['Importo pagato', money(content.total)]] as const) : []),
    `${date(rng.pick(['DD-MM-YYYY', 'DD/MM/YYYY']))} ${time('HH:mm')}`,
    `DOCUMENTO N. ${documentNumber(rng)}`,
    `RT ${serial}`,
  ];
}

export const italian: LocalePack = {
  language: 'it',
  regions: [italy],
  shops: {
    grocery: {
      weight: 10,
      names: (rng) =>
        rng.weighted([
          [
            {
              name: rng.pick([
                'SUPERMERCATI ROSSI',
                'MARKET DEL CORSO',
                'DESPAR EXPRESS',
                'ALIMENTARI BIANCHI',
                'SUPER SIGMA',
                'MINIMARKET DA PINO',
              ]),
              subline: withForm(
                rng,
                rng.pick(['ROSSI DISTRIBUZIONE', 'GRUPPO ALIMENTARE', 'COMMERCIALE BIANCHI']),
                ['S.R.L.', 'S.p.A.', 'S.N.C.'],
                1,
              ),
            },
            5,
          ],
          [
            {
              name: rng.pick([
                'Alimentari da Gino',
                'Frutta e Verdura Esposito',
                'Salumeria Colombo',
                'Bottega Bio',
              ]),
              subline: `di ${rng.pick(['Esposito Mario', 'Colombo Anna', 'Ricci Luigi'])}`,
            },
            3,
          ],
        ]),
      itemCount: [3, 14],
      items: [
        item('LATTE INTERO 1L', 109, 169, 'food', { multi: true }),
        item('Pane comune', 299, 449, 'food', { unit: 'kg' }),
        item('PARMIGIANO REGGIANO DOP 300G', 449, 699, 'food'),
        item('Mozzarella di bufala 250g', 259, 449, 'food', { multi: true }),
        item('Prosciutto crudo 100g', 249, 449, 'reduced'),
        item('Pasta spaghetti n.5 500g', 79, 169, 'food', { multi: true }),
        item('Passata di pomodoro 700g', 89, 169, 'food', { multi: true }),
        item('Olio extra vergine di oliva 1L', 599, 1099, 'food'),
        item('Caffè macinato miscela 250g', 299, 549, 'reduced'),
        item('Biscotti frollini 350g', 149, 269, 'reduced'),
        item('Mele Golden', 179, 299, 'food', { unit: 'kg' }),
        item('Pomodori ciliegino', 249, 449, 'food', { unit: 'kg' }),
        item('Banane', 149, 219, 'food', { unit: 'kg' }),
        item('Zucchine', 179, 329, 'food', { unit: 'kg' }),
        item('Uova fresche 6 pz', 179, 299, 'food'),
        item('Yogurt bianco 2x125g', 99, 169, 'food', { multi: true }),
        item('Acqua minerale naturale 6x1,5L', 199, 349, 'standard'),
        item('Vino rosso Chianti DOCG 0,75L', 499, 1290, 'standard'),
        item('Birra 66cl', 99, 199, 'standard', { multi: true }),
        item('Detersivo piatti 1L', 129, 249, 'standard'),
        item('Carta igienica 8 rotoli', 299, 499, 'standard'),
        item('SHOPPER BIODEGRADABILE', 10, 20, 'standard'),
        item("Tonno all'olio 3x80g", 299, 499, 'reduced'),
        item('Gelato cono 6 pz', 299, 499, 'reduced'),
      ],
    },
    bakery: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'Panificio Russo',
          'Forno Santa Lucia',
          'Pasticceria Ferrari',
          'Bar Pasticceria Centrale',
          'Il Fornaio di Quartiere',
        ]),
        ...(rng.chance(0.4)
          ? {
              subline: withForm(
                rng,
                rng.pick(['di Russo Antonio', 'Ferrari & C.']),
                ['S.N.C.', 'S.A.S.'],
                0.5,
              ),
            }
          : {}),
      }),
      itemCount: [1, 6],
      items: [
        item('Caffè', 110, 150, 'meal', { multi: true }),
        item('Cappuccino', 140, 190, 'meal', { multi: true }),
        item('Cornetto vuoto', 100, 150, 'meal', { multi: true }),
        item('Cornetto alla crema', 120, 180, 'meal', { multi: true }),
        item('Focaccia genovese', 1200, 1800, 'food', { unit: 'kg' }),
        item('Pane casereccio', 350, 550, 'food', { unit: 'kg' }),
        item('Pizza al taglio', 1400, 2200, 'meal', { unit: 'kg' }),
        item('Vassoio pasticcini', 1800, 3200, 'reduced', { unit: 'kg' }),
        item("Spremuta d'arancia", 300, 450, 'meal'),
        item('Acqua naturale 0,5L', 100, 150, 'standard'),
      ],
    },
    restaurant: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'Trattoria da Mario',
          'Ristorante Il Gabbiano',
          'Pizzeria Vesuvio',
          'Osteria del Ponte',
          'Ristorante La Pergola',
          'Bar Trattoria Sport',
        ]),
        ...(rng.chance(0.4)
          ? {
              subline: withForm(
                rng,
                rng.pick(['La Pergola', 'Vesuvio']),
                ['S.R.L.', 'S.N.C. di Esposito & C.'],
                1,
              ),
            }
          : {}),
      }),
      itemCount: [2, 9],
      items: [
        item('Coperto', 150, 350, 'meal', { multi: true }),
        item('Pizza Margherita', 600, 900, 'meal'),
        item('Pizza Diavola', 750, 1100, 'meal'),
        item('Spaghetti alle vongole', 1200, 1800, 'meal'),
        item('Lasagne al forno', 1000, 1400, 'meal'),
        item('Risotto ai funghi porcini', 1200, 1700, 'meal'),
        item('Tagliata di manzo con rucola', 1800, 2600, 'meal'),
        item('Frittura di calamari', 1400, 1900, 'meal'),
        item('Tiramisù', 500, 700, 'meal'),
        item('Acqua minerale 0,75L', 200, 350, 'meal'),
        item('Vino della casa 1/2 L', 600, 1000, 'meal'),
        item('Birra media alla spina', 450, 600, 'meal', { multi: true }),
        item('Caffè espresso', 120, 200, 'meal', { multi: true }),
        item('Amaro', 300, 450, 'meal'),
      ],
    },
    pharmacy: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Farmacia Centrale',
          'Farmacia San Marco',
          'Farmacia Comunale n. 3',
          'Farmacia Dott. Greco',
          'Parafarmacia Salus',
        ]),
        ...(rng.chance(0.5)
          ? { subline: `Dott.ssa ${rng.pick(['Laura Greco', 'Paola Conti', 'Maria Romano'])}` }
          : {}),
      }),
      itemCount: [1, 5],
      items: [
        item('TACHIPIRINA 500MG 20 CPR', 450, 650, 'reduced'),
        item('Moment 200mg 12 cpr', 599, 899, 'reduced'),
        item('Ticket SSN', 200, 500, 'zero'),
        item('Spray nasale acqua di mare', 699, 999, 'standard'),
        item('Crema solare SPF 50', 1299, 2199, 'standard'),
        item('Integratore magnesio e potassio', 899, 1499, 'standard'),
        item('Cerotti assortiti', 299, 499, 'standard'),
        item('Dentifricio sensitive', 299, 549, 'standard'),
      ],
    },
    fuel: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Stazione di Servizio Colombo',
          'Distributore San Paolo',
          'Area di Servizio Po Est',
          'Carburanti Ricci',
        ]),
      }),
      itemCount: [1, 3],
      items: [
        item('BENZINA SELF', 169, 209, 'standard', { unit: 'l' }),
        item('GASOLIO SELF', 159, 199, 'standard', { unit: 'l' }),
        item('GPL', 69, 89, 'standard', { unit: 'l' }),
        item('Caffè', 110, 150, 'meal'),
        item('Liquido lavavetri 2L', 399, 699, 'standard'),
        item('Autolavaggio', 700, 1200, 'standard'),
      ],
    },
    retail: {
      weight: 1.5,
      names: (rng) => ({
        name: rng.pick([
          'Elettrodomestici Marino',
          'Ferramenta Galli',
          'Mobili Colombo',
          'Cicli Bianchi & Figli',
          'TecnoStore Verona',
        ]),
        ...(rng.chance(0.5)
          ? {
              subline: withForm(
                rng,
                rng.pick(['MARINO', 'GALLI', 'COLOMBO ARREDAMENTI']),
                ['S.R.L.', 'S.p.A.'],
                1,
              ),
            }
          : {}),
      }),
      itemCount: [1, 4],
      items: [
        item('Trapano avvitatore 18V', 7990, 15990, 'standard'),
        item('Lavatrice 9 kg', 39900, 79900, 'standard'),
        item('Notebook 15,6" 16GB', 54900, 119900, 'standard'),
        item('Frigorifero combinato', 44900, 99900, 'standard'),
        item('TV LED 55" 4K', 44900, 89900, 'standard'),
        item('Divano 3 posti', 59900, 149900, 'standard'),
        item('Bicicletta elettrica', 119900, 249900, 'standard'),
        item('Vernice lavabile 14L', 2990, 5990, 'standard'),
        item('Cavo HDMI 2m', 790, 1990, 'standard'),
      ],
    },
  },
  words: {
    total: [
      ['TOTALE', 5],
      ['TOTALE COMPLESSIVO', 5],
      ['TOTALE EURO', 2],
      ['Totale', 2],
      ['TOTALE EUR', 1],
    ],
    payable: [
      ['TOTALE COMPLESSIVO', 3],
      ['TOTALE DA PAGARE', 2],
      ['TOTALE CONTO', 1],
    ],
    subtotal: [
      ['SUBTOTALE', 5],
      ['Subtotale', 2],
      ['SUB TOTALE', 1],
    ],
    rounding: ['Arrotondamento'],
    cash: [
      ['Pagamento contante', 4],
      ['CONTANTI', 3],
      ['Contante', 1],
    ],
    given: [
      ['Pagamento contante', 3],
      ['CONTANTI', 3],
      ['Contanti ricevuti', 1],
    ],
    change: [
      ['RESTO', 5],
      ['Resto', 3],
    ],
    cardPaid: [
      ['Pagamento elettronico', 4],
      ['{card}', 2],
      ['CARTA DI CREDITO', 1],
      ['POS', 1],
      ['Pagato con {card}', 1],
    ],
    contactless: ['CONTACTLESS', 'Pagamento contactless'],
    vatColumns: [
      [['Aliquota', 'Imponibile', 'Imposta', 'Totale'], 3],
      [['IVA', 'Imponib.', 'Imposta', 'Lordo'], 1],
      [['Cod.IVA', 'Netto', 'IVA', 'Totale'], 1],
    ],
    vatTitle: ['RIEPILOGO IVA', 'Dettaglio IVA', 'CORRISPETTIVI'],
    taxWord: 'IVA',
    taxIncludedLine: ['di cui IVA', 'di cui IVA {rate}', 'IVA {rate} inclusa'],
    date: ['Data', 'Data:', 'DATA'],
    time: ['Ora', 'Ora:', 'ORE'],
    phone: ['Tel.', 'Tel:', 'TEL.', 'Telefono'],
    openingHours: ['Orario: lun-sab 8:30-20:00', 'Aperto tutti i giorni 7-21', 'Chiuso il lunedì'],
    receiptNo: ['Scontrino n.', 'N. scontrino', 'Documento n.', 'Doc.'],
    cashier: ['Cassiere:', 'Operatore:', 'Op.'],
    till: ['Cassa', 'CASSA', 'Cassa n.'],
    table: ['Tavolo', 'TAVOLO', 'Tav.'],
    itemCount: ['N. ARTICOLI', 'Numero pezzi', 'PEZZI'],
    thanks: [
      ['GRAZIE E ARRIVEDERCI'],
      ['Grazie per la visita!'],
      ['ARRIVEDERCI E GRAZIE'],
      ['Conservare lo scontrino', 'per eventuali cambi'],
      ['Buona giornata'],
    ],
    discount: ['SCONTO {pct}%', 'Sconto', 'PROMOZIONE', 'SCONTO CARTA FEDELTA', 'Buono sconto'],
    deposit: ['Vuoto a rendere', 'Cauzione'],
    depositReturn: ['Reso vuoti', 'Resa cauzione'],
    refundTitle: ['DOCUMENTO DI RESO', 'RESO MERCE', 'ANNULLO'],
    piece: ['pz', 'PZ'],
    months: [
      'gennaio',
      'febbraio',
      'marzo',
      'aprile',
      'maggio',
      'giugno',
      'luglio',
      'agosto',
      'settembre',
      'ottobre',
      'novembre',
      'dicembre',
    ],
    monthsShort: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
    weekdays: ['domenica', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato'],
    weekdaysShort: ['dom', 'lun', 'mar', 'mer', 'gio', 'ven', 'sab'],
    names: [
      'Giulia',
      'Marco',
      'Francesca',
      'Luca',
      'Chiara',
      'Alessandro',
      'Sara',
      'Giuseppe',
      'Elena',
      'Matteo',
    ],
    quantityLine: [
      ['{qty} x {price}', 5],
      ['{qty} X {price}', 3],
      ['{qty} PZ x {price}', 1],
    ],
    measureLine: [
      ['{qty} {unit} x {price} {cur}/{unit}', 4],
      ['{qty} {unit} x {price}/{unit}', 2],
      ['PESO NETTO {qty} {unit}', 0.5],
    ],
    itemColumns: [
      [['DESCRIZIONE', 'Q.TA', 'PREZZO', 'Prezzo(€)'], 3],
      [['Descrizione', 'Qtà', 'Prezzo', 'Importo'], 2],
    ],
  },
  metaOnTop: 0.25,
  vatTable: 0.3,
  subtotal: 0.35,
  quantityStyles: [
    ['above', 5],
    ['below', 2],
    ['inline', 1],
    ['columns', 1],
  ],
  codeStyles: [
    ['rate-column', 5],
    ['suffix', 2],
    ['none', 2],
  ],
  trailingMinus: 0.1,
  documentHeading: ({ content, rng }) => {
    if (content.date.y >= 2020) return ['DOCUMENTO COMMERCIALE', 'di vendita o prestazione'];
    return rng.chance(0.3) ? ['SCONTRINO FISCALE'] : [];
  },
  fiscalFooter,
  cardSlip: ({ content, rng, money, date, time }) => {
    const payment = content.payment;
    if (payment.method !== 'card') return [];
    return [
      rng.pick(['PAGAMENTO POS', 'ACQUISTO', 'RICEVUTA DI PAGAMENTO']),
      payment.scheme,
      ...(payment.contactless ? ['CONTACTLESS'] : []),
      ['ESERCENTE', rng.digits(9)],
      ['TERMINALE', payment.terminalId],
      ['DATA', date('DD/MM/YY')],
      ['ORA', time('HH:mm')],
      ['STAN', payment.trace],
      `PAN ************${payment.last4}`,
      ['AUT.', payment.authCode],
      [`IMPORTO ${content.currency}`, money(content.total)],
      'TRANSAZIONE ESEGUITA',
      'COPIA CLIENTE',
    ];
  },
};
