/**
 * Portuguese receipts (talão, fatura simplificada): TOTAL / TOTAL A PAGAR, NUMERÁRIO / ENTREGUE / TROCO,
 * Multibanco slips, Resumo de IVA with Taxa / Incidência / IVA, NIF lines, ATCUD (since 2023) and the
 * certified-software line, ISO dates as certified tills print them, the "IVA zero" food basket of 2023.
 */
import type { VatClass, Ymd } from '../model.js';
import type { Rng } from '../random.js';
import { during, houseNumber, item, randomChars, upperAlnum, withForm, ymd } from './common.js';
import type { City, LocalePack, RegionPack } from './types.js';

const CITIES: readonly City[] = [
  { postcode: '1100-053', city: 'Lisboa', dial: '21' },
  { postcode: '1250-096', city: 'Lisboa', dial: '21' },
  { postcode: '1700-112', city: 'Lisboa', dial: '21' },
  { postcode: '4000-322', city: 'Porto', dial: '22' },
  { postcode: '4050-253', city: 'Porto', dial: '22' },
  { postcode: '3000-150', city: 'Coimbra', dial: '239' },
  { postcode: '4700-435', city: 'Braga', dial: '253' },
  { postcode: '8000-138', city: 'Faro', dial: '289' },
  { postcode: '2750-642', city: 'Cascais', dial: '21' },
  { postcode: '3810-193', city: 'Aveiro', dial: '234' },
  { postcode: '2900-061', city: 'Setúbal', dial: '265' },
  { postcode: '9000-060', city: 'Funchal', dial: '291' },
  { postcode: '7000-504', city: 'Évora', dial: '266' },
];

const STREETS = [
  'Rua Augusta',
  'Av. da Liberdade',
  'Rua de Santa Catarina',
  'Praça do Comércio',
  'Largo do Carmo',
  'Rua Direita',
  'Avenida da República',
  'Rua do Comércio',
  'Rua 25 de Abril',
  'Rua da Prata',
  'Rua Dr. António José de Almeida',
];

function portugueseRate(vatClass: VatClass, date: Ymd): number {
  switch (vatClass) {
    case 'standard':
      return 2300;
    case 'meal':
      return 1300;
    case 'reduced':
      return 600;
    case 'food':
      return during(date, ymd(2023, 4, 18), ymd(2023, 12, 31), 0, 600);
    case 'zero':
      return 0;
  }
}

function phone(rng: Rng, c: City): string {
  const dial = c.dial ?? '21';
  const rest = rng.digits(9 - dial.length);
  const number = `${dial}${rest}`;
  return rng.weighted([
    [`${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}`, 4],
    [number, 2],
    [`+351 ${number}`, 1],
  ]);
}

const portugal: RegionPack = {
  id: 'pt-PT',
  weight: 1,
  currency: 'EUR',
  symbol: '€',
  numberStyles: [
    [{ decimal: ',', group: '' }, 7],
    [{ decimal: ',', group: '.' }, 3],
    [{ decimal: ',', group: ' ' }, 1],
    [{ decimal: '.', group: '' }, 1],
  ],
  currencyDisplays: [
    ['total-only', 4],
    ['suffix-symbol', 3],
    ['heading', 1],
  ],
  rate: portugueseRate,
  cities: CITIES,
  street: (rng) =>
    `${rng.pick(STREETS)}${rng.chance(0.6) ? ',' : ''} ${rng.chance(0.1) ? 'Loja ' : ''}${houseNumber(rng, 400)}`,
  cityLines: (rng, c) => [
    rng.chance(0.3) ? `${c.postcode} ${c.city.toUpperCase()}` : `${c.postcode} ${c.city}`,
  ],
  phone,
  vatId: (rng) => {
    const nif = `5${rng.digits(8)}`;
    return rng.weighted([
      [`NIF: ${nif}`, 4],
      [`Contribuinte N.º ${nif}`, 2],
      [`NIPC ${nif.slice(0, 3)} ${nif.slice(3, 6)} ${nif.slice(6)}`, 1],
      [`N.I.F. ${nif}`, 1],
    ]);
  },
  cashRounding: false,
  weightUnit: 'kg',
  volumeUnit: 'l',
  cardSchemes: [
    ['MULTIBANCO', 5],
    ['MB', 2],
    ['VISA', 2],
    ['MASTERCARD', 1],
    ['Cartão de Débito', 1],
  ],
  dateFormats: [
    ['YYYY-MM-DD', 5],
    ['DD-MM-YYYY', 4],
    ['DD/MM/YYYY', 4],
    ['DD/MM/YY', 1],
  ],
  timeFormats: [
    ['HH:mm', 6],
    ['HH:mm:ss', 3],
  ],
  tld: 'pt',
  cardShare: 0.6,
};

