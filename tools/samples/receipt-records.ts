/** Receipt records as the pipeline leaves them, written through the real DynamoDB adapter for API tests. */
import { randomUUID } from 'node:crypto';
import type { ReceiptFields } from '@receipt-ocr/engine/schema';
import type { ReceiptRecord } from '../../functions/receipts/record.js';

export interface SeedOptions {
  ownerId: string;
  createdAt: string;
  status?: ReceiptRecord['status'];
  merchant?: string;
  date?: string;
  total?: string;
  bucket: string;
}

function field<T extends string>(value: T) {
  return { value, confidence: 0.9, text: value, bbox: { x0: 1, y0: 2, x1: 30, y1: 12 } };
}

/** A COMPLETED record (or another settled status) with fields, items, an image key and a result key. */
export function completedRecord(options: SeedOptions): ReceiptRecord {
  const receiptId = randomUUID();
  const fields: ReceiptFields = {
    ...(options.merchant ? { merchantName: field(options.merchant) } : {}),
    ...(options.date ? { transactionDate: field(options.date) } : {}),
    total: field(options.total ?? '10.00'),
    currency: field('MYR'),
  };
  return {
    receiptId,
    ownerId: options.ownerId,
    status: options.status ?? 'COMPLETED',
    version: 3,
    createdAt: options.createdAt,
    updatedAt: options.createdAt,
    processedAt: options.createdAt,
    source: {
      bucket: options.bucket,
      key: `uploads/${options.ownerId}/${receiptId}.png`,
      eTag: '"abc"',
      size: 4,
      contentType: 'image/png',
    },
    sourceToken: '"abc"',
    attempts: 1,
    fields,
    items: [
      {
        description: 'COFFEE',
        quantity: '2',
        unitPrice: '3.00',
        amount: '6.00',
        confidence: 0.8,
        text: 'COFFEE 2 3.00 6.00',
        bbox: null,
      },
    ],
    confidence: 0.85,
    textSummary: 'COFFEE 2 3.00 6.00',
    resultKey: `results/${options.ownerId}/${receiptId}.json`,
  };
}

/** The full OCR output the pipeline stores under resultKey for `record` (an EngineResult plus its ids). */
export function fullOutput(record: ReceiptRecord) {
  return {
    receiptId: record.receiptId,
    ownerId: record.ownerId,
    source: record.source,
    fields: record.fields ?? {},
    items: record.items ?? [],
    confidence: record.confidence ?? 0.85,
    text: 'COFFEE 2 3.00 6.00',
    lines: [
      {
        text: 'COFFEE 2 3.00 6.00',
        confidence: 0.8,
        bbox: { x0: 0, y0: 0, x1: 100, y1: 10 },
        words: [{ text: 'COFFEE', confidence: 0.8, bbox: { x0: 0, y0: 0, x1: 40, y1: 10 } }],
      },
    ],
    language: 'eng',
    timings: { decodeMs: 1, preprocessMs: 2, ocrMs: 3, parseMs: 1 },
    engine: { name: 'tesseract.js', version: '7.0.0', languages: ['eng'], model: '4.0.0_best_int' },
    image: { format: 'png', width: 100, height: 10, rotation: 0 },
  };
}
