/**
 * English receipts from the UK, the US and Ireland: TOTAL / AMOUNT DUE / BALANCE DUE, CASH / CHANGE (DUE),
 * VISA DEBIT / contactless slips, UK VAT summaries with zero-rated food (and the reduced hospitality VAT of
 * 2020-2022), US sales tax added on top with taxable flags, month-first US dates and 12-hour times,
 * suggested tips on US restaurant bills, euro receipts with dot decimals from Ireland.
 */
import type { VatClass, Ymd } from '../model.js';
import { during, houseNumber, item, withForm, ymd } from './common.js';
import type { BlockRow, City, LocalePack, PackContext, RegionPack } from './types.js';

const CITIES_GB: readonly City[] = [
  { postcode: 'SE1 9SG', city: 'London', dial: '020' },
  { postcode: 'N1 9GU', city: 'London', dial: '020' },
  { postcode: 'E1 6AN', city: 'London', dial: '020' },
  { postcode: 'M1 1AE', city: 'Manchester', dial: '0161' },
  { postcode: 'B1 1BB', city: 'Birmingham', dial: '0121' },
  { postcode: 'LS1 5DT', city: 'Leeds', dial: '0113' },
  { postcode: 'BS1 4DJ', city: 'Bristol', dial: '0117' },
  { postcode: 'CB2 3QZ', city: 'Cambridge', dial: '01223' },
  { postcode: 'OX1 3BG', city: 'Oxford', dial: '01865' },
  { postcode: 'EH1 1YZ', city: 'Edinburgh', dial: '0131' },
  { postcode: 'G1 3SL', city: 'Glasgow', dial: '0141' },
  { postcode: 'CF10 1EP', city: 'Cardiff', dial: '029' },
  { postcode: 'YO1 7HH', city: 'York', dial: '01904' },
  { postcode: 'NR2 1NF', city: 'Norwich', dial: '01603' },
  { postcode: 'BN1 1HN', city: 'Brighton', dial: '01273' },
];

const CITIES_US: readonly City[] = [
  { postcode: '10001', city: 'New York', area: 'NY', dial: '212' },
  { postcode: '11201', city: 'Brooklyn', area: 'NY', dial: '718' },
  { postcode: '60601', city: 'Chicago', area: 'IL', dial: '312' },
  { postcode: '90012', city: 'Los Angeles', area: 'CA', dial: '213' },
  { postcode: '94103', city: 'San Francisco', area: 'CA', dial: '415' },
  { postcode: '78701', city: 'Austin', area: 'TX', dial: '512' },
  { postcode: '77002', city: 'Houston', area: 'TX', dial: '713' },
  { postcode: '98101', city: 'Seattle', area: 'WA', dial: '206' },
  { postcode: '97205', city: 'Portland', area: 'OR', dial: '503' },
  { postcode: '02108', city: 'Boston', area: 'MA', dial: '617' },
  { postcode: '80202', city: 'Denver', area: 'CO', dial: '303' },
  { postcode: '33130', city: 'Miami', area: 'FL', dial: '305' },
  { postcode: '30303', city: 'Atlanta', area: 'GA', dial: '404' },
  { postcode: '85004', city: 'Phoenix', area: 'AZ', dial: '602' },
  { postcode: '19107', city: 'Philadelphia', area: 'PA', dial: '215' },
  { postcode: '55401', city: 'Minneapolis', area: 'MN', dial: '612' },
];

/** Combined state and local sales tax in basis points, as printed on receipts in those cities. */
const SALES_TAX: Record<string, number> = {
  'New York': 887.5,
  Brooklyn: 887.5,
  Chicago: 1025,
  'Los Angeles': 950,
  'San Francisco': 862.5,
  Austin: 825,
  Houston: 825,
  Seattle: 1025,
  Portland: 0,
  Boston: 625,
  Denver: 881,
  Miami: 700,
  Atlanta: 890,
  Phoenix: 860,
  Philadelphia: 800,
  Minneapolis: 802.5,
};