export const portuguese: LocalePack = {
  language: 'pt',
  regions: [portugal],
  shops: {
    grocery: {
      weight: 10,
      names: (rng) =>
        rng.weighted([
          [
            {
              name: rng.pick([
                'SUPERMERCADO AVENIDA',
                'MERCEARIA DO BAIRRO',
                'PINGO FRESCO',
                'MINIMERCADO ESTRELA',
                'SUPER NORTE',
              ]),
              subline: withForm(
                rng,
                rng.pick(['Distribuição Alimentar', 'Comércio de Produtos Alimentares', 'Silva & Filhos']),
                ['Lda', 'S.A.', 'Unipessoal Lda'],
                1,
              ),
            },
            5,
          ],
          [
            {
              name: rng.pick([
                'Frutaria Central',
                'Mercado Bio Lisboa',
                'Talho e Charcutaria Lopes',
                'Mercearia Fina Costa',
              ]),
            },
            3,
          ],
        ]),
      itemCount: [3, 14],
      items: [
        item('Leite meio-gordo 1L', 69, 109, 'food', { multi: true }),
        item('Pão de forma 500g', 119, 199, 'food'),
        item('Queijo flamengo fatiado 200g', 199, 329, 'food'),
        item('Manteiga com sal 250g', 199, 329, 'food'),
        item('Ovos classe M 12 un', 229, 379, 'food'),
        item('Bacalhau graúdo', 1190, 1790, 'food', { unit: 'kg' }),
        item('Arroz carolino 1kg', 99, 179, 'food', { multi: true }),
        item('Massa esparguete 500g', 69, 139, 'food', { multi: true }),
        item('Azeite virgem extra 750ml', 599, 999, 'food'),
        item('Café torrado moído 250g', 299, 499, 'reduced'),
        item('Bolachas Maria 200g', 69, 129, 'reduced', { multi: true }),
        item('Maçã Gala', 149, 249, 'food', { unit: 'kg' }),
        item('Laranja do Algarve', 99, 179, 'food', { unit: 'kg' }),
        item('Batata branca', 89, 149, 'food', { unit: 'kg' }),
        item('Tomate chucha', 199, 349, 'food', { unit: 'kg' }),
        item('Frango inteiro', 299, 449, 'food', { unit: 'kg' }),
        item('Iogurte natural 4x125g', 99, 189, 'food', { multi: true }),
        item('Água mineral 6x1,5L', 179, 329, 'reduced'),
        item('Vinho tinto Douro 75cl', 399, 1290, 'standard'),
        item('Cerveja 6x33cl', 349, 599, 'standard', { deposit: 10 }),
        item('Detergente loiça 750ml', 119, 249, 'standard'),
        item('Papel higiénico 12 rolos', 299, 549, 'standard'),
        item('Saco de compras', 10, 50, 'standard'),
        item('Pastel de nata', 95, 135, 'meal', { multi: true }),
      ],
    },
    bakery: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'Pastelaria Estrela',
          'Padaria São Bento',
          'Café Central',
          'Pastelaria Doce Lar',
          'Confeitaria Bela Vista',
        ]),
        ...(rng.chance(0.4)
          ? { subline: withForm(rng, rng.pick(['Estrela', 'Sousa & Costa']), ['Lda', 'Unipessoal Lda'], 1) }
          : {}),
      }),
      itemCount: [1, 6],
      items: [
        item('Café', 65, 100, 'meal', { multi: true }),
        item('Galão', 120, 180, 'meal', { multi: true }),
        item('Meia de leite', 110, 160, 'meal'),
        item('Pastel de nata', 95, 135, 'meal', { multi: true }),
        item('Tosta mista', 250, 390, 'meal'),
        item('Croissant misto', 190, 290, 'meal'),
        item('Pão de Deus', 110, 160, 'food', { multi: true }),
        item('Papo-seco', 15, 25, 'food', { multi: true }),
        item('Bolo de arroz', 110, 160, 'meal'),
        item('Sumo de laranja natural', 250, 390, 'meal'),
      ],
    },
    restaurant: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'Restaurante O Pescador',
          'Tasca do Zé',
          'Churrasqueira Galo de Ouro',
          'Marisqueira Atlântico',
          'Cervejaria Ribeira',
          'Restaurante Adega Velha',
        ]),
        ...(rng.chance(0.4)
          ? {
              subline: withForm(
                rng,
                rng.pick(['Pescador Restauração', 'Sabores do Mar']),
                ['Lda', 'Unipessoal Lda'],
                1,
              ),
            }
          : {}),
      }),
      itemCount: [2, 8],
      items: [
        item('Couvert', 150, 350, 'meal', { multi: true }),
        item('Bacalhau à Brás', 1150, 1550, 'meal'),
        item('Frango no churrasco 1/2', 650, 950, 'meal'),
        item('Sardinhas assadas', 1050, 1450, 'meal'),
        item('Polvo à lagareiro', 1690, 2290, 'meal'),
        item('Bitoque com ovo', 890, 1190, 'meal'),
        item('Caldo verde', 250, 390, 'meal'),
        item('Arroz de marisco 2 pax', 3200, 4200, 'meal'),
        item('Mousse de chocolate', 350, 490, 'meal'),
        item('Imperial', 150, 250, 'standard', { multi: true }),
        item('Vinho da casa 1/2 L', 550, 850, 'standard'),
        item('Água 0,5L', 120, 200, 'meal', { multi: true }),
        item('Café', 70, 120, 'meal', { multi: true }),
      ],
    },
    pharmacy: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Farmácia Central',
          'Farmácia Saúde',
          'Farmácia Moderna',
          'Farmácia da Baixa',
          'Farmácia São João',
        ]),
        ...(rng.chance(0.5)
          ? { subline: `Dir. Técnica: Dra. ${rng.pick(['Ana Ferreira', 'Marta Pinto', 'Carla Rodrigues'])}` }
          : {}),
      }),
      itemCount: [1, 5],
      items: [
        item('Ben-u-ron 500mg 20 comp', 250, 399, 'reduced'),
        item('Brufen 400mg 20 comp', 350, 599, 'reduced'),
        item('Comparticipação SNS', 150, 600, 'reduced'),
        item('Protetor solar FPS50', 1199, 2199, 'standard'),
        item('Creme hidratante mãos', 499, 899, 'standard'),
        item('Vitamina C efervescente', 399, 799, 'standard'),
        item('Pensos rápidos sortidos', 199, 399, 'standard'),
        item('Escova de dentes', 249, 499, 'standard'),
      ],
    },
    fuel: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Posto de Abastecimento Alvalade',
          'Bomba Ribeiro',
          'Área de Serviço de Aveiras',
          'Combustíveis do Norte',
        ]),
      }),
      itemCount: [1, 3],
      items: [
        item('Gasolina s/chumbo 95', 169, 199, 'standard', { unit: 'l' }),
        item('Gasóleo Simples', 149, 189, 'standard', { unit: 'l' }),
        item('Gasolina 98', 179, 209, 'standard', { unit: 'l' }),
        item('Café', 70, 110, 'meal'),
        item('Água 1,5L', 89, 149, 'reduced'),
        item('Lavagem automática', 600, 1100, 'standard'),
      ],
    },
    retail: {
      weight: 1.5,
      names: (rng) => ({
        name: rng.pick([
          'Electrodomésticos Silva',
          'Drogaria Ferreira',
          'Móveis Sousa',
          'Bicicletas Tavares',
          'TecnoShop Porto',
        ]),
        ...(rng.chance(0.5)
          ? { subline: withForm(rng, rng.pick(['SILVA', 'FERREIRA & FILHOS']), ['Lda', 'S.A.'], 1) }
          : {}),
      }),
      itemCount: [1, 4],
      items: [
        item('Berbequim sem fio 18V', 6990, 14990, 'standard'),
        item('Máquina de lavar roupa 8kg', 34900, 69900, 'standard'),
        item('Portátil 15,6" 16GB', 54900, 119900, 'standard'),
        item('Frigorífico combinado', 44900, 99900, 'standard'),
        item('Televisor 55" 4K', 44900, 89900, 'standard'),
        item('Sofá 3 lugares', 49900, 129900, 'standard'),
        item('Bicicleta elétrica', 99900, 229900, 'standard'),
        item('Tinta plástica branca 15L', 2990, 5990, 'standard'),
        item('Cabo HDMI 2m', 690, 1990, 'standard'),
      ],
    },
  },
  words: {
    total: [
      ['TOTAL', 6],
      ['TOTAL A PAGAR', 3],
      ['TOTAL EUR', 2],
      ['Total', 2],
      ['Total Documento', 1],
    ],
    payable: [
      ['TOTAL A PAGAR', 3],
      ['Total a pagar', 2],
    ],
    subtotal: [
      ['SUBTOTAL', 5],
      ['Subtotal', 2],
      ['Sub-total', 1],
    ],
    rounding: ['Arredondamento'],
    cash: [
      ['NUMERÁRIO', 4],
      ['Numerário', 3],
      ['DINHEIRO', 2],
    ],
    given: [
      ['ENTREGUE', 3],
      ['Valor entregue', 2],
      ['Recebido', 1],
    ],
    change: [
      ['TROCO', 6],
      ['Troco', 3],
    ],
    cardPaid: [
      ['{card}', 3],
      ['Multibanco', 2],
      ['MB', 1],
      ['Pagamento {card}', 1],
      ['Cartão', 1],
    ],
    contactless: ['CONTACTLESS', 'Sem contacto'],
    vatColumns: [
      [['Taxa', 'Incidência', 'IVA', 'Total'], 4],
      [['IVA', 'Base', 'Valor IVA', 'Total'], 2],
      [['Taxa', 'Base Trib.', 'IVA', 'Total'], 1],
    ],
    vatTitle: ['RESUMO DE IVA', 'Quadro Resumo IVA', 'Resumo IVA'],
    taxWord: 'IVA',
    taxIncludedLine: ['IVA incluído {rate}', 'Total IVA', 'IVA {rate}'],
    date: ['Data:', 'Data'],
    time: ['Hora:', 'Hora'],
    phone: ['Tel.:', 'Tel.', 'Telef.', 'Tlf:'],
    openingHours: ['Aberto todos os dias das 8h às 22h', 'Seg-Sáb 9h-20h'],
    receiptNo: ['Talão N.º', 'Doc. N.º', 'N.º'],
    cashier: ['Operador:', 'Empregado:', 'Atendido por:', 'Op.:'],
    till: ['Caixa', 'Caixa:', 'POS'],
    table: ['Mesa', 'Mesa:', 'Mesa N.º'],
    itemCount: ['N.º de artigos', 'Total Artigos:', 'Qtd. Artigos'],
    thanks: [
      ['Obrigado pela sua visita'],
      ['OBRIGADO E VOLTE SEMPRE'],
      ['Obrigado pela preferência!'],
      ['Volte sempre!'],
    ],
    discount: ['Desconto {pct}%', 'DESCONTO', 'Promoção', 'Desc. Cartão Cliente', 'Poupança'],
    deposit: ['Vasilhame', 'Depósito vasilhame'],
    depositReturn: ['Devolução vasilhame', 'Vasilhame devolvido'],
    refundTitle: ['NOTA DE CRÉDITO', 'DEVOLUÇÃO'],
    piece: ['un', 'UN'],
    months: [
      'janeiro',
      'fevereiro',
      'março',
      'abril',
      'maio',
      'junho',
      'julho',
      'agosto',
      'setembro',
      'outubro',
      'novembro',
      'dezembro',
    ],
    monthsShort: ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
    weekdays: [
      'domingo',
      'segunda-feira',
      'terça-feira',
      'quarta-feira',
      'quinta-feira',
      'sexta-feira',
      'sábado',
    ],
    weekdaysShort: ['dom', 'seg', 'ter', 'qua', 'qui', 'sex', 'sáb'],
    names: ['Ana', 'João', 'Maria', 'Pedro', 'Rita', 'Tiago', 'Inês', 'Rui', 'Sofia', 'Miguel'],
    quantityLine: [
      ['{qty} x {price}', 5],
      ['{qty} UN x {price}', 2],
      ['{qty} X {price}', 2],
    ],
    measureLine: [
      ['{qty} {unit} x {price} {cur}/{unit}', 5],
      ['{qty} {unit} x {price}/{unit}', 2],
    ],
    itemColumns: [
      [['Descrição', 'Qtd', 'Preço', 'Total'], 3],
      [['Artigo', 'Qt.', 'P.Unit.', 'Valor'], 2],
    ],
  },
  metaOnTop: 0.6,
  vatTable: 0.85,
  subtotal: 0.3,
  quantityStyles: [
    ['below', 3],
    ['above', 2],
    ['columns', 3],
    ['inline', 1],
  ],
  codeStyles: [
    ['rate-column', 3],
    ['suffix', 3],
    ['none', 2],
  ],
  trailingMinus: 0.05,
  documentHeading: ({ content, rng }) => {
    const series = `FS ${rng.pick(['1', 'A', '001', String(content.date.y)])}/${rng.int(100, 99999)}`;
    return rng.weighted([
      [['FATURA SIMPLIFICADA', series], 5],
      [[`Fatura Simplificada N.º ${series}`], 2],
      [['FATURA-RECIBO', series.replace('FS', 'FR')], 1],
      [['Original'], 0.5],
    ]);
  },
  fiscalFooter: ({ content, rng }) => [
    ...(rng.chance(0.6)
      ? [rng.pick(['Contribuinte: Consumidor final', 'NIF: 999999990', 'Cliente: Consumidor Final'])]
      : []),
    ...(content.date.y >= 2023 ? [`ATCUD: ${upperAlnum(rng, 8)}-${rng.int(1, 99999)}`] : []),
    `${randomChars(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 4)}-Processado por programa certificado n.º ${rng.int(100, 2999)}/AT`,
    ...(rng.chance(0.5) ? ['IVA incluído à taxa em vigor'] : []),
  ],
  cardSlip: ({ content, rng, money, date, time }) => {
    const payment = content.payment;
    if (payment.method !== 'card') return [];
    return [
      payment.scheme === 'MB' || payment.scheme === 'MULTIBANCO' ? 'MULTIBANCO' : payment.scheme,
      'COMPRA',
      ...(payment.contactless ? ['CONTACTLESS'] : []),
      ['Id. Estab.:', rng.digits(7)],
      ['Terminal:', payment.terminalId],
      [`Data: ${date('YYYY-MM-DD')}`, `Hora: ${time('HH:mm:ss')}`],
      ['Cartão:', `************${payment.last4}`],
      ['Aut.:', payment.authCode],
      ['Montante:', `${money(content.total)} EUR`],
      'OPERAÇÃO EFETUADA',
      'Talão do Cliente',
    ];
  },
};
