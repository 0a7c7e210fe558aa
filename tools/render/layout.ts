/**
 * Lays a receipt's content out on a till's sheet: header, meta data, items, totals, payment, VAT table,
 * card slip and footer, with the layout choices (columns, quantity rows, VAT codes, currency marks, date
 * format...) drawn per receipt from the locale pack. Returns the printed lines and the item descriptions as
 * printed (truncated or wrapped), which the labels use.
 */
import { formatDateTime } from './dates.js';
import type {
  CodeStyle,
  CurrencyDisplay,
  LocalePack,
  PackContext,
  QuantityStyle,
  RegionPack,
} from './locales/types.js';
import type { ItemLine, PrintedLine, ReceiptContent, VatLine } from './model.js';
import { formatCents, formatMilli, formatRate } from './money.js';
import { Rng } from './random.js';
import { Sheet } from './sheet.js';

export interface LayoutStyle {
  readonly paperMm: 58 | 80;
  readonly columns: number;
  readonly quantity: QuantityStyle;
  readonly codes: CodeStyle;
  readonly currency: CurrencyDisplay;
  readonly trailingMinus: boolean;
  readonly dateFormat: string;
  readonly timeFormat: string;
  readonly metaOnTop: boolean;
  readonly vat: 'table' | 'lines' | 'note' | 'none';
  readonly wrapValueFirst: boolean;
  /** Item descriptions cut to this many characters, as some tills do. */
  readonly truncate?: number;
  readonly totalSize: 'wide' | 'tall' | 'normal';
  /** VAT rates printed with two decimals ("19,00%") or as short as possible ("19%"). */
  readonly rateDecimals: boolean;
  /** A space between the currency symbol and the amount ("€ 12,34", "12,34 €"). */
  readonly symbolSpace: boolean;
}

export interface LaidOut {
  readonly style: LayoutStyle;
  readonly lines: readonly PrintedLine[];
  /** One per content item: the description as printed (wrapped parts joined by a space). */
  readonly descriptions: readonly string[];
  /** The transaction date as the receipt prints it ("12.03.24", "Mar 12, 2024"). */
  readonly dateText: string;
}

function chooseStyle(rng: Rng, pack: LocalePack, region: RegionPack, content: ReceiptContent): LayoutStyle {
  const paperMm = rng.chance(0.35) ? 58 : 80;
  const columns = paperMm === 58 ? 32 : rng.pick([42, 48]);
  let quantity = rng.weighted(pack.quantityStyles);
  if (quantity === 'columns' && columns < 42) quantity = 'below';
  const codes = content.salesTax ? rng.pick<CodeStyle>(['none', 'suffix']) : rng.weighted(pack.codeStyles);
  const vat = content.salesTax
    ? 'none'
    : rng.chance(pack.vatTable)
      ? rng.weighted([
          ['table', 4],
          ['lines', 1],
        ] as const)
      : rng.chance(0.6)
        ? 'note'
        : 'none';
  return {
    paperMm,
    columns,
    quantity,
    codes,
    currency: rng.weighted(region.currencyDisplays),
    trailingMinus: rng.chance(pack.trailingMinus),
    dateFormat: rng.weighted(region.dateFormats),
    timeFormat: rng.weighted(region.timeFormats),
    metaOnTop: rng.chance(pack.metaOnTop),
    vat,
    wrapValueFirst: rng.chance(0.4),
    ...(rng.chance(0.18) ? { truncate: rng.int(16, Math.min(24, columns - 12)) } : {}),
    totalSize: rng.weighted([
      ['wide', 4],
      ['tall', 3],
      ['normal', 3],
    ] as const),
    rateDecimals: columns >= 42 && rng.chance(0.25),
    symbolSpace: region.currency === 'EUR' ? rng.chance(0.7) : rng.chance(0.1),
  };
}

class Writer {
  readonly sheet: Sheet;
  readonly ctx: PackContext;
  readonly descriptions: string[] = [];
  private readonly lineOfRate = new Map<number, VatLine>();

  constructor(
    readonly content: ReceiptContent,
    readonly pack: LocalePack,
    readonly region: RegionPack,
    readonly style: LayoutStyle,
    readonly rng: Rng,
  ) {
    this.sheet = new Sheet(style.columns);
    for (const line of content.vat) this.lineOfRate.set(line.rateBp, line);
    const calendar = pack.words;
    this.ctx = {
      content,
      rng,
      money: (cents) => this.bare(cents),
      date: (format) => formatDateTime(format, content.date, content.time, calendar),
      time: (format) => formatDateTime(format, content.date, content.time, calendar),
      columns: style.columns,
    };
  }

