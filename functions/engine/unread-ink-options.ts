/**
 * The unread-ink step's options, apart from the step (unread-ink.ts, which loads sharp): the engine's options
 * are read before the first worker starts, and nothing on that path may load the image pipeline.
 */

export interface UnreadInkOptions {
  /** A band counts when its glyphs are at least this many times as tall as the page's text lines. */
  readonly minHeightRatio: number;
  /** ...and at most this many (taller is a picture, a stamp or a logo). */
  readonly maxHeightRatio: number;
  /** ...and its ink this many times as wide as it is tall (a row of glyphs, not a square logo). */
  readonly minAspect: number;
  /** Bands read per receipt at most, tallest first. */
  readonly maxBands: number;
  /** A band's reading is kept when its mean word confidence reaches this. */
  readonly minConfidence: number;
}

export const DEFAULT_UNREAD_INK: UnreadInkOptions = {
  minHeightRatio: 1.4,
  maxHeightRatio: 6,
  minAspect: 3,
  maxBands: 3,
  minConfidence: 0.6,
};
