/**
 * The events the service publishes on its EventBridge bus, for apps to subscribe to with a rule instead of polling
 * (docs/api.md, events). `source` and `detail-type` are what a rule matches; the OCR function's role may publish only
 * these (an IAM condition on both).
 */
export const RECEIPT_EVENTS = {
  source: 'receipt-ocr',
  /** A receipt's record settled: COMPLETED (or REVIEWED), or FAILED for good. The event carries the receipt. */
  settled: 'ReceiptSettled',
} as const;

/**
 * The largest receipt (its JSON) a `ReceiptSettled` event carries. EventBridge bills an event per 64 KB of its entry
 * and takes at most 256 KB a request: a receipt up to 60 KB keeps the event one billed event, with room for the rest
 * of the detail. Settled records are about 4 KB (docs/deploy.md, Cost); a longer one (hundreds of line items) is
 * announced without it.
 */
export const SETTLED_RECEIPT_MAX_BYTES = 60 * 1024;
