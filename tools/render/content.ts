/**
 * Composes the content of one receipt from a locale pack and a seed: merchant, date, items, VAT, payment.
 * Every amount is an integer number of cents and everything adds up exactly: items (discounts and deposits
 * included) + sales tax + cash rounding = total; per VAT rate net + tax = gross and the gross amounts sum to
 * the items; given - change = total.
 */
import { dayNumber, fromDayNumber } from './dates.js';
import type { CatalogueItem, City, LocalePack, RegionPack, ShopPack } from './locales/types.js';
import type {
  ItemLine,
  Merchant,
  Payment,
  ReceiptContent,
  SalesTax,
  ShopKind,
  Unit,
  VatClass,
  VatLine,
  Ymd,
} from './model.js';
import { addedTax, includedTax, lineAmount } from './money.js';
import { Rng } from './random.js';

/** Receipts are dated between these days (the engine rejects dates in the future). */
const FIRST_DAY: Ymd = { y: 2019, m: 1, d: 2 };
const LAST_DAY: Ymd = { y: 2026, m: 11, d: 27 };

const SHOP_KINDS: readonly ShopKind[] = ['grocery', 'bakery', 'restaurant', 'pharmacy', 'fuel', 'retail'];

export function pickRegion(pack: LocalePack, rng: Rng): RegionPack {
  return rng.weighted(pack.regions.map((r) => [r, r.weight] as const));
}

export function regionOf(pack: LocalePack, id: string): RegionPack {
  const region = pack.regions.find((r) => r.id === id);
  if (!region) throw new Error(`no region ${id} in the ${pack.language} pack`);
  return region;
}

/** Shop-like price endings: 1,29 / 2,49 / 0,95 / 3,00; restaurant prices end in 0 or 50; CHF in 5 Rappen. */
function realisticPrice(rng: Rng, min: number, max: number, kind: ShopKind, currency: string): number {
  const raw = rng.int(min, max);
  if (currency === 'CHF') return Math.max(5, Math.round(raw / 5) * 5);
  if (kind === 'restaurant') {
    const step = rng.chance(0.6) ? 50 : 10;
    return Math.max(step, Math.round(raw / step) * step);
  }
  const ending = rng.weighted([
    [9, 55],
    [5, 15],
    [0, 12],
    [-1, 18],
  ] as const);
  if (ending === -1 || raw < 20) return raw;
  return Math.max(ending, Math.floor(raw / 10) * 10 + ending);
}

function upper(text: string, yes: boolean): string {
  return yes ? text.toUpperCase() : text;
}

function composeMerchant(
  rng: Rng,
  shop: ShopPack,
  kind: ShopKind,
  region: RegionPack,
  pack: LocalePack,
  city: City,
) {
  const caps = rng.chance(0.5);
  const { name, subline } = shop.names(rng, region.id);
  const addressLines = [region.street(rng), ...region.cityLines(rng, city)].map((l) => upper(l, caps));
  const extraLines: string[] = [];
  if (rng.chance(0.2)) extraLines.push(`www.${slug(name)}.${region.tld}`);
  if (rng.chance(0.15)) extraLines.push(rng.pick(pack.words.openingHours));
  const merchant: Merchant = {
    kind,
    name: upper(name, caps || rng.chance(0.3)),
    ...(subline !== undefined ? { subline: upper(subline, caps) } : {}),
    addressLines,
    ...(rng.chance(0.75)
      ? { phoneLine: `${rng.pick(pack.words.phone)} ${region.phone(rng, city)}`.trim() }
      : {}),
    ...(region.vatId && rng.chance(0.7) ? { vatIdLine: region.vatId(rng) } : {}),
    extraLines,
  };
  return merchant;
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, 'und')
      .replace(/\b(gmbh|co|kg|sarl|sas|srl|s\.r\.l|spa|lda|bv|b\.v|s\.l|sl|sa|ltd|llc|inc)\b\.?/g, '')
      .replace(/[^a-z0-9]+/g, '')
      .slice(0, 18) || 'shop'
  );
}

interface Drawn {
  readonly rows: ItemLine[];
}

