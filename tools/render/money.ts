/**
 * Amounts are integer hundredths (cents); quantities and unit prices that need three decimals (0,296 kg,
 * 1,799 EUR/l) are integer thousandths. Printing follows the receipt's number convention; labels use plain
 * decimal strings ("1234.56", "-3.20") like the engine's contract.
 */

export interface NumberStyle {
  readonly decimal: ',' | '.';
  /** Thousands separator; '' when the till prints 1234,56. */
  readonly group: '' | '.' | ',' | ' ' | "'";
}

function groupDigits(whole: string, group: string): string {
  if (group === '' || whole.length <= 3) return whole;
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

/** Thousandths printed with `decimals` places in the receipt's convention: 1299 -> "1,299", 296 -> "0,296". */
export function formatScaled(value: number, scale: number, decimals: number, style: NumberStyle): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const factor = 10 ** decimals;
  const rounded = Math.round((abs * factor) / scale);
  const whole = Math.floor(rounded / factor);
  const frac = String(rounded % factor).padStart(decimals, '0');
  const body = groupDigits(String(whole), style.group);
  return `${sign}${body}${decimals > 0 ? `${style.decimal}${frac}` : ''}`;
}

export function formatCents(cents: number, style: NumberStyle): string {
  return formatScaled(cents, 100, 2, style);
}

export function formatMilli(milli: number, decimals: number, style: NumberStyle): string {
  return formatScaled(milli, 1000, decimals, style);
}

/** 1234.5 cents as a label string: 123456 -> "1234.56", -320 -> "-3.20". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Thousandths as a label string without trailing zeros beyond `minDecimals`: 2000 -> "2", 296 -> "0.296". */
export function milliToDecimal(milli: number, minDecimals = 0): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  let frac = String(abs % 1000).padStart(3, '0');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${sign}${Math.floor(abs / 1000)}${frac === '' ? '' : `.${frac}`}`;
}

/** Rate in basis points as printed: 1900 -> "19%", 550 -> "5,5%", 2100 with decimals 2 -> "21,00%". */
export function formatRate(bp: number, style: NumberStyle, fixedDecimals?: number): string {
  if (fixedDecimals !== undefined) return `${formatScaled(bp, 100, fixedDecimals, style)}%`;
  const decimals = bp % 100 === 0 ? 0 : bp % 10 === 0 ? 1 : 2;
  return `${formatScaled(bp, 100, decimals, style)}%`;
}

/** The VAT included in a gross amount, rounded half up to a cent. */
export function includedTax(grossCents: number, rateBp: number): number {
  const sign = grossCents < 0 ? -1 : 1;
  return sign * Math.round((Math.abs(grossCents) * rateBp) / (10000 + rateBp));
}

/** A tax added on top of a net amount (US sales tax), rounded half up to a cent. */
export function addedTax(netCents: number, rateBp: number): number {
  const sign = netCents < 0 ? -1 : 1;
  return sign * Math.round((Math.abs(netCents) * rateBp) / 10000);
}

/** qty (thousandths) x unit price (thousandths) in cents, rounded half up. */
export function lineAmount(quantityMilli: number, unitPriceMilli: number): number {
  return Math.round((quantityMilli * unitPriceMilli) / 10000);
}