const CITIES_IE: readonly City[] = [
  { postcode: 'D02 X285', city: 'Dublin 2', dial: '01' },
  { postcode: 'D08 VF8H', city: 'Dublin 8', dial: '01' },
  { postcode: 'T12 W8K1', city: 'Cork', dial: '021' },
  { postcode: 'H91 E2K3', city: 'Galway', dial: '091' },
  { postcode: 'V94 T9PX', city: 'Limerick', dial: '061' },
  { postcode: 'R95 D4C2', city: 'Kilkenny', dial: '056' },
];

function britishRate(vatClass: VatClass, date: Ymd): number {
  switch (vatClass) {
    case 'standard':
      return 2000;
    case 'reduced':
      return 500;
    case 'meal':
      return during(
        date,
        ymd(2020, 7, 15),
        ymd(2021, 9, 30),
        500,
        during(date, ymd(2021, 10, 1), ymd(2022, 3, 31), 1250, 2000),
      );
    case 'food':
    case 'zero':
      return 0;
  }
}

const britain: RegionPack = {
  id: 'en-GB',
  weight: 5,
  currency: 'GBP',
  symbol: '£',
  numberStyles: [
    [{ decimal: '.', group: ',' }, 6],
    [{ decimal: '.', group: '' }, 4],
  ],
  currencyDisplays: [
    ['prefix-symbol', 5],
    ['total-only', 3],
    ['heading', 1],
  ],
  rate: britishRate,
  cities: CITIES_GB,
  street: (rng) =>
    rng.weighted([
      [
        `${houseNumber(rng, 240)} ${rng.pick(['High Street', 'Market Place', 'Station Road', 'Church Lane', 'London Road', 'Victoria Street', 'King Street', 'Mill Road'])}`,
        6,
      ],
      [
        `Unit ${rng.int(1, 20)}, ${rng.pick(['Riverside Retail Park', 'Westgate Centre', 'Kingsway Shopping Centre'])}`,
        1,
      ],
    ]),
  cityLines: (rng, c) =>
    rng.weighted([
      [[`${c.city} ${c.postcode}`], 3],
      [[c.city.toUpperCase(), c.postcode], 2],
      [[`${c.city}, ${c.postcode}`], 1],
    ]),
  phone: (rng, c) => {
    const dial = c.dial ?? '020';
    const rest = rng.digits(11 - dial.length);
    return dial.length === 3 ? `${dial} ${rest.slice(0, 4)} ${rest.slice(4)}` : `${dial} ${rest}`;
  },
  vatId: (rng) =>
    rng.weighted([
      [`VAT No: GB ${rng.digits(3)} ${rng.digits(4)} ${rng.digits(2)}`, 4],
      [`VAT Reg No. ${rng.digits(9)}`, 2],
      [`VAT No. ${rng.digits(3)} ${rng.digits(4)} ${rng.digits(2)}`, 1],
    ]),
  cashRounding: false,
  weightUnit: 'kg',
  volumeUnit: 'l',
  cardSchemes: [
    ['VISA', 3],
    ['VISA DEBIT', 3],
    ['MASTERCARD', 2],
    ['DEBIT MASTERCARD', 2],
    ['AMEX', 0.5],
  ],
  dateFormats: [
    ['DD/MM/YYYY', 10],
    ['DD/MM/YY', 5],
    ['DD MMM YYYY', 2],
    ['ddd DD MMM YYYY', 0.5],
    ['DD-MMM-YY', 0.5],
    ['D MMMM YYYY', 0.3],
  ],
  timeFormats: [
    ['HH:mm', 7],
    ['HH:mm:ss', 2],
    ['h:mm A', 1],
  ],
  tld: 'co.uk',
  cardShare: 0.8,
};

