/** The languages of the app and of the bank's messages, chosen per account (`PUT /api/me/language`). */
export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];

/** Whether `value` is one of the languages. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
