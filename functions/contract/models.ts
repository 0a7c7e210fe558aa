/**
 * The Tesseract model set the engine reads and the OCR image ships: the LSTM-only integer models (same accuracy
 * as the 4.0.0 legacy+LSTM set for OEM LSTM_ONLY, faster to load and smaller; docs/engine.md).
 */
export const TESSERACT_MODEL = '4.0.0_best_int';
