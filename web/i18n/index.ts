/**
 * The app's languages. One catalogue per language, in sections by area of the app (`en/*.ts`,
 * `fr/*.ts`: the same keys per section, a type error otherwise, and the same `{placeholders}`,
 * checked by catalogues.test.ts). A screen's English travels with the screen (a lazily loaded
 * screen brings its own section); French is fetched only when it is chosen, section by section.
 *
 * The language is the account's preference once signed in (`PUT /api/me/language`), else the one
 * last chosen on this device, else the browser's, else English; `<html lang>` says it.
 */
import { useEffect, useState } from 'preact/hooks';
import { isLanguage, type Language } from '../../shared/language.ts';

export type { Language } from '../../shared/language.ts';

/** A section of a catalogue: a text per key. */
export type Texts = { readonly [key: string]: string };
/** The same section in another language: every key of the English one, no more, no less. */
export type Translation<T extends Texts> = { readonly [key in keyof T]: string };
/** Puts a section's text on screen, each `{name}` replaced by `params.name`. */
export type Translate<T extends Texts> = (key: keyof T & string, params?: Record<string, string | number>) => string;

interface Section {
  english: Texts;
  french: () => Promise<{ default: Texts }>;
  loaded: Texts | null;
}

let current: Language = 'en';
const sections = new Set<Section>();
const listeners = new Set<(language: Language) => void>();

function fill(text: string, params?: Record<string, string | number>): string {
  return params
    ? text.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all))
    : text;
}

async function loadFrench(section: Section): Promise<void> {
  section.loaded ??= (await section.french()).default;
}

function tell(): void {
  for (const listener of listeners) listener(current);
}

/** Declares a section of the catalogue (its English, and where its French is); returns its `t`. */
export function catalogue<T extends Texts>(
  english: T,
  french: () => Promise<{ default: Translation<T> }>,
): Translate<T> {
  const section: Section = { english, french, loaded: null };
  sections.add(section);
  // A screen loaded after the switch: its French follows, and the app re-renders.
  if (current === 'fr') void loadFrench(section).then(tell, () => undefined);
  return (key, params) => fill((current === 'fr' ? section.loaded?.[key] : undefined) ?? english[key] ?? key, params);
}

/** A text split at its `{name}` placeholder, so that an element goes there (a countdown, a name in bold). */
export function around(text: string, name: string): [before: string, after: string] {
  const at = text.indexOf(`{${name}}`);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + name.length + 2)];
}

/** The locale for dates and money: the browser's, unless the app speaks French (then `fr-FR`). */
export function appLocale(): string | undefined {
  return current === 'fr' ? 'fr-FR' : undefined;
}

/** The language the app speaks now. */
export function language(): Language {
  return current;
}

/** A language this app has, from a preference or a BCP 47 tag (`fr-FR` → `fr`), else null. */
export function languageOf(tag: string | null | undefined): Language | null {
  const base = typeof tag === 'string' ? tag.toLowerCase().split('-')[0] : '';
  return isLanguage(base) ? base : null;
}

/** The browser's first language this app has, else English. */
export function browserLanguage(): Language {
  const tags = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of tags) {
    const found = languageOf(tag);
    if (found) return found;
  }
  return 'en';
}

const storageKey = 'countersign.language';

/** Switches the app to `next` (its sections loaded first), sets `<html lang>`, re-renders. */
export async function setLanguage(next: Language): Promise<void> {
  // Until every section has its French: a screen may load (and declare its section) meanwhile.
  for (
    let missing = [...sections];
    next === 'fr' && missing.length > 0;
    missing = [...sections].filter((s) => !s.loaded)
  ) {
    await Promise.all(missing.map(loadFrench));
  }
  current = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  tell();
}

/** The language to start in: the one last chosen on this device, else the browser's. */
export function startingLanguage(): Language {
  try {
    const stored = languageOf(localStorage.getItem(storageKey));
    if (stored) return stored;
  } catch {
    // Private mode: no memory on this device.
  }
  return browserLanguage();
}

/** Switches to the account's preference (or, with none, the starting language), kept on this device. */
export function adoptLanguage(preference: Language | null | undefined): Promise<void> {
  const next = preference ?? startingLanguage();
  try {
    if (preference) localStorage.setItem(storageKey, preference);
  } catch {
    // Private mode.
  }
  return next === current ? Promise.resolve() : setLanguage(next);
}

/** Re-renders the calling component (the app's root) on every switch. */
export function useLanguage(): Language {
  const [, setShown] = useState(0);
  useEffect(() => {
    const stop = onLanguage(() => setShown((n) => n + 1));
    return () => void stop();
  }, []);
  return current;
}

/** Calls `listener` on every switch; returns the way to stop. */
export function onLanguage(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
