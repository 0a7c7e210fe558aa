/**
 * Spanish receipts (ticket, factura simplificada): TOTAL / TOTAL A PAGAR / IMPORTE / TOTAL (IVA INCL.),
 * EFECTIVO / ENTREGADO / CAMBIO, TARJETA slips (COMERCIO, AUT., IMPORTE), DESGLOSE DE IVA with Base Imp. /
 * Cuota, CIF/NIF lines, "C/ Mayor, 15" addresses, and the 0 % / 2 % IVA on basic food of 2023-2024.
 */
import type { VatClass, Ymd } from '../model.js';
import type { Rng } from '../random.js';
import { during, houseNumber, item, withForm, ymd } from './common.js';
import type { City, LocalePack, RegionPack } from './types.js';

const CITIES: readonly City[] = [
  { postcode: '28013', city: 'Madrid', dial: '91' },
  { postcode: '28004', city: 'Madrid', dial: '91' },
  { postcode: '08001', city: 'Barcelona', dial: '93' },
  { postcode: '08012', city: 'Barcelona', dial: '93' },
  { postcode: '46001', city: 'Valencia', dial: '96' },
  { postcode: '41001', city: 'Sevilla', dial: '95' },
  { postcode: '50001', city: 'Zaragoza', dial: '976' },
  { postcode: '29001', city: 'Málaga', dial: '95' },
  { postcode: '48001', city: 'Bilbao', dial: '94' },
  { postcode: '30001', city: 'Murcia', dial: '968' },
  { postcode: '07001', city: 'Palma', dial: '971' },
  { postcode: '03001', city: 'Alicante', dial: '96' },
  { postcode: '47001', city: 'Valladolid', dial: '983' },
  { postcode: '15001', city: 'A Coruña', dial: '981' },
  { postcode: '18001', city: 'Granada', dial: '958' },
  { postcode: '37001', city: 'Salamanca', dial: '923' },
];

const STREETS = [
  ['C/', 'Mayor'],
  ['Calle', 'Gran Vía'],
  ['Avda.', 'de la Constitución'],
  ['Pza.', 'España'],
  ['C/', 'Alcalá'],
  ['Paseo', 'de Gracia'],
  ['Calle', 'Real'],
  ['Avenida', 'de Andalucía'],
  ['C/', 'San Vicente'],
  ['Ronda', 'de Segovia'],
  ['C/', 'del Carmen'],
  ['Plaza', 'Mayor'],
] as const;

function spanishRate(vatClass: VatClass, date: Ymd): number {
  switch (vatClass) {
    case 'standard':
      return 2100;
    case 'reduced':
    case 'meal':
      return 1000;
    case 'food':
      return during(
        date,
        ymd(2023, 1, 1),
        ymd(2024, 6, 30),
        0,
        during(date, ymd(2024, 7, 1), ymd(2024, 9, 30), 200, 400),
      );
    case 'zero':
      return 0;
  }
}

function spanishStreet(rng: Rng): string {
  const [type, name] = rng.pick(STREETS);
  const number = houseNumber(rng, 220);
  const local = rng.chance(0.12) ? `, ${rng.pick(['local 2', 'bajo', 'Local 5', 'esq. C/ Luna'])}` : '';
  return `${type} ${name}${rng.chance(0.6) ? ',' : ''} ${number}${local}`;
}

