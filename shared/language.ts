/** The languages of the app and of the bank's messages, chosen per account (`PUT /api/me/language`). */
export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];

/** Whether `value` is one of the languages. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * The language to answer a request in, from its `Accept-Language` (RFC 9110 12.5.4): the listed
 * language this app has with the highest weight, else English (what integrators get by default).
 */
export function preferredLanguage(acceptLanguage: string | null | undefined): Language {
  let best: { language: Language; weight: number } | null = null;
  for (const range of (acceptLanguage ?? '').slice(0, 256).split(',')) {
    const [tag = '', ...options] = range.trim().split(';');
    const base = tag.trim().toLowerCase().split('-')[0];
    const q = options.map((o) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(o)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (isLanguage(base) && weight > 0 && (!best || weight > best.weight)) best = { language: base, weight };
  }
  return best?.language ?? 'en';
}