  /** An amount without currency, in the receipt's number convention and minus style. */
  bare(cents: number): string {
    const text = formatCents(Math.abs(cents), this.content.numbers);
    if (cents >= 0) return text;
    return this.style.trailingMinus ? `${text}-` : `-${text}`;
  }

  /** An amount with the currency mark this receipt prints on every amount. */
  money(cents: number): string {
    switch (this.style.currency) {
      case 'suffix-symbol':
        return this.withSymbol(cents, false);
      case 'prefix-symbol':
        return this.withSymbol(cents, true);
      default:
        return this.bare(cents);
    }
  }

  withSymbol(cents: number, before: boolean): string {
    const bare = this.bare(cents);
    const space = this.style.symbolSpace ? ' ' : '';
    if (!before) return `${bare}${space}${this.region.symbol}`;
    return cents < 0 && !this.style.trailingMinus
      ? `-${this.region.symbol}${space}${bare.slice(1)}`
      : `${this.region.symbol}${space}${bare}`;
  }

  /** Pounds and dollars put the symbol first; euro and franc tills either way. */
  get symbolFirst(): boolean {
    return this.region.currency === 'GBP' || this.region.currency === 'USD';
  }

  /** The total's amount: the currency shows here even when other amounts are bare. */
  totalMoney(cents: number): { label: string; amount: string } {
    const code = this.region.currency;
    switch (this.style.currency) {
      case 'heading':
        return this.rng.chance(0.5)
          ? { label: ` ${code}`, amount: this.bare(cents) }
          : { label: '', amount: `${code} ${this.bare(cents)}` };
      case 'total-only':
        if (this.symbolFirst) return { label: '', amount: this.withSymbol(cents, true) };
        return this.rng.chance(0.5)
          ? { label: '', amount: `${this.bare(cents)} ${this.rng.chance(0.5) ? this.region.symbol : code}` }
          : { label: '', amount: this.withSymbol(cents, true) };
      default:
        return { label: '', amount: this.money(cents) };
    }
  }

  rate(bp: number): string {
    return formatRate(bp, this.content.numbers, this.style.rateDecimals ? 2 : undefined);
  }

  code(item: ItemLine): string {
    const tax = this.content.salesTax;
    if (tax) return tax.exempt.includes(item.vatClass) ? 'N' : 'T';
    return this.lineOfRate.get(this.region.rate(item.vatClass, this.content.date))?.code ?? '';
  }

  header(): void {
    const { merchant } = this.content;
    const s = this.sheet;
    const centred = this.rng.chance(0.85);
    const put = (text: string, bold = false) => (centred ? s.center(text, { bold }) : s.left(text, { bold }));
    if (this.rng.chance(0.12)) s.graphic('barcode', 2); // a printed logo stands in for a graphic
    const nameSize = merchant.name.length <= s.width('wide') && this.rng.chance(0.6) ? 'wide' : 'tall';
    if (centred) s.center(merchant.name, { size: this.rng.chance(0.75) ? nameSize : 'normal', bold: true });
    else s.left(merchant.name, { size: nameSize === 'wide' ? 'tall' : nameSize, bold: true });
    if (merchant.subline) put(merchant.subline);
    for (const line of merchant.addressLines) put(line);
    if (merchant.phoneLine) put(merchant.phoneLine);
    if (merchant.vatIdLine) put(merchant.vatIdLine);
    for (const line of merchant.extraLines) put(line);
    for (const row of this.pack.documentHeading?.(this.ctx) ?? []) this.block(row);
    s.blank();
  }

  block(row: string | readonly [string, string]): void {
    if (typeof row === 'string') this.sheet.center(row);
    else this.sheet.row(row[0], row[1]);
  }

