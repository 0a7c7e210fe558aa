/** The locale packs by language. */
import { german } from './locales/de.js';
import { english } from './locales/en.js';
import { spanish } from './locales/es.js';
import { french } from './locales/fr.js';
import { italian } from './locales/it.js';
import { dutch } from './locales/nl.js';
import { portuguese } from './locales/pt.js';
import type { LocalePack } from './locales/types.js';
import type { Language } from './model.js';

const PACKS: Record<Language, LocalePack> = {
  de: german,
  fr: french,
  it: italian,
  pt: portuguese,
  nl: dutch,
  es: spanish,
  en: english,
};

export function packFor(language: Language): LocalePack {
  return PACKS[language];
}
