/**
 * The Tesseract model releases the engine reads and the OCR image ships, per model kind: the LSTM-only integer
 * models (same accuracy as the 4.0.0 legacy+LSTM set for OEM LSTM_ONLY, faster to load and smaller), and the
 * tessdata_fast ones of Debian's tesseract-ocr-<lang> 1:4.1.0-2 packages (models/tessdata_fast/PROVENANCE.json).
 * docs/engine.md has the measurements.
 */
export const TESSERACT_MODELS = {
  fast: '4.1.0_fast',
  best_int: '4.0.0_best_int',
} as const;
