/**
 * Which language models read a receipt. English receipts must not pay for other languages (reading with eng+spa
 * at once is slower and loses totals on English text: docs/engine.md, language), so the engine reads with the
 * first language and re-reads with another only when the first reading shows that language's markers (its locale
 * pack's words, which survive being read with the English model).
 */
import { detectLanguage } from './fields/locale.js';

export { DEFAULT_LANGUAGES } from './language-models.js';

export interface LanguagePlan {
  /** Language string for the first reading, e.g. "eng". */
  readonly first: string;
  /** The other languages a receipt may be re-read with, e.g. ["spa", "deu"]. */
  readonly others: readonly string[];
}

export function planLanguages(languages: readonly string[]): LanguagePlan {
  const [first = 'eng', ...others] = languages;
  return { first, others };
}

/**
 * The model to re-read a receipt with, given the text of the first reading: the configured language whose
 * markers the text shows (two distinct at least), or undefined when the first reading stands.
 */
export function rereadLanguage(plan: LanguagePlan, text: string): string | undefined {
  const pack = detectLanguage(text.toUpperCase());
  if (pack === undefined || pack.tesseract === plan.first) return undefined;
  return plan.others.includes(pack.tesseract) ? pack.tesseract : undefined;
}
