/**
 * French receipts (ticket de caisse, note de restaurant) from France and Belgium: TOTAL / TOTAL TTC / NET A
 * PAYER, ESPECES / RENDU, CB slips ("LE 12/03/24 A 17:45:12 ... MONTANT"), TVA tables with HT / TVA / TTC,
 * SIRET and NF525 lines, "17h45" times, "1 234,56" amounts; Belgium with Bancontact and 5-cent cash rounding.
 */
import type { VatClass } from '../model.js';
import type { Rng } from '../random.js';
import { houseNumber, item, upperAlnum, withForm } from './common.js';
import type { City, LocalePack, PackContext, RegionPack } from './types.js';

const CITIES_FR: readonly City[] = [
  { postcode: '75011', city: 'Paris', dial: '01' },
  { postcode: '75015', city: 'Paris', dial: '01' },
  { postcode: '75004', city: 'Paris', dial: '01' },
  { postcode: '69002', city: 'Lyon', dial: '04' },
  { postcode: '13001', city: 'Marseille', dial: '04' },
  { postcode: '31000', city: 'Toulouse', dial: '05' },
  { postcode: '06000', city: 'Nice', dial: '04' },
  { postcode: '44000', city: 'Nantes', dial: '02' },
  { postcode: '67000', city: 'Strasbourg', dial: '03' },
  { postcode: '34000', city: 'Montpellier', dial: '04' },
  { postcode: '33000', city: 'Bordeaux', dial: '05' },
  { postcode: '59000', city: 'Lille', dial: '03' },
  { postcode: '35000', city: 'Rennes', dial: '02' },
  { postcode: '38000', city: 'Grenoble', dial: '04' },
  { postcode: '21000', city: 'Dijon', dial: '03' },
  { postcode: '37000', city: 'Tours', dial: '02' },
  { postcode: '74000', city: 'Annecy', dial: '04' },
  { postcode: '29200', city: 'Brest', dial: '02' },
];

const CITIES_BE: readonly City[] = [
  { postcode: '1000', city: 'Bruxelles', dial: '02' },
  { postcode: '1050', city: 'Ixelles', dial: '02' },
  { postcode: '4000', city: 'Liège', dial: '04' },
  { postcode: '5000', city: 'Namur', dial: '081' },
  { postcode: '6000', city: 'Charleroi', dial: '071' },
  { postcode: '7000', city: 'Mons', dial: '065' },
];

const STREET_TYPES = ['rue', 'rue', 'avenue', 'bd', 'boulevard', 'place', 'allée', 'chemin', 'cours'];
const STREET_NAMES = [
  'de la République',
  'Jean Jaurès',
  'Victor Hugo',
  'du Général de Gaulle',
  'de la Gare',
  'Nationale',
  'du Marché',
  'Pasteur',
  'des Écoles',
  'de Verdun',
  'Gambetta',
  'Saint-Michel',
  'Voltaire',
  'de la Liberté',
];

function frenchStreet(rng: Rng): string {
  if (rng.chance(0.1))
    return rng.pick([
      'ZAC des Portes du Sud',
      'Centre Commercial Les Halles',
      'ZI La Croix Blanche',
      'Lieu-dit Le Moulin',
    ]);
  const number = rng.chance(0.08) ? `${houseNumber(rng)} bis` : houseNumber(rng);
  return `${number}${rng.chance(0.15) ? ',' : ''} ${rng.pick(STREET_TYPES)} ${rng.pick(STREET_NAMES)}`;
}

function frenchPhone(rng: Rng, c: City): string {
  const groups = [c.dial ?? '01', rng.digits(2), rng.digits(2), rng.digits(2), rng.digits(2)];
  return rng.weighted([
    [groups.join(' '), 5],
    [groups.join('.'), 3],
    [groups.join(''), 1],
  ]);
}

function frenchRate(vatClass: VatClass): number {
  switch (vatClass) {
    case 'standard':
      return 2000;
    case 'reduced':
    case 'meal':
      return 1000;
    case 'food':
      return 550;
    case 'zero':
      return 210;
  }
}

