/**
 * Names shared by the functions' Powertools metrics (EMF) and the dashboard and alarms. The functions receive
 * POWERTOOLS_SERVICE_NAME and POWERTOOLS_METRICS_NAMESPACE from these values (`service` is Powertools' default
 * dimension).
 */
export const TELEMETRY = {
  namespace: 'ReceiptOcr',
  service: 'receipt-ocr',
  metrics: {
    processed: 'ReceiptsProcessed',
    failed: 'ReceiptsFailed',
    /** FAILED with a code of ours (a crashed worker, a dependency down through every retry). */
    failedSystem: 'ReceiptsFailedSystem',
    /** FAILED because of the upload itself (empty, corrupt, unsupported, too large, deleted). */
    rejected: 'ReceiptsRejected',
    /** A run that threw and will be retried by the queue. */
    retried: 'ReceiptsRetried',
    /** A run put back on the queue because too little of the invocation was left to start it. */
    deferred: 'ReceiptsDeferred',
    ocrDuration: 'OcrDuration',
    confidence: 'Confidence',
    /** An object under the upload prefix whose key names no owner: ignored. */
    uploadsRejected: 'UploadsRejected',
    /** Settled receipts whose ReceiptSettled event could not be published (the records are settled all the same). */
    eventsFailed: 'ReceiptEventsFailed',
  },
} as const;