  meta(): void {
    const s = this.sheet;
    const { words } = this.pack;
    const date = this.ctx.date(this.style.dateFormat);
    const time = this.ctx.time(this.style.timeFormat);
    const receipt = `${this.rng.pick(words.receiptNo)} ${this.content.receiptNo}`;
    // A long written date ("Wednesday, September 20, 2023") goes without its label rather than wrap.
    const dateLabel = this.rng.pick(words.date);
    const labelledDate =
      dateLabel.length + 1 + date.length <= this.style.columns ? `${dateLabel} ${date}` : date;
    const form = this.rng.int(0, 3);
    // A pair that does not fit one row goes on two: a till never wraps a date.
    const pair = (left: string, right: string) => {
      if (left.length + 1 + right.length <= this.style.columns) s.row(left, right);
      else {
        s.left(left);
        s.left(right);
      }
    };
    if (form === 0) {
      pair(labelledDate, `${this.rng.pick(words.time)} ${time}`);
      s.left(receipt);
    } else if (form === 1) {
      pair(date, time);
      pair(receipt, `${this.rng.pick(words.till)} ${this.content.till}`);
    } else if (form === 2) {
      s.left(labelledDate);
      s.left(`${this.rng.pick(words.time)} ${time}`);
      s.left(receipt);
    } else {
      pair(`${date} ${time}`, receipt);
    }
    if (this.rng.chance(0.6)) s.left(`${this.rng.pick(words.cashier)} ${this.content.cashier}`);
    if (this.content.table !== undefined) s.left(`${this.rng.pick(words.table)} ${this.content.table}`);
  }

  /** The right part of an item row: amount, and a VAT code after it when the receipt prints codes. */
  itemValue(item: ItemLine): string {
    const amount = this.money(item.amount);
    if (this.style.codes === 'suffix') return `${amount} ${this.code(item)}`;
    if (this.style.codes === 'rate-column') {
      const rate = this.rate(this.region.rate(item.vatClass, this.content.date));
      return `${rate.padStart(this.style.rateDecimals ? 8 : 5)}${amount.padStart(this.amountWidth)}`;
    }
    return amount;
  }

  get amountWidth(): number {
    return this.style.columns >= 42 ? 11 : 9;
  }

  quantityText(item: ItemLine): string {
    const { words } = this.pack;
    const decimals = item.unit === 'pc' ? 0 : item.unit === 'l' || item.unit === 'gal' ? 2 : 3;
    const qty = formatMilli(item.quantityMilli ?? 1000, decimals, this.content.numbers);
    const price = formatMilli(item.unitPriceMilli ?? 0, item.unitPriceDecimals, this.content.numbers);
    const template = item.unit === 'pc' || item.unit === undefined ? words.quantityLine : words.measureLine;
    const cur = this.rng.chance(0.5) ? this.region.currency : this.region.symbol;
    return this.rng
      .weighted(template)
      .replaceAll('{qty}', qty)
      .replaceAll('{price}', price)
      .replaceAll('{unit}', item.unit ?? '')
      .replaceAll('{cur}', cur);
  }

  description(item: ItemLine): string {
    const cut = this.style.truncate;
    return cut !== undefined && item.description.length > cut
      ? item.description.slice(0, cut).trimEnd()
      : item.description;
  }

  items(): void {
    const s = this.sheet;
    const { words } = this.pack;
    const columns = this.style.quantity === 'columns';
    if (columns) {
      const [d, q, p, a] = this.rng.weighted(words.itemColumns);
      const w = this.style.columns;
      s.cells(
        [
          [d, 0, 'left'],
          [q, w - 22, 'right'],
          [p, w - 11, 'right'],
          [a, w, 'right'],
        ],
        { bold: this.rng.chance(0.5) },
      );
      s.rule('-');
    } else if (this.style.currency === 'heading') {
      s.right(this.region.currency);
    } else if (this.style.codes === 'rate-column') {
      const [d, , , a] = this.rng.weighted(words.itemColumns);
      s.row(d, `${words.taxWord.padStart(this.style.rateDecimals ? 8 : 5)}${a.padStart(this.amountWidth)}`);
    }
    for (const item of this.content.items) this.item(item);
  }