const unitedStates: RegionPack = {
  id: 'en-US',
  weight: 4,
  currency: 'USD',
  symbol: '$',
  numberStyles: [
    [{ decimal: '.', group: ',' }, 7],
    [{ decimal: '.', group: '' }, 3],
  ],
  currencyDisplays: [
    ['prefix-symbol', 6],
    ['total-only', 3],
  ],
  rate: () => 0,
  salesTax: (rng, city) => ({
    label: rng.weighted([
      ['SALES TAX', 3],
      ['TAX', 4],
      ['Sales Tax', 2],
      ['STATE TAX', 0.5],
    ]),
    rateBp: SALES_TAX[city.city] ?? 800,
    foodExempt: true,
  }),
  cities: CITIES_US,
  street: (rng) =>
    `${rng.int(10, 9899)} ${rng.pick(['', '', 'W ', 'E ', 'N ', 'S '])}${rng.pick(['Main St', 'Broadway', 'Elm Street', 'Oak Ave', 'Park Ave', 'Maple Dr', '5th Ave', 'Washington Blvd', 'Market St', 'Lake Shore Dr'])}${rng.chance(0.1) ? ` Suite ${rng.int(100, 400)}` : ''}`,
  cityLines: (rng, c) =>
    rng.weighted([
      [[`${c.city}, ${c.area ?? ''} ${c.postcode}`], 5],
      [[`${c.city.toUpperCase()} ${c.area ?? ''} ${c.postcode}`], 2],
    ]),
  phone: (rng, c) => {
    const line = `555-01${rng.digits(2)}`;
    return rng.weighted([
      [`(${c.dial ?? '212'}) ${line}`, 4],
      [`${c.dial ?? '212'}-${line}`, 3],
      [`${c.dial ?? '212'}.${line.replace('-', '.')}`, 1],
    ]);
  },
  cashRounding: false,
  weightUnit: 'lb',
  volumeUnit: 'gal',
  cardSchemes: [
    ['VISA', 4],
    ['MASTERCARD', 3],
    ['AMEX', 1],
    ['DISCOVER', 0.5],
    ['DEBIT', 2],
  ],
  dateFormats: [
    ['MM/DD/YYYY', 10],
    ['MM/DD/YY', 6],
    ['MMM D, YYYY', 1],
    ['dddd, MMMM D, YYYY', 0.3],
    ['YYYY-MM-DD', 0.3],
  ],
  timeFormats: [
    ['h:mm A', 6],
    ['hh:mm A', 2],
    ['HH:mm', 1],
    ['h:mm:ss A', 1],
  ],
  tld: 'com',
  cardShare: 0.75,
};

const ireland: RegionPack = {
  ...britain,
  id: 'en-IE',
  weight: 1,
  currency: 'EUR',
  symbol: '€',
  rate: (vatClass, date) =>
    vatClass === 'standard'
      ? during(date, ymd(2020, 9, 1), ymd(2021, 2, 28), 2100, 2300)
      : vatClass === 'meal'
        ? during(date, ymd(2020, 11, 1), ymd(2023, 8, 31), 900, 1350)
        : vatClass === 'reduced'
          ? 1350
          : 0,
  cities: CITIES_IE,
  street: (rng) =>
    `${houseNumber(rng, 120)} ${rng.pick(['Grafton Street', 'Main Street', "O'Connell Street", 'Patrick Street', 'Shop Street', 'Parnell Square'])}`,
  cityLines: (rng, c) => (rng.chance(0.6) ? [c.city, c.postcode] : [`${c.city} ${c.postcode}`]),
  phone: (rng, c) => `${c.dial ?? '01'} ${rng.digits(3)} ${rng.digits(4)}`,
  vatId: (rng) => `VAT No: IE${rng.digits(7)}${rng.pick(['T', 'W', 'H', 'A'])}`,
  cardSchemes: [
    ['VISA DEBIT', 4],
    ['MASTERCARD', 2],
    ['VISA', 2],
  ],
  tld: 'ie',
};

function legalForms(region: string): readonly string[] {
  return region === 'en-US' ? ['Inc.', 'LLC', 'Corp.'] : ['Ltd', 'Limited', 'Plc'];
}

