/**
 * What the page exchanges with the API. The receipt comes from the API's own view module (type-only: nothing of it
 * is bundled); no DOM types here, so Node tests can import the page's pure modules.
 */

import type { ReceiptStatus } from '../../functions/receipts/record.js';
import type { ReceiptView } from '../../functions/receipts/view.js';

export type Receipt = ReceiptView;
export type { ReceiptStatus };

export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
export interface ReceiptText {
  lines: { text: string; words: OcrWord[] }[];
  image: { width: number; height: number; rotation: number; crop?: { x: number; y: number }[] };
}

export interface ListFilters {
  status?: ReceiptStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  merchant?: string | undefined;
}

export interface Correction {
  fields?: Record<string, string | null>;
  items?: { description: string; quantity: string | null; unitPrice: string | null; amount: string }[];
}
