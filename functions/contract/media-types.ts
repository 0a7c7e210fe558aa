/**
 * The formats a receipt may come in: the content types a client may declare, the extension an upload's key
 * gets, and the sentence every refusal ends with.
 */
export const UPLOAD_CONTENT_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/tiff': 'tiff',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'application/pdf': 'pdf',
} as const;
export type UploadContentType = keyof typeof UPLOAD_CONTENT_TYPES;

/** Other names clients and SDKs send for the same formats: accepted on an upload, never offered. */
export const CONTENT_TYPE_ALIASES = ['image/jpg', 'image/pjpeg', 'image/x-ms-bmp'] as const;

/** Declared types that say nothing (SDK uploads without ContentType): the first bytes decide. */
export const UNDECLARED_CONTENT_TYPES = ['', 'application/octet-stream', 'binary/octet-stream'] as const;

/** How every "unsupported format" message tells the user what to send instead. */
export const ACCEPTED_FORMATS_HINT = 'upload a JPEG, PNG, WebP, TIFF, GIF, BMP or HEIC image or a PDF';
