/** Small display helpers shared by the list and the receipt view. */
import type { Receipt } from './api.js';

export const SETTLED = new Set(['COMPLETED', 'FAILED', 'REVIEWED']);

export function isSettled(receipt: Pick<Receipt, 'status'>): boolean {
  return SETTLED.has(receipt.status);
}

export function money(receipt: Receipt): string {
  const total = receipt.effective.fields.total;
  if (total === undefined) return '';
  const currency = receipt.effective.fields.currency;
  return currency ? `${total} ${currency}` : total;
}

export function shortTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
