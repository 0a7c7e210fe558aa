/**
 * The Tesseract models an engine reads with by default: English first, then every language with a locale pack
 * (fields/locales/) and a traineddata package beside the code. Only a language's markers on a receipt make
 * the engine use its model, so each costs nothing until a receipt in it arrives. Dependency-free: the runtime
 * config, the image packaging and the stacks read it.
 */
export const DEFAULT_LANGUAGES: readonly string[] = ['eng', 'spa', 'deu', 'fra', 'ita', 'por', 'nld'];
