/**
 * Errors the engine raises for bad input. Each carries a stable code that the CLI prints, the OCR Lambda
 * stores on a FAILED record and the API maps to an HTTP status; none of them is worth retrying.
 */
export const ENGINE_ERROR_CODES = [
  'EMPTY_FILE',
  'UNSUPPORTED_FORMAT',
  'CORRUPT_IMAGE',
  'TOO_LARGE',
  'TOO_MANY_PIXELS',
  /** A receipt longer (at the resolution read) than the engine reads: see EngineOptions.maxReadHeight. */
  'TOO_LONG',
  /** A PDF with more pages than EngineOptions.maxPages. */
  'TOO_MANY_PAGES',
  /** A PDF that needs a password to open. */
  'PDF_ENCRYPTED',
  /** A PDF whose structure is damaged (an image that cannot be decoded is CORRUPT_IMAGE). */
  'CORRUPT_FILE',
  'OCR_FAILED',
] as const;
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

export class EngineError extends Error {
  override readonly name = 'EngineError';

  constructor(
    readonly code: EngineErrorCode,
    message: string,
    /** OCR_FAILED (the worker crashed) may succeed on a fresh worker; bad input never will. */
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