const spain: RegionPack = {
  id: 'es-ES',
  weight: 1,
  currency: 'EUR',
  symbol: '€',
  numberStyles: [
    [{ decimal: ',', group: '' }, 8],
    [{ decimal: ',', group: '.' }, 3],
    [{ decimal: '.', group: '' }, 0.7],
  ],
  currencyDisplays: [
    ['suffix-symbol', 4],
    ['total-only', 3],
    ['heading', 2],
  ],
  rate: spanishRate,
  cities: CITIES,
  street: spanishStreet,
  cityLines: (rng, c) =>
    rng.weighted([
      [[`${c.postcode} ${c.city}`], 4],
      [[`${c.postcode} ${c.city.toUpperCase()}`], 2],
      [[`${c.postcode} - ${c.city}`], 1],
      [[`${c.postcode} ${c.city} (${c.city})`], 0.5],
    ]),
  phone: (rng, c) => {
    const dial = c.dial ?? '91';
    const number = `${dial}${rng.digits(9 - dial.length)}`;
    return rng.weighted([
      [`${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`, 3],
      [`${number.slice(0, 2)} ${number.slice(2, 5)} ${number.slice(5, 7)} ${number.slice(7)}`, 2],
      [number, 2],
    ]);
  },
  vatId: (rng) => {
    const letter = rng.pick(['B', 'B', 'A', 'B']);
    const digits = rng.digits(8);
    return rng.weighted([
      [`CIF: ${letter}${digits}`, 4],
      [`NIF: ${letter}-${digits}`, 3],
      [`C.I.F. ${letter}-${digits}`, 1],
      [`N.I.F.: ${rng.digits(8)}${rng.pick(['Z', 'K', 'T', 'R'])}`, 1],
    ]);
  },
  cashRounding: false,
  weightUnit: 'kg',
  volumeUnit: 'l',
  cardSchemes: [
    ['TARJETA', 3],
    ['VISA', 3],
    ['MASTERCARD', 2],
    ['TARJETA CRÉDITO', 1],
    ['TARJ. DÉBITO', 1],
    ['MAESTRO', 0.5],
  ],
  dateFormats: [
    ['DD/MM/YYYY', 10],
    ['DD/MM/YY', 4],
    ['DD-MM-YYYY', 3],
    ['DD-MM-YY', 1],
    ['D [de] MMMM [de] YYYY', 0.3],
  ],
  timeFormats: [
    ['HH:mm', 7],
    ['HH:mm:ss', 3],
  ],
  tld: 'es',
  cardShare: 0.6,
};

