/**
 * What an export holds: per receipt, the effective values (a person's corrections win over the engine's), as JSON
 * or as one CSV row (RFC 4180, written by csv-stringify). The CSV columns are the receipt contract's field names,
 * in the contract's order, so a spreadsheet and a script read the same names the API uses.
 */

import { ReceiptFieldsSchema } from '@receipt-ocr/engine/schema';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { ReceiptRecord } from '../receipts/record.js';
import { toReceiptView } from '../receipts/view.js';
import type { ExportedReceiptSchema } from './schemas.js';

type ExportedReceipt = z.infer<typeof ExportedReceiptSchema>;

const FIELD_NAMES = ReceiptFieldsSchema.keyof().options;

export const CSV_COLUMNS = [
  'id',
  'status',
  'createdAt',
  'fileName',
  ...FIELD_NAMES,
  'itemCount',
  'correctedFields',
  'confidence',
  'errorCode',
] as const;

export function toExportedReceipt(record: ReceiptRecord): ExportedReceipt {
  const view = toReceiptView(record);
  return {
    id: view.id,
    status: view.status,
    createdAt: view.createdAt,
    ...(view.fileName ? { fileName: view.fileName } : {}),
    fields: view.effective.fields,
    items: view.effective.items,
    correctedFields: view.correctedFields,
    ...(view.confidence === undefined ? {} : { confidence: view.confidence }),
    ...(view.error ? { error: { code: view.error.code, message: view.error.message } } : {}),
  };
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab/CR) as a formula ("CSV injection", OWASP). Text a
 * receipt's photo or its uploader chose (merchant, address, file name) is made inert with a leading apostrophe;
 * amounts are validated decimals, so a negative amount keeps its minus sign.
 */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const FREE_TEXT = new Set<string>(['fileName', 'merchantName', 'merchantAddress', 'merchantPhone']);

export function toCsv(receipts: readonly ExportedReceipt[]): string {
  const rows = receipts.map((receipt) => {
    const cells: Record<string, string> = {
      id: receipt.id,
      status: receipt.status,
      createdAt: receipt.createdAt,
      fileName: receipt.fileName ?? '',
      ...Object.fromEntries(FIELD_NAMES.map((name) => [name, receipt.fields[name] ?? ''])),
      itemCount: String(receipt.items.length),
      correctedFields: receipt.correctedFields.join(' '),
      confidence: receipt.confidence === undefined ? '' : receipt.confidence.toFixed(2),
      errorCode: receipt.error?.code ?? '',
    };
    return CSV_COLUMNS.map((column) => {
      const value = cells[column] ?? '';
      return FREE_TEXT.has(column) ? inert(value) : value;
    });
  });
  return stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: '\r\n' });
}