  item(item: ItemLine): void {
    const s = this.sheet;
    const description = this.description(item);
    const value = this.itemValue(item);
    const hasQuantity = item.quantityMilli !== undefined;
    let printed: string[];
    if (this.style.quantity === 'columns' && hasQuantity) {
      const w = this.style.columns;
      const qty = formatMilli(
        item.quantityMilli ?? 0,
        item.unit === 'pc' ? 0 : item.unit === 'l' || item.unit === 'gal' ? 2 : 3,
        this.content.numbers,
      );
      const price = formatMilli(item.unitPriceMilli ?? 0, item.unitPriceDecimals, this.content.numbers);
      const room = w - 30;
      const parts = description.length <= room ? [description] : [description.slice(0, room).trimEnd()];
      s.cells([
        [parts[0] ?? '', 0, 'left'],
        [qty, w - 22, 'right'],
        [price, w - 11, 'right'],
        [this.bare(item.amount), w, 'right'],
      ]);
      printed = parts;
    } else if (hasQuantity && this.style.quantity === 'inline' && item.unit === 'pc') {
      const qty = String((item.quantityMilli ?? 0) / 1000);
      const label = this.rng.chance(0.5) ? `${qty} x ${description}` : `${qty} ${description}`;
      const lines = s.row(label, value, {}, this.style.wrapValueFirst);
      printed = [lines.join(' ').slice(label.length - description.length)];
    } else if (
      hasQuantity &&
      (this.style.quantity === 'above' || (this.style.quantity === 'inline' && item.unit !== 'pc'))
    ) {
      s.left(this.quantityText(item), {}, 2);
      printed = s.row(description, value, {}, this.style.wrapValueFirst);
    } else if (hasQuantity) {
      printed = s.row(description, value, {}, this.style.wrapValueFirst);
      s.left(this.quantityText(item), {}, 2);
    } else {
      printed = s.row(description, value, {}, this.style.wrapValueFirst);
    }
    this.descriptions.push(printed.join(' '));
  }

  totals(): void {
    const s = this.sheet;
    const { words } = this.pack;
    const { content } = this;
    s.rule(this.rng.pick(['-', '-', '=', '*', ' ']));
    if (this.rng.chance(0.25)) {
      const count = content.items
        .filter((i) => i.kind !== 'discount' && i.kind !== 'deposit')
        .reduce((n, i) => n + (i.unit === 'pc' ? (i.quantityMilli ?? 1000) / 1000 : 1), 0);
      s.row(this.rng.pick(words.itemCount), String(count));
    }
    if (content.salesTax) {
      s.row(this.rng.weighted(words.subtotal), this.money(content.itemsSum));
      const rate = formatRate(content.salesTax.rateBp, content.numbers);
      const label = this.rng.chance(0.6) ? `${content.salesTax.label} ${rate}` : content.salesTax.label;
      s.row(label, this.money(content.salesTax.amount));
    } else {
      const discounted = content.items.some((i) => i.kind === 'discount');
      if (this.rng.chance(discounted ? Math.max(this.pack.subtotal, 0.6) : this.pack.subtotal)) {
        s.row(this.rng.weighted(words.subtotal), this.money(content.itemsSum));
      }
    }
    const restaurant = content.merchant.kind === 'restaurant' && this.rng.chance(0.4);
    const totalLabel = this.rng.weighted(restaurant ? words.payable : words.total);
    if (content.rounding !== 0) {
      s.row(totalLabel, this.money(content.itemsSum), { bold: true });
      s.row(this.rng.pick(words.rounding), this.money(content.rounding));
      this.totalRow(this.rng.weighted(words.payable), content.total);
    } else {
      this.totalRow(totalLabel, content.total);
    }
  }

  totalRow(label: string, cents: number): void {
    // A label that names the currency ("TOTALE EURO", "TOTAL EUROS") is followed by the bare amount.
    const named = /\b(EUR|EURO|EUROS)\b/i.test(label);
    const { label: suffix, amount } = named
      ? { label: '', amount: this.bare(cents) }
      : this.totalMoney(cents);
    const text = `${label}${suffix}`;
    const size =
      this.style.totalSize === 'wide' && text.length + amount.length + 1 <= this.sheet.width('wide')
        ? 'wide'
        : this.style.totalSize === 'normal'
          ? 'normal'
          : 'tall';
    this.sheet.row(text, amount, { size, bold: true });
    if (this.rng.chance(0.35)) this.sheet.rule(this.rng.pick(['=', '-']));
  }

  payment(): void {
    const s = this.sheet;
    const { words } = this.pack;
    const { payment, total } = this.content;
    if (payment.method === 'cash') {
      if (this.content.refund || payment.given === total) {
        s.row(this.rng.weighted(words.cash), this.money(total));
        return;
      }
      const label = this.rng.chance(0.5) ? this.rng.weighted(words.cash) : this.rng.weighted(words.given);
      s.row(label, this.money(payment.given));
      s.row(this.rng.weighted(words.change), this.money(payment.change));
      return;
    }
    const template = this.rng.weighted(words.cardPaid);
    s.row(template.replace('{card}', payment.scheme), this.money(total));
    if (payment.contactless && this.rng.chance(0.3)) s.left(this.rng.pick(words.contactless));
  }