const france: RegionPack = {
  id: 'fr-FR',
  weight: 8,
  currency: 'EUR',
  symbol: '€',
  numberStyles: [
    [{ decimal: ',', group: '' }, 8],
    [{ decimal: ',', group: ' ' }, 3],
    [{ decimal: ',', group: '.' }, 1],
    [{ decimal: '.', group: '' }, 0.5],
  ],
  currencyDisplays: [
    ['suffix-symbol', 5],
    ['total-only', 3],
    ['heading', 1],
  ],
  rate: frenchRate,
  cities: CITIES_FR,
  street: frenchStreet,
  cityLines: (rng, c) => [`${c.postcode} ${rng.chance(0.6) ? c.city.toUpperCase() : c.city}`],
  phone: frenchPhone,
  vatId: (rng) => {
    const siren = rng.digits(9);
    return rng.weighted([
      [`SIRET ${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)} ${rng.digits(5)}`, 4],
      [`N° TVA intracom. FR${rng.digits(2)}${siren}`, 2],
      [`TVA FR ${rng.digits(2)} ${siren}`, 1],
      [`SIRET : ${siren}${rng.digits(5)} - NAF ${rng.digits(4)}${rng.pick(['A', 'B', 'C', 'D', 'Z'])}`, 2],
    ]);
  },
  cashRounding: false,
  weightUnit: 'kg',
  volumeUnit: 'l',
  cardSchemes: [
    ['CB', 6],
    ['CARTE BANCAIRE', 2],
    ['CB EMV', 1],
    ['VISA', 1.5],
    ['MASTERCARD', 1],
    ['AMEX', 0.3],
  ],
  dateFormats: [
    ['DD/MM/YYYY', 10],
    ['DD/MM/YY', 6],
    ['DD-MM-YYYY', 1],
    ['dddd D MMMM YYYY', 0.5],
    ['D MMMM YYYY', 0.5],
    ['DD.MM.YY', 0.3],
  ],
  timeFormats: [
    ['HH:mm', 6],
    ['HH:mm:ss', 3],
    ['HH[h]mm', 1],
  ],
  tld: 'fr',
  cardShare: 0.6,
};

const belgium: RegionPack = {
  ...france,
  id: 'fr-BE',
  weight: 1.5,
  numberStyles: [
    [{ decimal: ',', group: '' }, 6],
    [{ decimal: ',', group: '.' }, 2],
  ],
  rate: (vatClass) =>
    vatClass === 'standard' ? 2100 : vatClass === 'meal' ? 1200 : vatClass === 'zero' ? 0 : 600,
  cities: CITIES_BE,
  street: (rng) =>
    `${rng.pick(['Rue Neuve', 'Chaussée de Louvain', 'Avenue Louise', 'Rue du Marché', 'Place Saint-Lambert', 'Boulevard Tirou', 'Rue de Fer'])} ${houseNumber(rng)}`,
  cityLines: (_rng, c) => [`${c.postcode} ${c.city}`],
  phone: (rng, c) => `${c.dial ?? '02'} ${rng.digits(3)} ${rng.digits(2)} ${rng.digits(2)}`,
  vatId: (rng) =>
    rng.chance(0.6)
      ? `TVA BE 0${rng.digits(3)}.${rng.digits(3)}.${rng.digits(3)}`
      : `N° entreprise : BE0${rng.digits(9)}`,
  cashRounding: true,
  cardSchemes: [
    ['Bancontact', 5],
    ['Maestro', 1],
    ['VISA', 1.5],
    ['Mastercard', 1],
  ],
  tld: 'be',
  cardShare: 0.7,
};

