/** Limits of the synchronous OCR route that the API's gateway responses and docs state too (dependency-free). */

/** 6 MB Lambda payload, less base64's 4/3 and the event envelope. */
export const SYNC_OCR_MAX_BYTES = 4 * 1024 * 1024;
