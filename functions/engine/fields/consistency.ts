/**
 * Consistency checks between amounts: subtotal + tax (+ tip - discount ± rounding) = total, cash - change =
 * total, items sum = subtotal or total. A check that holds raises the confidence of the amounts it
 * involves; one that fails lowers them (one of them was misread or mislabelled).
 */
export type CheckResult = 'pass' | 'fail' | 'n/a';

export interface Amounts {
  readonly total?: number;
  readonly subtotal?: number;
  readonly tax?: number;
  readonly tip?: number;
  readonly discount?: number;
  readonly rounding?: number;
  readonly cash?: number;
  readonly change?: number;
  readonly itemsSum?: number;
  readonly itemCount: number;
}

export interface Checks {
  /** subtotal + tax (+ tip - discount ± rounding) = total, or subtotal = total when the tax is included. */
  readonly sum: CheckResult;
  /** cash tendered - change = total. */
  readonly tender: CheckResult;
  /** items sum = subtotal, total or total - tax. */
  readonly items: CheckResult;
}

/** Equal within one hundredth, or within the rounding adjustment when the receipt states one. */
function near(a: number, b: number, slack = 1): boolean {
  return Math.abs(a - b) <= slack;
}

function sumCheck(a: Amounts): CheckResult {
  if (a.total === undefined || a.subtotal === undefined) return 'n/a';
  const tax = a.tax ?? 0;
  const extra = (a.tip ?? 0) - (a.discount ?? 0);
  const rounding = a.rounding ?? 0;
  const candidates = [
    a.subtotal + tax + extra,
    a.subtotal + tax + extra + rounding,
    a.subtotal + tax + extra - rounding,
    a.subtotal + extra, // tax included in the subtotal
    a.subtotal + extra + rounding,
    a.subtotal + extra - rounding,
  ];
  return candidates.some((c) => near(c, a.total as number)) ? 'pass' : 'fail';
}

function tenderCheck(a: Amounts): CheckResult {
  if (a.total === undefined || a.cash === undefined || a.change === undefined) return 'n/a';
  return near(a.cash - a.change, a.total, Math.abs(a.rounding ?? 0) + 0) ? 'pass' : 'fail';
}

/** The amounts the items may add up to: the subtotal, the total, or the total less its tax. */
function itemTargets(a: Amounts): number[] {
  const targets = [
    a.subtotal,
    a.total,
    a.total !== undefined && a.tax !== undefined ? a.total - a.tax : undefined,
  ];
  return targets.filter((t): t is number => t !== undefined);
}

function itemsCheck(a: Amounts): CheckResult {
  if (a.itemsSum === undefined || a.itemCount === 0) return 'n/a';
  const defined = itemTargets(a);
  if (defined.length === 0) return 'n/a';
  const slack = Math.abs(a.rounding ?? 0) + 1 + Math.abs(a.discount ?? 0);
  return defined.some((t) => near(a.itemsSum as number, t, slack)) ? 'pass' : 'fail';
}

/** How far the items' sum is from the nearest amount it should make: 0 when they add up or nothing compares. */
export function itemsGap(a: Amounts): number {
  if (itemsCheck(a) !== 'fail') return 0;
  return Math.min(...itemTargets(a).map((t) => Math.abs((a.itemsSum ?? 0) - t)));
}

export function runChecks(amounts: Amounts): Checks {
  return { sum: sumCheck(amounts), tender: tenderCheck(amounts), items: itemsCheck(amounts) };
}

/** Confidence changes per field, from the checks. */
export function adjustments(checks: Checks): {
  total: number;
  subtotal: number;
  tax: number;
  items: number;
} {
  const delta = { total: 0, subtotal: 0, tax: 0, items: 0 };
  if (checks.sum === 'pass') {
    delta.total += 0.1;
    delta.subtotal += 0.15;
    delta.tax += 0.15;
  } else if (checks.sum === 'fail') {
    delta.total -= 0.05;
    delta.subtotal -= 0.2;
    delta.tax -= 0.2;
  }
  if (checks.tender === 'pass') delta.total += 0.1;
  else if (checks.tender === 'fail') delta.total -= 0.1;
  if (checks.items === 'pass') {
    delta.items += 0.15;
    delta.total += 0.04;
  } else if (checks.items === 'fail') delta.items -= 0.15;
  return delta;
}

/** Share of applicable checks that hold; 0.5 when none applies (no evidence either way). */
export function checkScore(checks: Checks): number {
  const applicable = Object.values(checks).filter((c) => c !== 'n/a');
  if (applicable.length === 0) return 0.5;
  return applicable.filter((c) => c === 'pass').length / applicable.length;
}
