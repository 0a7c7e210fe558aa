/**
 * Domain errors. Each has a stable code; the OCR handler decides retry vs FAILED from `retryable`, the API maps
 * codes to HTTP statuses in one place.
 */
import { isEngineError } from '@receipt-ocr/engine/errors';

/** Pipeline codes beside the engine's (EMPTY_FILE, UNSUPPORTED_FORMAT, CORRUPT_IMAGE, TOO_LARGE...). */
export const PIPELINE_ERROR_CODES = [
  /** The object disappeared between the event and the download. */
  'SOURCE_NOT_FOUND',
  /** A dependency (S3, DynamoDB, the OCR worker) failed in a way worth retrying. */
  'DEPENDENCY_ERROR',
  /** The object was replaced between the check and the download; the retry reads the new version. */
  'SOURCE_CHANGED',
  /** Another version of the same receipt is being processed right now; retry later. */
  'RECEIPT_BUSY',
] as const;

export class ReceiptError extends Error {
  override readonly name: string = 'ReceiptError';

  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The record does not fit the store even with everything trimmable dropped (lifecycle.ts `trimmedRecords`):
 * permanent, since the same record never fits on a retry.
 */
export class RecordTooLargeError extends ReceiptError {
  override readonly name = 'RecordTooLargeError';
  constructor(
    readonly receiptId: string,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(
      'RECORD_TOO_LARGE',
      `receipt ${receiptId} takes ${bytes} bytes even without its engine items; a record holds up to ${maxBytes}`,
      false,
    );
  }
}

/** A conditional write lost against another writer: re-read and decide again (API: 409). */
export class VersionConflictError extends ReceiptError {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly receiptId: string,
    readonly expectedVersion: number | undefined,
  ) {
    super(
      'VERSION_CONFLICT',
      expectedVersion === undefined
        ? `receipt ${receiptId} already exists`
        : `receipt ${receiptId} changed since version ${expectedVersion}`,
      true,
    );
  }
}

/** The record does not exist, or belongs to someone else (the API answers 404 for both). */
export class ReceiptNotFoundError extends ReceiptError {
  override readonly name = 'ReceiptNotFoundError';
  constructor(readonly receiptId: string) {
    super('NOT_FOUND', `receipt ${receiptId} not found`, false);
  }
}

/** A list cursor that was not produced by this service (API: 400). */
export class InvalidCursorError extends ReceiptError {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('INVALID_CURSOR', 'the cursor is not valid: pass back the nextCursor of a previous page', false);
  }
}

/** Anything that is not a known permanent error is treated as transient: retrying costs little, losing a receipt a lot. */
export function classifyFailure(error: unknown): { code: string; message: string; retryable: boolean } {
  if (isEngineError(error)) return { code: error.code, message: error.message, retryable: error.retryable };
  if (error instanceof ReceiptError)
    return { code: error.code, message: error.message, retryable: error.retryable };
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'DEPENDENCY_ERROR', message: `${name}: ${message}`.slice(0, 500), retryable: true };
}