function symbolOf(currency: string): string {
  return currency === 'GBP' ? '£' : currency === 'USD' ? '$' : '€';
}

function fiscalFooter({ content, rng, money }: PackContext): readonly BlockRow[] {
  if (content.region !== 'en-US' || content.merchant.kind !== 'restaurant') return [];
  if (!rng.chance(0.7)) return [];
  const symbol = symbolOf(content.currency);
  const tip = (pct: number) => Math.round((content.total * pct) / 100);
  return [
    'Suggested gratuity:',
    [`18% = ${symbol}${money(tip(18))}`, `20% = ${symbol}${money(tip(20))}`],
    [`22% = ${symbol}${money(tip(22))}`, ''],
    ...(content.payment.method === 'card' ? (['Tip: ______________', 'Total: ______________'] as const) : []),
  ];
}

export const english: LocalePack = {
  language: 'en',
  regions: [britain, unitedStates, ireland],
  shops: {
    grocery: {
      weight: 10,
      names: (rng, region) =>
        rng.weighted([
          [
            {
              name: rng.pick([
                'FRESHWAYS LOCAL',
                'VILLAGE STORES',
                'NORTHGATE SUPERMARKET',
                'GREEN VALLEY MARKET',
                'SUNRISE FOODS',
                'CORNER DELI & GROCERY',
              ]),
              subline: withForm(
                rng,
                rng.pick(['Northgate Retail', 'Sunrise Foods', 'Freshways']),
                legalForms(region),
                1,
              ),
            },
            5,
          ],
          [
            {
              name: rng.pick([
                'Patel Convenience Store',
                'The Green Grocer',
                'Organic Pantry',
                'Main Street Market',
                "Joe's Bodega",
              ]),
            },
            3,
          ],
        ]),
      itemCount: [3, 14],
      items: [
        item('Semi Skimmed Milk 2 Pint', 95, 165, 'food', { multi: true, regions: ['en-GB', 'en-IE'] }),
        item('Whole Milk 1 Gal', 299, 499, 'food', { regions: ['en-US'] }),
        item('Medium Sliced White Bread', 75, 165, 'food'),
        item('Free Range Eggs 6pk', 169, 329, 'food'),
        item('Mature Cheddar 400g', 249, 449, 'food'),
        item('Salted Butter 250g', 189, 299, 'food'),
        item('Bananas', 99, 159, 'food', { unit: 'kg' }),
        item('Gala Apples', 199, 349, 'food', { unit: 'kg' }),
        item('Loose Carrots', 79, 149, 'food', { unit: 'kg' }),
        item('Chicken Breast Fillets 500g', 399, 649, 'food'),
        item('Penne Pasta 500g', 69, 159, 'food', { multi: true }),
        item('Baked Beans 415g', 65, 129, 'food', { multi: true }),
        item('Cornflakes 500g', 149, 299, 'food'),
        item('Ground Coffee 227g', 299, 549, 'food'),
        item('Orange Juice 1L', 139, 249, 'standard'),
        item('Still Water 6x500ml', 149, 299, 'standard'),
        item('Cola 2L', 149, 249, 'standard', { multi: true }),
        item('Crisps Sea Salt 150g', 119, 229, 'standard', { multi: true, regions: ['en-GB', 'en-IE'] }),
        item('Milk Chocolate Bar 110g', 99, 199, 'standard', { multi: true }),
        item('Red Wine Shiraz 75cl', 599, 1299, 'standard'),
        item('Lager 4x440ml', 399, 699, 'standard', { regions: ['en-GB', 'en-IE'] }),
        item('Washing Up Liquid 450ml', 99, 199, 'standard'),
        item('Toilet Tissue 9 Roll', 399, 649, 'standard', { regions: ['en-GB', 'en-IE'] }),
        item('Bag For Life', 10, 75, 'standard', { regions: ['en-GB', 'en-IE'] }),
        item('Paper Towels 2 Roll', 199, 399, 'standard', { regions: ['en-US'] }),
      ],
    },
    bakery: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'The Daily Bread Bakery',
          'Bean & Crumb Café',
          'Greenwood Bakery',
          'The Coffee House',
          'Sunrise Donuts',
          'Main St. Bakery',
        ]),
      }),
      itemCount: [1, 6],
      items: [
        item('Flat White', 285, 395, 'meal', { multi: true }),
        item('Latte Regular', 295, 425, 'meal', { multi: true }),
        item('Americano', 245, 345, 'meal'),
        item('Croissant', 180, 295, 'food', { multi: true }),
        item('Sausage Roll', 150, 295, 'meal', { regions: ['en-GB', 'en-IE'] }),
        item('Sourdough Loaf', 350, 550, 'food'),
        item('Blueberry Muffin', 225, 350, 'food'),
        item('Cheese Scone', 195, 295, 'food', { multi: true, regions: ['en-GB', 'en-IE'] }),
        item('Ham & Cheese Toastie', 450, 650, 'meal'),
        item('Glazed Donut', 150, 250, 'food', { multi: true, regions: ['en-US'] }),
      ],
    },
    restaurant: {
      weight: 3,
      names: (rng) => ({
        name: rng.pick([
          'The Red Lion',
          'The Crown & Anchor',
          'Bombay Spice',
          "Luigi's Trattoria",
          'The Fish Bar',
          "Joe's Diner",
          'Golden Dragon',
          'Taqueria El Sol',
        ]),
      }),
      itemCount: [2, 9],
      items: [
        item('Fish & Chips', 1250, 1650, 'meal', { regions: ['en-GB', 'en-IE'] }),
        item('Cheeseburger & Fries', 1195, 1695, 'meal'),
        item('Chicken Tikka Masala', 1150, 1595, 'meal'),
        item('Pilau Rice', 295, 450, 'meal'),
        item('Garlic Naan', 295, 395, 'meal', { multi: true }),
        item('Margherita Pizza 12"', 1095, 1495, 'meal'),
        item('Caesar Salad', 995, 1395, 'meal'),
        item('Sunday Roast Beef', 1595, 2195, 'meal', { regions: ['en-GB', 'en-IE'] }),
        item('Sticky Toffee Pudding', 595, 795, 'meal', { regions: ['en-GB', 'en-IE'] }),
        item('Pint of Lager', 495, 695, 'standard', { multi: true, regions: ['en-GB', 'en-IE'] }),
        item('Glass House Red 175ml', 595, 895, 'standard', { multi: true, regions: ['en-GB', 'en-IE'] }),
        item('Diet Coke', 250, 395, 'standard', { multi: true, regions: ['en-US'] }),
        item('Iced Tea', 250, 395, 'meal', { multi: true, regions: ['en-US'] }),
        item('Soft Tacos (3)', 995, 1395, 'meal', { regions: ['en-US'] }),
      ],
    },
    pharmacy: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Highfield Pharmacy',
          'Village Chemist',
          'Medway Pharmacy',
          'Family Pharmacy',
          'CareRx Pharmacy #512',
        ]),
      }),
      itemCount: [1, 5],
      items: [
        item('Paracetamol 500mg 16 Tabs', 49, 199, 'standard'),
        item('Ibuprofen 200mg 24 Tabs', 99, 399, 'standard'),
        item('Cough Syrup 150ml', 499, 899, 'standard'),
        item('Sun Cream SPF50 200ml', 699, 1499, 'standard'),
        item('Vitamin D 1000IU 90 Tabs', 399, 999, 'food'),
        item('Plasters Assorted 40', 199, 399, 'standard'),
        item('Toothpaste 75ml', 149, 399, 'standard'),
        item('Prescription Charge', 935, 990, 'zero', { regions: ['en-GB'] }),
      ],
    },
    fuel: {
      weight: 2,
      names: (rng) => ({
        name: rng.pick([
          'Westway Service Station',
          'Hillside Filling Station',
          'Quick Stop Gas #17',
          'Liberty Fuel',
          'Route 66 Gas & Go',
        ]),
      }),
      itemCount: [1, 3],
      items: [
        item('Unleaded', 139, 169, 'standard', { unit: 'l' }),
        item('Diesel', 145, 179, 'standard', { unit: 'l' }),
        item('Super Unleaded', 155, 189, 'standard', { unit: 'l' }),
        item('Coffee Large', 199, 299, 'meal'),
        item('Screenwash 5L', 399, 699, 'standard', { regions: ['en-GB', 'en-IE'] }),
        item('Car Wash Deluxe', 800, 1400, 'standard', { regions: ['en-US'] }),
        item('Energy Drink 500ml', 149, 249, 'standard', { multi: true }),
      ],
    },
    retail: {
      weight: 1.5,
      names: (rng, region) => ({
        name: rng.pick([
          'Hartley Hardware',
          'Digital Zone',
          'Oak & Pine Furniture',
          'Cycle Centre',
          "Hank's Hardware",
          'ElectroMart',
        ]),
        ...(rng.chance(0.5)
          ? {
              subline: withForm(
                rng,
                rng.pick(['Hartley & Sons', 'Digital Zone Retail']),
                legalForms(region),
                1,
              ),
            }
          : {}),
      }),
      itemCount: [1, 4],
      items: [
        item('Cordless Drill 18V', 5999, 14999, 'standard'),
        item('Washing Machine 9kg', 34900, 69900, 'standard'),
        item('Laptop 15.6" 16GB 512GB', 54900, 129900, 'standard'),
        item('Fridge Freezer', 39900, 89900, 'standard'),
        item('55" 4K Smart TV', 39900, 99900, 'standard'),
        item('3 Seater Sofa', 49900, 149900, 'standard'),
        item('Electric Bike', 99900, 249900, 'standard'),
        item('Emulsion Paint White 10L', 2499, 4999, 'standard'),
        item('HDMI Cable 2m', 599, 1999, 'standard'),
        item('Wood Screws Assorted', 399, 999, 'standard', { multi: true }),
      ],
    },
  },
  words: {
    total: [
      ['TOTAL', 6],
      ['Total', 3],
      ['AMOUNT DUE', 2],
      ['BALANCE DUE', 2],
      ['TOTAL DUE', 1],
      ['Total to pay', 1],
    ],
    payable: [
      ['AMOUNT DUE', 2],
      ['BALANCE DUE', 2],
      ['Total Due', 1],
      ['GRAND TOTAL', 1],
    ],
    subtotal: [
      ['SUBTOTAL', 5],
      ['Sub-Total', 2],
      ['Subtotal', 2],
      ['SUB TOTAL', 1],
    ],
    rounding: ['Rounding'],
    cash: [
      ['CASH', 8],
      ['Cash', 4],
      ['CASH TENDERED', 1],
    ],
    given: [
      ['CASH TENDERED', 2],
      ['TENDERED', 2],
      ['CASH', 3],
      ['Amount Tendered', 1],
    ],
    change: [
      ['CHANGE', 6],
      ['Change', 3],
      ['CHANGE DUE', 2],
    ],
    cardPaid: [
      ['{card}', 4],
      ['CARD', 2],
      ['Card Payment', 1],
      ['{card} CONTACTLESS', 1],
      ['Paid by {card}', 1],
    ],
    contactless: ['CONTACTLESS', 'Contactless'],
    vatColumns: [
      [['VAT', 'Net', 'VAT', 'Gross'], 3],
      [['Rate', 'Net', 'VAT', 'Total'], 3],
      [['VAT %', 'Excl', 'VAT', 'Incl'], 1],
    ],
    vatTitle: ['VAT SUMMARY', 'VAT Analysis', 'VAT'],
    taxWord: 'VAT',
    taxIncludedLine: ['VAT {rate} included', 'Incl. VAT {rate}', 'Total VAT'],
    date: ['Date:', 'Date', 'DATE'],
    time: ['Time:', 'Time', 'TIME'],
    phone: ['Tel:', 'Tel.', 'Phone:', ''],
    openingHours: ['Open 7 days 7am - 10pm', 'Mon-Sat 8am-8pm Sun 10am-4pm', 'OPEN 24 HOURS'],
    receiptNo: ['Receipt #', 'Receipt No:', 'Trans #', 'TRANS:', 'Order #', 'Check #'],
    cashier: ['Cashier:', 'Served by:', 'Your server was', 'Operator:', 'Clerk:'],
    till: ['Till', 'Reg', 'Register:', 'POS'],
    table: ['Table', 'Table:', 'TBL'],
    itemCount: ['Items:', 'No. of items', 'ITEM COUNT'],
    thanks: [
      ['THANK YOU FOR SHOPPING WITH US'],
      ['Thank you, please come again'],
      ['Thanks for visiting!'],
      ['Returns accepted within 30 days', 'with receipt'],
      ['Have a nice day!'],
    ],
    discount: [
      'DISCOUNT {pct}%',
      'Discount',
      'MULTIBUY SAVING',
      'Coupon',
      'Staff discount {pct}%',
      'Member savings',
      'PROMO',
    ],
    deposit: ['Bottle deposit', 'DEPOSIT'],
    depositReturn: ['Bottle return', 'Deposit refund'],
    refundTitle: ['REFUND', 'RETURN', '*** REFUND ***'],
    piece: ['ea', 'pcs'],
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    monthsShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    weekdaysShort: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    names: ['Emma', 'James', 'Olivia', 'Mohammed', 'Sophie', 'Jake', 'Priya', 'Tom', 'Maria', 'Chris'],
    quantityLine: [
      ['{qty} @ {price}', 6],
      ['{qty} x {price}', 3],
      ['{qty} @ {price} ea', 1],
    ],
    measureLine: [
      ['{qty} {unit} @ {price}/{unit}', 4],
      ['{qty} {unit} @ {price} {cur}/{unit}', 1],
      ['NET WT {qty} {unit}', 1],
    ],
    itemColumns: [
      [['Description', 'Qty', 'Price', 'Amount'], 3],
      [['Item', 'Qty', 'Each', 'Total'], 2],
    ],
  },
  metaOnTop: 0.5,
  vatTable: 0.5,
  subtotal: 0.5,
  quantityStyles: [
    ['below', 4],
    ['inline', 3],
    ['above', 1],
    ['columns', 1],
  ],
  codeStyles: [
    ['suffix', 3],
    ['none', 4],
  ],
  trailingMinus: 0.1,
  documentHeading: ({ content, rng }) =>
    content.region !== 'en-US' && rng.chance(0.2) ? [rng.pick(['VAT RECEIPT', 'SALES RECEIPT'])] : [],
  fiscalFooter,
  cardSlip: ({ content, rng, money, date, time }) => {
    const payment = content.payment;
    if (payment.method !== 'card') return [];
    const symbol = symbolOf(content.currency);
    return [
      rng.pick(['CARDHOLDER COPY', 'CUSTOMER COPY', '** CUSTOMER RECEIPT **']),
      payment.scheme,
      ['Card No:', `**** **** **** ${payment.last4}`],
      payment.contactless ? 'CONTACTLESS' : rng.pick(['PIN VERIFIED', 'Chip Read']),
      `AID: A00000000${rng.pick(['31010', '41010', '32010'])}`,
      ['MID:', `***${rng.digits(4)}`],
      ['TID:', `****${payment.terminalId.slice(-4)}`],
      'SALE',
      ['AMOUNT', `${symbol}${money(content.total)}`],
      ['AUTH CODE:', payment.authCode],
      [date(content.region === 'en-US' ? 'MM/DD/YY' : 'DD/MM/YY'), time('HH:mm:ss')],
      rng.pick(['APPROVED', 'AUTHORISED', 'APPROVED - THANK YOU']),
      'PLEASE RETAIN RECEIPT FOR YOUR RECORDS',
    ];
  },
};
