/** The typed API client: generated from the worker's routes, so a renamed field breaks the build. */
import { type ClientResponse, hc } from 'hono/client';
import type { ErrorBody } from '../shared/errors.ts';
import type { AppType } from '../worker/app.ts';
import { t } from './i18n/en/ui.ts';
import { language } from './i18n/index.ts';

/** Every call says the app's language now, so that the worker answers its error messages in it. */
export const client = hc<AppType>(typeof location === 'undefined' ? 'http://localhost' : location.origin, {
  headers: () => ({ 'Accept-Language': language() }),
});

/** An API call that did not succeed, with what the user should be told. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly status = 0,
    /** The tries left after a wrong code, when the answer says (`attempts_left` beside `error`). */
    readonly attemptsLeft: number | null = null,
  ) {
    super(message);
  }
}

/** What a call that never reached the server tells the user (in the app's language now). */
export const offlineMessage = () => t('offline');

// The body of the successful answers of a client call (200 or 201).
// biome-ignore lint/suspicious/noExplicitAny: matches any format parameter of hono's ClientResponse
type Success<R> = R extends ClientResponse<infer T, infer S, any> ? (S extends 200 | 201 ? T : never) : never;

/** Awaits a client call and returns its successful body, or throws an ApiError with a message. */
export async function unwrap<R extends ClientResponse<unknown>>(call: Promise<R>): Promise<Success<R>> {
  let response: R;
  try {
    response = await call;
  } catch {
    throw new ApiError('offline', offlineMessage());
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (response.ok) return body as Success<R>;
  const refusal = body as Partial<ErrorBody> | null;
  const error = refusal?.error;
  throw new ApiError(
    error?.code ?? 'unknown',
    error?.message ?? t('serverAnswered', { status: response.status }),
    error?.fields ?? {},
    response.status,
    typeof refusal?.attempts_left === 'number' ? refusal.attempts_left : null,
  );
}

/** The message to show for any error thrown by a call or a passkey prompt. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.name === 'NotAllowedError') {
    return t('passkeyCancelled');
  }
  if (error instanceof Error && error.name === 'InvalidStateError') {
    return t('passkeyExists');
  }
  if (error instanceof Error) return error.message;
  return t('somethingWrong');
}
