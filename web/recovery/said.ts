/**
 * What went wrong, in the language of the screen. The API answers in English (shared/errors.ts,
 * the field messages of worker/http/refusals.ts): the recovery screens say its error codes and
 * field errors in their own words (`err_<code>`, `err_<field>` in the catalogue), and the browser's
 * passkey errors too. A code or field the catalogue does not know is shown as the API said it.
 */
import { ApiError, messageOf } from '../api.ts';
import { english, t } from '../i18n/en/recovery.ts';

type Key = keyof typeof english;
const known = (key: string): key is Key => Object.hasOwn(english, key);

/** The error in words of the catalogue, when it has them; else null. */
function wordsOf(error: unknown, bank: string): string | null {
  if (error instanceof ApiError) {
    const key = `err_${error.code}`;
    return known(key) ? t(key, { bank }) : null;
  }
  if (error instanceof Error && error.name === 'NotAllowedError') return t('err_passkey_cancelled');
  if (error instanceof Error && error.name === 'InvalidStateError') return t('err_passkey_here');
  return error instanceof Error ? null : t('err_unknown');
}

/** The message to show for an error of a call or a passkey prompt, in the screen's language. */
export function said(error: unknown, bank: string): string {
  return wordsOf(error, bank) ?? messageOf(error);
}

/** The same error as an ApiError (its code, status and fields kept) whose words are the screen's language. */
export function translated(error: unknown, bank: string): ApiError {
  if (!(error instanceof ApiError)) {
    const name = error instanceof Error ? error.name : 'unknown';
    return new ApiError(name, said(error, bank));
  }
  const fields: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fields)) {
    const key = `err_${field}`;
    fields[field] = known(key) ? t(key, { bank }) : message;
  }
  return new ApiError(error.code, said(error, bank), fields, error.status);
}

/** Runs `action`; what it throws comes out in the screen's language (for `useAction`'s `run`). */
export async function translating<T>(action: () => Promise<T>, bank: string): Promise<T> {
  try {
    return await action();
  } catch (e) {
    throw translated(e, bank);
  }
}
