/**
 * The events the service publishes on its EventBridge bus, for apps to subscribe to with a rule instead of polling
 * (docs/api.md, events). `source` and `detail-type` are what a rule matches; the OCR function's role may publish only
 * these (an IAM condition on both).
 */
export const RECEIPT_EVENTS = {
  source: 'receipt-ocr',
  /** A receipt's record settled: COMPLETED (or REVIEWED), or FAILED for good. Read it with GET /receipts/{id}. */
  settled: 'ReceiptSettled',
} as const;
