/** The review form's values, and what a save sends: only what the person changed. */

import { FIELD_NAMES } from './fields.js';
import type { Correction, Receipt } from './types.js';

export type ItemRow = { description: string; quantity: string; unitPrice: string; amount: string };

export interface FormValues {
  fields: Record<string, string>;
  items: ItemRow[];
}

/** The effective values (corrections win) as the form shows them: empty strings for what is missing. */
export function formOf(receipt: Receipt): FormValues {
  return {
    fields: Object.fromEntries(FIELD_NAMES.map((name) => [name, receipt.effective.fields[name] ?? ''])),
    items: receipt.effective.items.map((item) => ({
      description: item.description,
      quantity: item.quantity ?? '',
      unitPrice: item.unitPrice ?? '',
      amount: item.amount,
    })),
  };
}

/** Rows as the API takes them: trimmed, blank rows dropped, empty quantity and unit price as null. */
function apiItems(rows: readonly ItemRow[]): NonNullable<Correction['items']> {
  return rows
    .filter((row) => row.description.trim() !== '' || row.amount.trim() !== '')
    .map((row) => ({
      description: row.description.trim(),
      quantity: row.quantity.trim() || null,
      unitPrice: row.unitPrice.trim() || null,
      amount: row.amount.trim(),
    }));
}

/**
 * Only what the person changed: an emptied field is removed (null); the item list goes whole when any row
 * changed. Undefined when nothing did.
 */
export function correctionOf(receipt: Receipt, form: FormValues): Correction | undefined {
  const fields: Record<string, string | null> = {};
  for (const name of FIELD_NAMES) {
    const value = (form.fields[name] ?? '').trim();
    if (value !== (receipt.effective.fields[name] ?? '')) fields[name] = value === '' ? null : value;
  }
  const items = apiItems(form.items);
  const itemsChanged = JSON.stringify(items) !== JSON.stringify(apiItems(formOf(receipt).items));
  if (Object.keys(fields).length === 0 && !itemsChanged) return undefined;
  return { ...(Object.keys(fields).length > 0 ? { fields } : {}), ...(itemsChanged ? { items } : {}) };
}