function itemRows(
  rng: Rng,
  pack: LocalePack,
  region: RegionPack,
  kind: ShopKind,
  item: CatalogueItem,
  caps: boolean,
): Drawn {
  const rows: ItemLine[] = [];
  const description = upper(item.name, caps);
  if (item.unit === 'kg') {
    const perLb = region.weightUnit === 'lb';
    const unit: Unit = perLb ? 'lb' : 'kg';
    const perUnitCents = perLb ? Math.round(rng.int(item.min, item.max) / 2.2) : rng.int(item.min, item.max);
    const unitPriceMilli = realisticPrice(rng, perUnitCents, perUnitCents, kind, region.currency) * 10;
    const quantityMilli = perLb ? rng.int(300, 3800) : rng.int(120, 1850);
    rows.push({
      kind: 'weight',
      description,
      quantityMilli,
      unit,
      unitPriceMilli,
      unitPriceDecimals: 2,
      amount: lineAmount(quantityMilli, unitPriceMilli),
      vatClass: item.vat,
    });
    return { rows };
  }
  if (item.unit === 'l') {
    const gallons = region.volumeUnit === 'gal';
    const unit: Unit = gallons ? 'gal' : 'l';
    // Catalogue fuel prices are per litre; a US gallon costs about 2.4 times a litre's price range.
    const perUnit = Math.round(rng.int(item.min, item.max) * (gallons ? 2.4 : 1));
    const unitPriceMilli = perUnit * 10 - (rng.chance(0.7) ? 1 : 0);
    const quantityMilli = (gallons ? rng.int(400, 1800) : rng.int(1500, 6500)) * 10;
    rows.push({
      kind: 'volume',
      description,
      quantityMilli,
      unit,
      unitPriceMilli,
      unitPriceDecimals: 3,
      amount: lineAmount(quantityMilli, unitPriceMilli),
      vatClass: item.vat,
    });
    return { rows };
  }
  const price = realisticPrice(rng, item.min, item.max, kind, region.currency);
  const several = item.multi ? rng.chance(0.55) : rng.chance(kind === 'restaurant' ? 0.35 : 0.12);
  const quantity = several
    ? rng.weighted([
        [2, 6],
        [3, 3],
        [4, 2],
        [6, 1],
        [10, 0.3],
      ] as const)
    : 1;
  rows.push({
    kind: quantity > 1 ? 'quantity' : 'plain',
    description,
    ...(quantity > 1 ? { quantityMilli: quantity * 1000, unit: 'pc' as const } : {}),
    unitPriceMilli: price * 10,
    unitPriceDecimals: 2,
    amount: price * quantity,
    vatClass: item.vat,
  });
  if (item.deposit !== undefined) {
    const template = rng.pick(pack.words.deposit);
    rows.push({
      kind: 'deposit',
      description: upper(template, caps),
      ...(quantity > 1 ? { quantityMilli: quantity * 1000, unit: 'pc' as const } : {}),
      unitPriceMilli: item.deposit * 10,
      unitPriceDecimals: 2,
      amount: item.deposit * quantity,
      vatClass: item.vat,
    });
  }
  return { rows };
}

function discountRow(rng: Rng, pack: LocalePack, of: ItemLine, caps: boolean): ItemLine | undefined {
  if (of.amount < 100) return undefined;
  const template = rng.pick(pack.words.discount);
  const pct = rng.pick([10, 15, 20, 25, 30, 50]);
  const amount = template.includes('{pct}')
    ? -Math.max(1, Math.round((of.amount * pct) / 100))
    : -Math.min(of.amount - 10, rng.pick([10, 20, 30, 50, 100, 150, 200]));
  if (amount >= 0) return undefined;
  return {
    kind: 'discount',
    description: upper(template.replace('{pct}', String(pct)), caps),
    unitPriceDecimals: 2,
    amount,
    vatClass: of.vatClass,
  };
}

function vatLines(rng: Rng, region: RegionPack, date: Ymd, items: readonly ItemLine[]): VatLine[] {
  const byRate = new Map<number, { vatClass: VatClass; gross: number }>();
  for (const item of items) {
    const rateBp = region.rate(item.vatClass, date);
    const entry = byRate.get(rateBp) ?? { vatClass: item.vatClass, gross: 0 };
    entry.gross += item.amount;
    byRate.set(rateBp, entry);
  }
  const rates = [...byRate.keys()].sort((a, b) => b - a);
  if (rng.chance(0.3)) rates.reverse();
  const scheme = rng.weighted([
    ['letters', 5],
    ['digits', 4],
  ] as const);
  return rates.map((rateBp, index) => {
    const entry = byRate.get(rateBp) as { vatClass: VatClass; gross: number };
    const tax = includedTax(entry.gross, rateBp);
    return {
      vatClass: entry.vatClass,
      code: scheme === 'letters' ? String.fromCharCode(65 + index) : String(index + 1),
      rateBp,
      net: entry.gross - tax,
      tax,
      gross: entry.gross,
    };
  });
}

function cashGiven(rng: Rng, payable: number): number {
  if (rng.chance(0.15)) return payable;
  const steps = [100, 500, 1000, 2000, 5000, 10000, 20000, 50000];
  const candidates = steps.map((s) => Math.ceil((payable + 1) / s) * s).filter((v) => v > payable);
  const unique = [...new Set(candidates)].sort((a, b) => a - b).slice(0, 3);
  return rng.pick(unique.length > 0 ? unique : [payable]);
}

function composePayment(rng: Rng, region: RegionPack, total: number, refund: boolean): Payment {
  if (rng.chance(region.cardShare)) {
    return {
      method: 'card',
      scheme: rng.weighted(region.cardSchemes),
      last4: rng.digits(4),
      contactless: rng.chance(0.6),
      slip: rng.chance(0.4),
      authCode: rng.digits(6),
      terminalId: rng.digits(8),
      trace: rng.digits(6),
    };
  }
  if (refund) return { method: 'cash', given: total, change: 0 };
  const given = cashGiven(rng, total);
  return { method: 'cash', given, change: given - total };
}

