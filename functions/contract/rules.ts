/**
 * Syntax rules that the runtime config, the stage config and the constructs all check, so a value one accepts
 * is never refused by another.
 */

/** An S3 key prefix: one path segment of word characters or dashes and a trailing slash, e.g. `uploads/`. */
export const KEY_PREFIX = {
  pattern: /^[\w-]+\/$/,
  description: 'a key prefix such as "uploads/" (letters, digits, _ or -, then one trailing slash)',
} as const;

/** Tesseract language codes (`eng`, `chi_sim`) joined by `+`. */
export const LANGUAGES = {
  pattern: /^[a-z_]{3,8}(\+[a-z_]{3,8})*$/,
  description: 'Tesseract language codes joined by "+", e.g. "eng+spa"',
} as const;

export function isKeyPrefix(value: string): boolean {
  return KEY_PREFIX.pattern.test(value);
}