  vatTable(): void {
    const s = this.sheet;
    const { words } = this.pack;
    const { vat } = this.content;
    if (vat.length === 0 || this.style.vat === 'none') return;
    if (this.style.vat === 'note') {
      const template = this.rng.pick(words.taxIncludedLine);
      if (!template.includes('{rate}')) {
        s.row(template, this.money(vat.reduce((sum, line) => sum + line.tax, 0)));
        return;
      }
      for (const line of vat) {
        if (line.tax !== 0) s.row(template.replace('{rate}', this.rate(line.rateBp)), this.money(line.tax));
      }
      return;
    }
    s.blank();
    if (this.rng.chance(0.5)) s.left(this.rng.pick(words.vatTitle));
    if (this.style.vat === 'lines') {
      for (const line of vat) {
        s.row(`${line.code} ${words.taxWord} ${this.rate(line.rateBp)}`, this.bare(line.tax));
        s.row(`  ${this.rng.weighted(words.vatColumns)[1]}`, this.bare(line.net));
      }
      return;
    }
    const w = this.style.columns;
    const step = w >= 42 ? 11 : 9;
    const [rate, net, tax, gross] = this.rng.weighted(words.vatColumns);
    // A heading that would run into the next column is cut, as narrow tills do.
    const rateRoom = w - 2 * step - net.length - 1;
    s.cells([
      [rate.slice(0, Math.max(0, rateRoom)), 0, 'left'],
      [net, w - 2 * step, 'right'],
      [tax, w - step, 'right'],
      [gross, w, 'right'],
    ]);
    const withCode = this.rng.chance(0.6);
    for (const line of vat) {
      const rateText = withCode ? `${line.code} ${this.rate(line.rateBp)}` : this.rate(line.rateBp);
      s.cells([
        [rateText, 0, 'left'],
        [this.bare(line.net), w - 2 * step, 'right'],
        [this.bare(line.tax), w - step, 'right'],
        [this.bare(line.gross), w, 'right'],
      ]);
    }
    if (vat.length > 1 && this.rng.chance(0.5)) {
      const sum = (pick: (v: VatLine) => number) => vat.reduce((acc, v) => acc + pick(v), 0);
      const net = this.bare(sum((v) => v.net));
      const label = (this.rng.weighted(words.subtotal).split(' ')[0] ?? '').slice(
        0,
        w - 2 * step - net.length - 1,
      );
      s.cells([
        [label, 0, 'left'],
        [net, w - 2 * step, 'right'],
        [this.bare(sum((v) => v.tax)), w - step, 'right'],
        [this.bare(sum((v) => v.gross)), w, 'right'],
      ]);
    }
  }

  footer(): void {
    const s = this.sheet;
    if (this.content.payment.method === 'card' && this.content.payment.slip) {
      s.blank();
      s.rule(this.rng.pick(['-', '*', '=']));
      for (const row of this.pack.cardSlip(this.ctx)) this.block(row);
      s.rule(this.rng.pick(['-', '*', '=']));
    }
    if (!this.style.metaOnTop) {
      s.blank();
      this.meta();
    }
    const fiscal = this.pack.fiscalFooter?.(this.ctx) ?? [];
    if (fiscal.length > 0) s.blank();
    for (const row of fiscal) this.block(row);
    s.blank();
    for (const line of this.rng.pick(this.pack.words.thanks)) s.center(line);
    if (this.rng.chance(0.3)) s.graphic(this.rng.chance(0.5) ? 'qr' : 'barcode', this.rng.int(4, 7));
  }
}

export function layoutReceipt(
  content: ReceiptContent,
  pack: LocalePack,
  region: RegionPack,
  seed: number,
): LaidOut {
  const rng = new Rng(seed);
  const style = chooseStyle(rng, pack, region, content);
  const w = new Writer(content, pack, region, style, rng);
  w.header();
  if (content.refund) w.sheet.center(rng.pick(pack.words.refundTitle), { bold: true, size: 'tall' });
  if (style.metaOnTop) {
    w.meta();
    w.sheet.blank();
  }
  w.items();
  w.totals();
  const vatFirst = rng.chance(0.4);
  if (vatFirst) w.vatTable();
  w.payment();
  if (!vatFirst) w.vatTable();
  w.footer();
  return {
    style,
    lines: w.sheet.lines,
    descriptions: w.descriptions,
    dateText: w.ctx.date(style.dateFormat),
  };
}