function dateAndTime(rng: Rng, kind: ShopKind) {
  const date = fromDayNumber(rng.int(dayNumber(FIRST_DAY), dayNumber(LAST_DAY)));
  const [open, close] = kind === 'restaurant' ? [11, 23] : kind === 'fuel' ? [0, 23] : [7, 21];
  return { date, time: { h: rng.int(open, close), m: rng.int(0, 59), s: rng.int(0, 59) } };
}

export function composeReceipt(pack: LocalePack, id: string, seed: number): ReceiptContent {
  const rng = new Rng(seed);
  const region = pickRegion(pack, rng);
  const kind = rng.weighted(SHOP_KINDS.map((k) => [k, pack.shops[k].weight] as const));
  const shop = pack.shops[kind];
  const city = rng.pick(region.cities);
  const merchant = composeMerchant(rng.fork('merchant'), shop, kind, region, pack, city);
  const { date, time } = dateAndTime(rng, kind);
  const refund = kind !== 'restaurant' && kind !== 'fuel' && rng.chance(0.025);

  const itemRng = rng.fork('items');
  const caps = itemRng.chance(0.6);
  const count = refund ? itemRng.int(1, 2) : itemRng.int(shop.itemCount[0], shop.itemCount[1]);
  let items: ItemLine[] = [];
  // A fuel receipt has exactly one pump row, then maybe shop items.
  const sold = shop.items.filter((i) => i.regions === undefined || i.regions.includes(region.id));
  const pumps = sold.filter((i) => i.unit === 'l');
  const others = sold.filter((i) => i.unit !== 'l');
  const chosen =
    pumps.length > 0 && !refund
      ? [itemRng.pick(pumps), ...itemRng.sample(others, count - 1)]
      : itemRng.sample(others, count);
  for (const item of chosen) {
    items.push(...itemRows(itemRng, pack, region, kind, item, caps).rows);
  }
  if (refund) {
    items = items
      .filter((i) => i.kind !== 'deposit')
      .map((i) => ({ ...i, kind: 'return' as const, amount: -i.amount }));
  } else {
    const discountable = items.filter((i) => i.amount >= 100 && i.kind !== 'deposit');
    if (discountable.length > 0 && itemRng.chance(0.3)) {
      const target = itemRng.pick(discountable);
      const discount = discountRow(itemRng, pack, target, caps);
      if (discount) items.splice(items.indexOf(target) + 1, 0, discount);
    }
    const deposits = items.filter((i) => i.kind === 'deposit').reduce((s, i) => s + i.amount, 0);
    if (deposits > 0 && itemRng.chance(0.3)) {
      const returned = Math.min(deposits + itemRng.int(0, 3) * 25, 300);
      items.push({
        kind: 'deposit',
        description: upper(itemRng.pick(pack.words.depositReturn), caps),
        unitPriceDecimals: 2,
        amount: -returned,
        vatClass: items.find((i) => i.kind === 'deposit')?.vatClass ?? 'standard',
      });
    }
  }
  const itemsSum = items.reduce((s, i) => s + i.amount, 0);

  let salesTax: SalesTax | undefined;
  let vat: VatLine[] = [];
  if (region.salesTax) {
    const rule = region.salesTax(rng, city);
    const exempt: VatClass[] = rule.foodExempt ? ['food', 'reduced', 'zero'] : ['zero'];
    const taxable = items.filter((i) => !exempt.includes(i.vatClass)).reduce((s, i) => s + i.amount, 0);
    salesTax = {
      label: rule.label,
      rateBp: rule.rateBp,
      taxable,
      amount: addedTax(taxable, rule.rateBp),
      exempt,
    };
  } else {
    vat = vatLines(rng, region, date, items);
  }
  const due = itemsSum + (salesTax?.amount ?? 0);
  const payRng = rng.fork('payment');
  let payment = composePayment(payRng, region, due, refund);
  let rounding = 0;
  if (payment.method === 'cash' && region.cashRounding && !refund && payRng.chance(0.85)) {
    rounding = Math.round(due / 5) * 5 - due;
    const given = cashGiven(payRng, due + rounding);
    payment = { method: 'cash', given, change: given - (due + rounding) };
  }
  const total = due + rounding;

  return {
    id,
    language: pack.language,
    region: region.id,
    currency: region.currency,
    numbers: rng.weighted(region.numberStyles),
    merchant,
    date,
    time,
    items,
    itemsSum,
    ...(salesTax ? { salesTax } : {}),
    vat,
    rounding,
    total,
    payment,
    refund,
    receiptNo: String(rng.int(1, 99999)).padStart(rng.pick([4, 5, 6]), '0'),
    cashier: rng.pick(pack.words.names),
    till: String(rng.int(1, 12)),
    ...(kind === 'restaurant' ? { table: String(rng.int(1, 40)) } : {}),
  };
}