export const spanish: LocalePack = {
  language: 'es',
  regions: [spain],
  shops: {
    grocery: {
      weight: 10,
      names: (rng) =>
        rng.weighted([
          [
            {
              name: rng.pick([
                'SUPERMERCADOS SOL',
                'AUTOSERVICIO MARÍA',
                'SUPER AHORRO CENTRO',
                'ULTRAMARINOS GARCÍA',
                'MERCADO DEL BARRIO',
              ]),
              subline: withForm(
                rng,
                rng.pick(['Distribuciones Sol', 'Alimentación García', 'Comercial del Barrio']),
                ['S.L.', 'S.A.', 'S.L.U.'],
                1,
              ),
            },
            5,
          ],
          [
            {
              name: rng.pick([
                'Frutería La Huerta',
                'Mercado Ecológico Verde',
                'Carnicería Hermanos Ruiz',
                'Charcutería Sánchez',
              ]),
            },
            3,
          ],
        ]),
      itemCount: [3, 14],
      items: [
        item('LECHE ENTERA 1L', 79, 129, 'food', { multi: true }),
        item('Pan de barra', 55, 99, 'food', { multi: true }),
        item('Huevos frescos L 12 uds', 199, 329, 'food'),
        item('Queso manchego curado', 1290, 1990, 'food', { unit: 'kg' }),
        item('Jamón serrano lonchas 100g', 199, 399, 'reduced'),
        item('Aceite de oliva virgen extra 1L', 499, 999, 'reduced'),
        item('Arroz redondo 1kg', 99, 189, 'food'),
        item('Macarrones 500g', 69, 139, 'reduced', { multi: true }),
        item('Tomate triturado 400g', 59, 109, 'reduced', { multi: true }),
        item('Garbanzos cocidos 400g', 69, 129, 'reduced', { multi: true }),
        item('Naranjas de mesa', 99, 189, 'food', { unit: 'kg' }),
        item('Plátano de Canarias', 199, 299, 'food', { unit: 'kg' }),
        item('Patatas', 89, 159, 'food', { unit: 'kg' }),
        item('Tomate pera', 179, 329, 'food', { unit: 'kg' }),
        item('Pechuga de pollo fileteada', 599, 899, 'reduced', { unit: 'kg' }),
        item('Yogur natural 4x125g', 89, 169, 'reduced', { multi: true }),
        item('Café molido natural 250g', 249, 449, 'reduced'),
        item('Galletas María 800g', 149, 249, 'reduced'),
        item('Agua mineral 6x1,5L', 179, 329, 'reduced'),
        item('Vino tinto Rioja crianza 75cl', 499, 1290, 'standard'),
        item('Cerveza lata 33cl', 45, 89, 'standard', { multi: true }),
        item('Detergente lavavajillas', 149, 299, 'standard'),
        item('Papel higiénico 12 rollos', 299, 549, 'standard'),
        item('Bolsa de plástico', 5, 15, 'standard'),
      ],
    },
    bakery: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'Panadería Hermanos López',
          'Horno San Bernardo',
          'Pastelería La Golosa',
          'Cafetería Central',
          'Obrador Santa Ana',
        ]),
      }),
      itemCount: [1, 6],
      items: [
        item('Barra de pan', 60, 110, 'food', { multi: true }),
        item('Pan integral', 150, 260, 'food'),
        item('Croissant', 90, 150, 'reduced', { multi: true }),
        item('Napolitana de chocolate', 110, 170, 'reduced', { multi: true }),
        item('Café con leche', 130, 190, 'meal', { multi: true }),
        item('Cortado', 110, 160, 'meal'),
        item('Tostada con tomate', 180, 280, 'meal'),
        item('Zumo de naranja natural', 250, 390, 'meal'),
        item('Tarta de queso porción', 350, 480, 'reduced'),
        item('Ensaimada', 150, 250, 'reduced'),
      ],
    },
    restaurant: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'Bar Restaurante El Puerto',
          'Taberna La Bodeguilla',
          'Cervecería Los Arcos',
          'Restaurante Casa Pepe',
          'Pizzería Roma',
          'Asador El Fogón',
        ]),
        ...(rng.chance(0.4)
          ? {
              subline: withForm(
                rng,
                rng.pick(['Hostelería Los Arcos', 'Restauración Pepe']),
                ['S.L.', 'S.L.U.'],
                1,
              ),
            }
          : {}),
      }),
      itemCount: [2, 9],
      items: [
        item('Menú del día', 1100, 1600, 'meal', { multi: true }),
        item('Paella valenciana ración', 1200, 1800, 'meal'),
        item('Tortilla española', 600, 950, 'meal'),
        item('Patatas bravas', 450, 700, 'meal'),
        item('Calamares a la romana', 900, 1400, 'meal'),
        item('Croquetas caseras 6 uds', 700, 1000, 'meal'),
        item('Jamón ibérico ración', 1600, 2400, 'meal'),
        item('Pulpo a la gallega', 1500, 2200, 'meal'),
        item('Flan casero', 350, 550, 'meal'),
        item('Caña', 180, 300, 'meal', { multi: true }),
        item('Copa de vino tinto', 250, 450, 'meal', { multi: true }),
        item('Agua mineral 50cl', 150, 250, 'meal', { multi: true }),
        item('Café solo', 120, 180, 'meal', { multi: true }),
        item('Pan y aperitivo', 100, 250, 'meal', { multi: true }),
      ],
    },
    pharmacy: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Farmacia Central',
          'Farmacia del Carmen',
          'Farmacia Lda. Carmen Ruiz',
          'Parafarmacia Salud',
          'Farmacia 24 Horas',
        ]),
      }),
      itemCount: [1, 5],
      items: [
        item('Paracetamol 1g 40 comp', 250, 450, 'food'),
        item('Ibuprofeno 600mg 40 comp', 200, 400, 'food'),
        item('Aportación receta', 100, 800, 'food'),
        item('Protector solar SPF50+', 1190, 2290, 'standard'),
        item('Crema hidratante facial', 899, 1899, 'standard'),
        item('Suero fisiológico 30 monodosis', 299, 599, 'reduced'),
        item('Tiritas surtidas', 199, 399, 'reduced'),
        item('Cepillo dental medio', 249, 499, 'standard'),
      ],
    },
    fuel: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Estación de Servicio El Cruce',
          'Gasolinera San Antonio',
          'E.S. Autovía A-3 km 45',
          'Área de Servicio La Venta',
        ]),
      }),
      itemCount: [1, 3],
      items: [
        item('SIN PLOMO 95', 149, 189, 'standard', { unit: 'l' }),
        item('GASÓLEO A', 139, 179, 'standard', { unit: 'l' }),
        item('SIN PLOMO 98', 159, 199, 'standard', { unit: 'l' }),
        item('Café', 120, 180, 'meal'),
        item('Agua 1,5L', 90, 150, 'reduced'),
        item('Lavado Premium', 800, 1400, 'standard'),
      ],
    },
    retail: {
      weight: 1.5,
      names: (rng) => ({
        name: rng.pick([
          'Ferretería Martínez',
          'Electrodomésticos Navarro',
          'Muebles Gómez',
          'Bicicletas Torres',
          'Informática Ramos',
        ]),
        ...(rng.chance(0.5)
          ? { subline: withForm(rng, rng.pick(['Comercial Navarro', 'Gómez Hogar']), ['S.L.', 'S.A.'], 1) }
          : {}),
      }),
      itemCount: [1, 4],
      items: [
        item('Taladro percutor 18V', 6990, 14990, 'standard'),
        item('Lavadora 8 kg', 34900, 69900, 'standard'),
        item('Portátil 15,6" 16GB', 54900, 119900, 'standard'),
        item('Frigorífico combi', 44900, 99900, 'standard'),
        item('Televisor 55" 4K', 39900, 89900, 'standard'),
        item('Sofá 3 plazas', 49900, 129900, 'standard'),
        item('Bicicleta eléctrica', 99900, 229900, 'standard'),
        item('Pintura plástica blanca 15L', 2990, 5990, 'standard'),
        item('Cable HDMI 2m', 690, 1990, 'standard'),
      ],
    },
  },
  words: {
    total: [
      ['TOTAL', 6],
      ['TOTAL A PAGAR', 3],
      ['IMPORTE', 2],
      ['TOTAL (IVA INCL.)', 2],
      ['TOTAL COMPRA', 1],
      ['TOTAL EUROS', 1],
      ['Total', 2],
      ['IMPORTE TOTAL', 1],
    ],
    payable: [
      ['TOTAL A PAGAR', 3],
      ['IMPORTE TOTAL', 2],
      ['TOTAL CUENTA', 1],
    ],
    subtotal: [
      ['SUBTOTAL', 5],
      ['Subtotal', 2],
      ['SUMA', 1],
    ],
    rounding: ['Redondeo'],
    cash: [
      ['EFECTIVO', 6],
      ['Efectivo', 3],
      ['CONTADO', 1],
    ],
    given: [
      ['ENTREGADO', 4],
      ['ENTREGA', 2],
      ['Entregado', 2],
      ['EFECTIVO', 2],
      ['Recibido', 1],
    ],
    change: [
      ['CAMBIO', 6],
      ['Cambio', 3],
      ['A DEVOLVER', 1],
      ['DEVOLUCIÓN', 1],
    ],
    cardPaid: [
      ['{card}', 3],
      ['TARJETA', 3],
      ['Pago con tarjeta', 2],
      ['TARJETA CRÉDITO', 1],
      ['T. CREDITO', 1],
    ],
    contactless: ['CONTACTLESS', 'Sin contacto'],
    vatColumns: [
      [['IVA', 'Base Imp.', 'Cuota', 'Total'], 4],
      [['% IVA', 'BASE', 'CUOTA', 'TOTAL'], 3],
      [['Tipo', 'Base', 'IVA', 'Importe'], 1],
    ],
    vatTitle: ['DESGLOSE DE IVA', 'Desglose IVA', 'IMPUESTOS'],
    taxWord: 'IVA',
    taxIncludedLine: ['IVA {rate} incluido', 'I.V.A. INCLUIDO', 'Cuota IVA {rate}'],
    date: ['Fecha:', 'FECHA', 'Fecha'],
    time: ['Hora:', 'HORA', 'Hora'],
    phone: ['Tel.', 'Tlf:', 'Teléfono:', 'TEL'],
    openingHours: ['Horario: L-S 9:00-21:30', 'Abierto todos los días', 'De lunes a sábado de 9 a 22 h'],
    receiptNo: ['Ticket nº', 'Nº Ticket:', 'Nº Op.', 'TICKET:'],
    cashier: ['Le atendió:', 'Cajero:', 'Atendido por:', 'Vendedor:'],
    till: ['Caja', 'CAJA', 'Caja nº'],
    table: ['Mesa', 'MESA', 'Mesa nº'],
    itemCount: ['Nº artículos', 'ARTÍCULOS:', 'Total artículos'],
    thanks: [
      ['GRACIAS POR SU VISITA'],
      ['Gracias por su compra'],
      ['¡Gracias y hasta pronto!'],
      ['No se admiten devoluciones', 'sin ticket'],
      ['Conserve su ticket'],
    ],
    discount: [
      'DESCUENTO {pct}%',
      'Descuento',
      'PROMOCIÓN',
      'Dto. {pct}%',
      '2ª unidad -50%',
      'Cupón descuento',
    ],
    deposit: ['Envase', 'Depósito envase'],
    depositReturn: ['Devolución envases'],
    refundTitle: ['DEVOLUCIÓN', 'ABONO', 'FACTURA RECTIFICATIVA'],
    piece: ['ud', 'uds'],
    months: [
      'enero',
      'febrero',
      'marzo',
      'abril',
      'mayo',
      'junio',
      'julio',
      'agosto',
      'septiembre',
      'octubre',
      'noviembre',
      'diciembre',
    ],
    monthsShort: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'],
    weekdays: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
    weekdaysShort: ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'],
    names: [
      'Lucía',
      'Javier',
      'Carmen',
      'Alejandro',
      'Marta',
      'David',
      'Laura',
      'Sergio',
      'Paula',
      'Antonio',
    ],
    quantityLine: [
      ['{qty} x {price}', 5],
      ['{qty} uds x {price}', 2],
      ['{qty} X {price}', 2],
    ],
    measureLine: [
      ['{qty} {unit} x {price} {cur}/{unit}', 5],
      ['{qty} {unit} a {price} {cur}/{unit}', 2],
      ['PESO {qty} {unit}', 0.5],
    ],
    itemColumns: [
      [['DESCRIPCIÓN', 'CANT', 'PRECIO', 'IMPORTE'], 3],
      [['Artículo', 'Uds', 'P.V.P.', 'Importe'], 2],
    ],
  },
  metaOnTop: 0.6,
  vatTable: 0.75,
  subtotal: 0.3,
  quantityStyles: [
    ['columns', 4],
    ['inline', 3],
    ['below', 2],
    ['above', 1],
  ],
  codeStyles: [
    ['none', 5],
    ['rate-column', 2],
    ['suffix', 1],
  ],
  trailingMinus: 0.05,
  documentHeading: ({ rng }) =>
    rng.weighted([
      [['FACTURA SIMPLIFICADA', `Nº: T${rng.digits(3)}-${rng.digits(6)}`], 5],
      [[`Factura simplificada nº ${rng.digits(4)}/${rng.digits(6)}`], 2],
      [['TICKET'], 1],
      [[], 2],
    ]),
  fiscalFooter: ({ rng }) => (rng.chance(0.3) ? ['IVA INCLUIDO'] : []),
  cardSlip: ({ content, rng, money, date, time }) => {
    const payment = content.payment;
    if (payment.method !== 'card') return [];
    return [
      rng.pick(['COPIA PARA EL CLIENTE', 'COPIA CLIENTE']),
      'VENTA',
      ['COMERCIO:', rng.digits(9)],
      ['TERMINAL:', payment.terminalId],
      ['TARJ.:', `************${payment.last4}`],
      payment.scheme.startsWith('TARJ') ? rng.pick(['VISA', 'MASTERCARD']) : payment.scheme,
      ['AUT.:', payment.authCode],
      ['OP.:', payment.trace],
      ['FECHA:', date('DD/MM/YYYY')],
      ['HORA:', time('HH:mm')],
      ['IMPORTE:', `${money(content.total)} EUR`],
      rng.pick(['OPERACIÓN AUTORIZADA', 'TRANSACCIÓN APROBADA']),
      payment.contactless ? 'CONTACTLESS' : rng.pick(['PIN VERIFICADO', 'FIRMA NO NECESARIA']),
    ];
  },
};