export const french: LocalePack = {
  language: 'fr',
  regions: [france, belgium],
  shops: {
    grocery: {
      weight: 10,
      names: (rng) =>
        rng.weighted([
          [
            {
              name: rng.pick([
                'MARCHÉ PLUS',
                'PROXI FRAIS',
                'SUPER MARCHÉ DU PORT',
                'ÉPICERIE DE LA GARE',
                'MINI MARCHÉ DES LILAS',
                'HALLES DU CENTRE',
              ]),
              subline: withForm(
                rng,
                rng.pick(['SAS DISTRILOC', 'SARL DUPONT ET FILS', 'SAS ALIMENTATION DU CENTRE']),
                [],
                0,
              ),
            },
            5,
          ],
          [
            {
              name: rng.pick([
                'Épicerie Fine Dupont',
                'Le Panier Bio',
                'Primeur des Halles',
                'Cave & Épicerie Martin',
                'Fromagerie Lambert',
              ]),
            },
            3,
          ],
        ]),
      itemCount: [3, 14],
      items: [
        item('Lait demi-écrémé 1L', 89, 129, 'food', { multi: true }),
        item('Baguette tradition', 110, 145, 'food', { multi: true }),
        item('Beurre doux 250g', 199, 329, 'food'),
        item('Camembert de Normandie AOP', 199, 399, 'food'),
        item('Comté 18 mois', 1890, 2890, 'food', { unit: 'kg' }),
        item('Yaourt nature x4', 119, 229, 'food', { multi: true }),
        item('Œufs plein air x6', 189, 299, 'food'),
        item('Jambon blanc 4 tranches', 229, 359, 'food'),
        item('Pommes Golden', 199, 349, 'food', { unit: 'kg' }),
        item('Tomates grappe', 249, 449, 'food', { unit: 'kg' }),
        item('Bananes', 169, 229, 'food', { unit: 'kg' }),
        item('Carottes vrac', 129, 219, 'food', { unit: 'kg' }),
        item('Pâtes spaghetti 500g', 89, 189, 'food', { multi: true }),
        item('Riz basmati 1kg', 219, 349, 'food'),
        item('Café moulu pur arabica 250g', 299, 549, 'food'),
        item('Chocolat noir 70% 100g', 149, 259, 'food', { multi: true }),
        item('Confiture fraise 370g', 199, 329, 'food'),
        item('Eau minérale 6x1,5L', 199, 389, 'food'),
        item("Jus d'orange pur jus 1L", 189, 299, 'food'),
        item('Vin rouge Côtes du Rhône 75cl', 499, 1290, 'standard'),
        item('Bière blonde pack 6x25cl', 399, 699, 'standard'),
        item('Lessive liquide 1,5L', 599, 999, 'standard'),
        item('Papier toilette x12', 399, 699, 'standard'),
        item('Liquide vaisselle 750ml', 149, 299, 'standard'),
        item('Sac cabas réutilisable', 10, 150, 'standard'),
        item('Poulet fermier Label Rouge', 899, 1299, 'food', { unit: 'kg' }),
        item('Croissant au beurre', 95, 139, 'food', { multi: true }),
        item('Salade iceberg', 89, 149, 'food'),
      ],
    },
    bakery: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'Boulangerie Martin',
          'Boulangerie-Pâtisserie Lefèvre',
          'Au Bon Pain de Mie',
          'Maison Bernard',
          'La Fournée Dorée',
          'Aux Délices de Léa',
        ]),
        ...(rng.chance(0.4)
          ? { subline: rng.pick(['Artisan boulanger', 'Pâtissier - Chocolatier', 'SARL LEFEVRE']) }
          : {}),
      }),
      itemCount: [1, 6],
      items: [
        item('Baguette tradition', 110, 145, 'food', { multi: true }),
        item('Pain de campagne', 260, 390, 'food'),
        item('Croissant', 105, 150, 'food', { multi: true }),
        item('Pain au chocolat', 115, 165, 'food', { multi: true }),
        item('Éclair au chocolat', 280, 390, 'food'),
        item('Tarte aux pommes 4 parts', 1100, 1600, 'food'),
        item('Sandwich jambon beurre', 390, 550, 'reduced'),
        item('Quiche lorraine', 350, 480, 'reduced'),
        item('Café', 150, 250, 'reduced'),
        item('Macaron', 150, 220, 'food', { multi: true }),
      ],
    },
    restaurant: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'Brasserie du Commerce',
          'Le Petit Bistrot',
          'Café de la Mairie',
          'Pizzeria Napoli',
          'Crêperie Ty Breizh',
          'Restaurant Le Provençal',
          'Le Comptoir des Halles',
        ]),
        ...(rng.chance(0.4) ? { subline: rng.pick(['SARL LE COMMERCE', 'SAS BISTROT & CO']) } : {}),
      }),
      itemCount: [2, 8],
      items: [
        item('Menu du jour', 1450, 1990, 'meal'),
        item('Entrecôte frites', 1890, 2590, 'meal'),
        item('Salade niçoise', 1250, 1590, 'meal'),
        item('Croque-monsieur', 950, 1290, 'meal'),
        item('Moules marinières', 1490, 1890, 'meal'),
        item('Galette complète', 950, 1250, 'meal'),
        item('Crème brûlée', 650, 850, 'meal'),
        item('Café gourmand', 790, 990, 'meal'),
        item('Pichet de vin rouge 50cl', 1200, 1800, 'standard'),
        item('Verre de Chardonnay', 550, 790, 'standard', { multi: true }),
        item('Demi pression', 350, 550, 'standard', { multi: true }),
        item('Coca-Cola 33cl', 390, 490, 'reduced', { multi: true }),
        item('Expresso', 190, 280, 'reduced', { multi: true }),
      ],
    },
    pharmacy: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Pharmacie de la Gare',
          'Pharmacie du Centre',
          'Grande Pharmacie de Paris',
          'Pharmacie des Halles',
          'Pharmacie Saint-Michel',
        ]),
        ...(rng.chance(0.5)
          ? {
              subline: `${rng.pick(['Mme', 'M.'])} ${rng.pick(['Durand', 'Moreau', 'Petit', 'Garcia'])} Docteur en Pharmacie`,
            }
          : {}),
      }),
      itemCount: [1, 5],
      items: [
        item('Doliprane 1000mg 8 cp', 199, 299, 'zero'),
        item('Spasfon Lyoc 80mg', 399, 599, 'reduced'),
        item('Sérum physiologique 30 doses', 299, 499, 'standard'),
        item('Crème hydratante 50ml', 899, 1899, 'standard'),
        item('Vitamine C 1000mg', 499, 899, 'food'),
        item('Pansements x20', 299, 499, 'standard'),
        item('Spray nasal eau de mer', 599, 899, 'standard'),
        item('Brosse à dents souple', 299, 599, 'standard'),
        item('Écran solaire SPF50', 1199, 2199, 'standard'),
      ],
    },
    fuel: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Station Service du Lac',
          'Relais des Alpes',
          'Garage & Station Moreau',
          "Relais de l'Autoroute A6",
          'Station du Rond-Point',
        ]),
      }),
      itemCount: [1, 3],
      items: [
        item('SP95-E10', 169, 199, 'standard', { unit: 'l' }),
        item('SP98', 179, 209, 'standard', { unit: 'l' }),
        item('Gazole', 159, 199, 'standard', { unit: 'l' }),
        item('Café grand', 200, 320, 'reduced'),
        item('Lave-glace 5L', 499, 899, 'standard'),
        item('Lavage Rouleaux Programme 3', 900, 1500, 'standard'),
        item('Barre chocolatée', 120, 190, 'food', { multi: true }),
      ],
    },
    retail: {
      weight: 1.5,
      names: (rng) => ({
        name: rng.pick([
          'Brico Centre Girard',
          'Le Comptoir High-Tech',
          'Meubles Rousseau',
          'Cycles Lambert',
          'Quincaillerie Morel',
        ]),
        ...(rng.chance(0.5)
          ? {
              subline: withForm(rng, rng.pick(['GIRARD DISTRIBUTION', 'ROUSSEAU']), ['SAS', 'SARL', 'SA'], 1),
            }
          : {}),
      }),
      itemCount: [1, 4],
      items: [
        item('Perceuse visseuse 18V', 7990, 15990, 'standard'),
        item('Lave-linge 9kg', 39900, 79900, 'standard'),
        item('Ordinateur portable 15,6"', 54900, 119900, 'standard'),
        item('Réfrigérateur combiné', 44900, 99900, 'standard'),
        item('Téléviseur 55" 4K', 44900, 89900, 'standard'),
        item('Peinture blanche mate 10L', 3490, 6990, 'standard'),
        item('Canapé 3 places', 59900, 149900, 'standard'),
        item('Vélo électrique VTC', 119900, 249900, 'standard'),
        item('Câble HDMI 2m', 790, 1990, 'standard'),
        item('Ampoule LED E27 x3', 790, 1490, 'standard', { multi: true }),
      ],
    },
  },
  words: {
    total: [
      ['TOTAL', 5],
      ['TOTAL TTC', 4],
      ['NET A PAYER', 3],
      ['MONTANT TTC', 1],
      ['A PAYER', 1],
      ['TOTAL A PAYER', 1],
      ['Total', 2],
    ],
    payable: [
      ['NET A PAYER', 3],
      ['TOTAL TTC', 2],
      ['A PAYER', 1],
      ['Total à payer', 1],
    ],
    subtotal: [
      ['SOUS-TOTAL', 4],
      ['SOUS TOTAL', 2],
      ['Sous-total', 2],
    ],
    rounding: ['Arrondi', 'ARRONDI'],
    cash: [
      ['ESPECES', 5],
      ['Espèces', 3],
      ['ESP', 1],
    ],
    given: [
      ['ESPECES', 3],
      ['Montant reçu', 1],
      ['Reçu', 1],
      ['Versé', 1],
    ],
    change: [
      ['RENDU', 4],
      ['Rendu monnaie', 2],
      ['A RENDRE', 2],
      ['Monnaie rendue', 1],
    ],
    cardPaid: [
      ['{card}', 4],
      ['CARTE BANCAIRE', 2],
      ['Paiement {card}', 1],
      ['CB SANS CONTACT', 1],
      ['Carte {card}', 1],
    ],
    contactless: ['SANS CONTACT', 'Paiement sans contact'],
    vatColumns: [
      [['TVA', 'HT', 'TVA', 'TTC'], 4],
      [['Taux', 'HT', 'TVA', 'TTC'], 3],
      [['Code', 'Base HT', 'Mt TVA', 'TTC'], 1],
    ],
    vatTitle: ['DETAIL TVA', 'Ventilation TVA', 'TVA'],
    taxWord: 'TVA',
    taxIncludedLine: ['dont TVA {rate}', 'Dont TVA {rate}', 'TVA {rate} incluse'],
    date: ['Date :', 'Le', 'Date'],
    time: ['Heure :', 'à', 'Heure'],
    phone: ['Tél :', 'Tél.', 'TEL', 'Tel:'],
    openingHours: ['Ouvert du lundi au samedi 8h30-20h', 'Du mardi au dimanche 7h-19h30', 'Ouvert 7j/7'],
    receiptNo: ['Ticket', 'Ticket n°', 'N° ticket :', 'TICKET :', 'Transaction'],
    cashier: ['Caissier :', 'Hôte de caisse :', 'Vendeur :', 'Vous avez été servi par'],
    till: ['Caisse', 'Caisse :', 'CAISSE N°'],
    table: ['Table', 'Table :', 'Table n°'],
    itemCount: ['NB ARTICLES', "Nombre d'articles :", 'Articles :'],
    thanks: [
      ['MERCI DE VOTRE VISITE'],
      ['Merci et à bientôt !'],
      ['MERCI ET A BIENTOT'],
      ['Conservez votre ticket', 'pour tout échange'],
      ['Merci de votre fidélité'],
    ],
    discount: [
      'REMISE {pct}%',
      'Remise',
      'PROMO',
      'Réduction immédiate',
      'Bon de réduction',
      'REMISE FIDELITE',
    ],
    deposit: ['Consigne', 'CONSIGNE BOUTEILLE'],
    depositReturn: ['Retour consigne', 'Vidanges'],
    refundTitle: ['AVOIR', 'REMBOURSEMENT', 'RETOUR MARCHANDISE'],
    piece: ['pce', 'u'],
    months: [
      'janvier',
      'février',
      'mars',
      'avril',
      'mai',
      'juin',
      'juillet',
      'août',
      'septembre',
      'octobre',
      'novembre',
      'décembre',
    ],
    monthsShort: [
      'janv.',
      'févr.',
      'mars',
      'avr.',
      'mai',
      'juin',
      'juil.',
      'août',
      'sept.',
      'oct.',
      'nov.',
      'déc.',
    ],
    weekdays: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    weekdaysShort: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
    names: [
      'Nathalie',
      'Karim',
      'Sophie',
      'Julien',
      'Fatima',
      'Thomas',
      'Camille',
      'Mamadou',
      'Isabelle',
      'Lucas',
    ],
    quantityLine: [
      ['{qty} x {price}', 5],
      ['{qty} X {price} EUR', 2],
      ['{qty} x {price} €', 2],
    ],
    measureLine: [
      ['{qty} {unit} x {price} {cur}/{unit}', 5],
      ['{qty} {unit} à {price} {cur}/{unit}', 2],
      ['Poids net : {qty} {unit}', 0.5],
    ],
    itemColumns: [
      [['Désignation', 'Qté', 'P.U.', 'Montant'], 3],
      [['Article', 'Qté', 'Prix', 'Total'], 2],
    ],
  },
  metaOnTop: 0.5,
  vatTable: 0.75,
  subtotal: 0.3,
  quantityStyles: [
    ['below', 4],
    ['above', 2],
    ['inline', 2],
    ['columns', 1],
  ],
  codeStyles: [
    ['suffix', 4],
    ['none', 4],
    ['rate-column', 1],
  ],
  trailingMinus: 0.05,
  documentHeading: ({ content, rng }) => {
    if (content.merchant.kind === 'restaurant' && rng.chance(0.6))
      return [rng.pick(['NOTE', 'ADDITION', `Note n° ${content.receiptNo}`])];
    return rng.chance(0.15) ? ['TICKET DE CAISSE'] : [];
  },
  fiscalFooter: ({ content, rng }: PackContext) => {
    if (content.region === 'fr-BE') {
      return content.merchant.kind === 'restaurant' && rng.chance(0.7)
        ? [`Ticket: NS ${rng.digits(6)}`, `FDM ID: B${upperAlnum(rng, 10)}`, `VSC ID: CBXC${rng.digits(8)}`]
        : [];
    }
    if (!rng.chance(0.5)) return [];
    return [
      rng.pick([
        'Logiciel certifié NF525',
        'Caisse certifiée NF525',
        `NF525 - Certificat n° B0${rng.digits(3)}`,
      ]),
      `Signature : ${upperAlnum(rng, 4)}-${upperAlnum(rng, 4)}`,
    ];
  },
  cardSlip: ({ content, rng, money, date, time }) => {
    const payment = content.payment;
    if (payment.method !== 'card') return [];
    const city = content.merchant.addressLines[content.merchant.addressLines.length - 1] ?? '';
    return [
      payment.scheme === 'Bancontact' ? 'BANCONTACT' : 'CARTE BANCAIRE',
      ...(payment.contactless ? ['SANS CONTACT'] : []),
      `A000000${rng.digits(7)}`,
      `LE ${date('DD/MM/YY')} A ${time('HH:mm:ss')}`,
      content.merchant.name.toUpperCase(),
      city.toUpperCase(),
      rng.digits(7),
      `############${payment.last4}`,
      `${rng.digits(3)} ${rng.digits(3)} ${payment.authCode} C @`,
      'MONTANT :',
      `${money(content.total)} EUR`,
      'DEBIT',
      'TICKET CLIENT',
      'A CONSERVER',
    ];
  },
};
