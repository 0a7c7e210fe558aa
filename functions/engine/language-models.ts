/**
 * The Tesseract models an engine reads with by default: English first, then every language with a locale pack
 * (fields/locales/) and a traineddata package beside the code. Only a language's markers on a receipt make
 * the engine use its model, so each costs nothing until a receipt in it arrives. Dependency-free: the runtime
 * config, the image packaging and the stacks read it.
 */
export const DEFAULT_LANGUAGES: readonly string[] = ['eng', 'spa', 'deu', 'fra', 'ita', 'por', 'nld'];

/**
 * The two kinds of LSTM model: `fast` (tessdata_fast, about 30% less CPU) reads pages, `best_int` re-reads the
 * few lines the record depends on. Each is a subfolder of TESSDATA_PATH.
 */
export type ModelKind = 'fast' | 'best_int';
export const MODEL_KINDS: readonly ModelKind[] = ['fast', 'best_int'];
