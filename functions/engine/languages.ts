/**
 * Which language models read a receipt. English receipts must not pay for Spanish (eng+spa is 1.6x slower
 * and loses totals on English text, ENGINE-FACTS), so the engine reads with the first language and re-reads
 * with the others only when the first reading shows their markers.
 */

/** Words and number shapes that English receipts do not print but Spanish ones do. */
const MARKERS: Record<string, readonly RegExp[]> = {
  spa: [
    /\bTOTAL\s+A\s+PAGAR\b/i,
    /\bI\.?V\.?A\b/i,
    /\bEFECTIVO\b/i,
    /\bCAMBIO\b/i,
    /\bFACTURA\b/i,
    /\bN\.?I\.?T\b/i,
    /\bFECHA\b/i,
    /\bHORA\b/i,
    /\bGRACIAS\b/i,
    /\bTARJETA\b/i,
    /\bPROPINA\b/i,
    /\bCAJERO\b/i,
    /\bBASE\s+IMPONIBLE\b/i,
    /\bPRECIO\b/i,
    /\bCANT(IDAD)?\b/i,
    /\bDESCUENTO\b/i,
    /\bIMPUESTOS?\b/i,
    /\bVENTA\b/i,
    /\bSU\s+COMPRA\b/i,
    // Pesos with dot thousands and no cents: $20.600
    /\$\s?\d{1,3}(\.\d{3})+(?![.,]?\d)/,
  ],
};

/** Two distinct markers, so one stray word ("HORA" in a name) does not trigger a second reading. */
const MIN_MARKERS = 2;

export interface LanguagePlan {
  /** Language string for the first reading, e.g. "eng". */
  readonly first: string;
  /** Language string for the second reading, e.g. "spa+eng", or undefined when there is none. */
  readonly second: string | undefined;
}

/**
 * ['eng','spa'] -> read "eng", re-read "spa+eng" when Spanish markers show. A language without markers
 * cannot be detected from an English reading, so then every receipt is read with all languages at once.
 */
export function planLanguages(languages: readonly string[]): LanguagePlan {
  const [first = 'eng', ...others] = languages;
  if (others.length === 0) return { first, second: undefined };
  if (others.every((language) => MARKERS[language] !== undefined)) {
    return { first, second: [...others, first].join('+') };
  }
  return { first: [...others, first].join('+'), second: undefined };
}

/** Whether the text shows markers of any language in `languages` (other than English). */
export function showsMarkers(text: string, languages: string): boolean {
  return languages.split('+').some((language) => {
    const markers = MARKERS[language] ?? [];
    return markers.filter((marker) => marker.test(text)).length >= MIN_MARKERS;
  });
}
