/**
 * Billed OCR seconds per receipt when `pnpm cost` gets no benchmark file: decode-to-fields measured 1.5 s per
 * receipt on the development machine (docs/fields.md); a Lambda vCPU is assumed no faster.
 */
export const DEFAULT_SECONDS_PER_RECEIPT = 1.5;
