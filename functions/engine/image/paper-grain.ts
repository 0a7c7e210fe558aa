/**
 * The paper around a line cut out for a second reading, made plain white before Tesseract reads it.
 *
 * Tesseract's LSTM reads the grey line image, and scales its grey levels from a black and a white it estimates
 * from the local minima and maxima along the image's middle row (a quarter and three quarters up their ranks).
 * Along a crop's middle row the paper is most of the row, and grainy paper (thermal print, a photo's sensor
 * noise) has a local minimum every few pixels: the "black" comes out as a paper tone, the glyphs as far beyond
 * black and the grain as full-range noise, and a price printed clearly reads as `Lob` or `hobe =]`. Set to white,
 * the paper has no minima left and the black is the ink's again. The ink keeps its grey levels (its edges are
 * what the LSTM reads). Measured in docs/engine.md (session 15).
 */
import { otsuThreshold } from '../layout.js';
import type { GrayImage } from '../preprocess.js';

/** `image` with every pixel brighter than Otsu's threshold between ink and paper set to white. */
export function whitenPaper(image: GrayImage): GrayImage {
  const threshold = otsuThreshold(image.data);
  const data = Buffer.from(image.data);
  for (let i = 0; i < data.length; i += 1) {
    if ((data[i] as number) > threshold) data[i] = 255;
  }
  return { data, width: image.width, height: image.height };
}
