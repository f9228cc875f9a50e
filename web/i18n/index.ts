/**
 * The app's languages: one catalogue per language (en.ts, fr.ts, the same keys, checked by the type
 * of fr.ts and by catalogues.test.ts), `t(key, params)` with `{name}` placeholders, and the current
 * language — the account's preference once signed in, else the browser's, else English. English is
 * in the first load; French is a chunk of its own, fetched only when it is chosen.
 */
import { useEffect, useState } from 'preact/hooks';
import { isLanguage, type Language } from '../../shared/language.ts';
import { type Catalogue, en, type MessageKey } from './en.ts';

export type { Language } from '../../shared/language.ts';
export type { MessageKey } from './en.ts';

let current: Language = 'en';
let catalogue: Catalogue = en;
const listeners = new Set<(language: Language) => void>();

/** The text of `key` in the current language, each `{name}` replaced by `params.name`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogue[key] ?? en[key];
  return params
    ? text.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all))
    : text;
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

/** Switches the app to `next` (loading its catalogue first), sets `<html lang>`, tells the listeners. */
export async function setLanguage(next: Language): Promise<void> {
  const loaded = next === 'fr' ? (await import('./fr.ts')).fr : en;
  current = next;
  catalogue = loaded;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  for (const listener of listeners) listener(next);
}

/** Calls `listener` on every switch; returns the way to stop. */
export function onLanguage(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const storageKey = 'countersign.language';

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

/** Switches to the account's preference (or the starting language) and keeps it on this device. */
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
  const [, setShown] = useState(current);
  useEffect(() => onLanguage(setShown), []);
  return current;
}
