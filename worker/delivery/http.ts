/** One provider request, with the error and retry rules every adapter shares. */
import type { Delivery } from './types.ts';

/** Tests shorten these; a provider that has not answered in 10 s is treated as down. */
export interface Timing {
  timeoutMs?: number;
  backoffMs?: number;
}

type Answer = Record<string, unknown>;

/**
 * POSTs one message: a 2xx answer whose `idOf` is a string is sent; 429 is 'rate_limited'; any other
 * 4xx or 3xx 'rejected'; a 5xx, a network error or a timeout is tried once more after a short pause,
 * then 'unavailable'. (A retry may duplicate a message the provider took but could not confirm: a
 * second copy of a code is better than none.)
 */
export async function postMessage(
  url: string,
  init: RequestInit,
  idOf: (answer: Answer) => unknown,
  timing: Timing = {},
): Promise<Delivery> {
  let message = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    if (attempt === 2) await new Promise((resume) => setTimeout(resume, timing.backoffMs ?? 300));
    try {
      const response = await fetch(url, {
        ...init,
        method: 'POST',
        // A provider answers; it does not send the worker (and its credentials) elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(timing.timeoutMs ?? 10_000),
      });
      const answer = (await response.json().catch(() => ({}))) as Answer;
      // Twilio says `message`, Postmark `Message`.
      message = `${response.status} ${String(answer.message ?? answer.Message ?? response.statusText)}`;
      if (response.status >= 500) continue;
      const id = idOf(answer);
      if (response.ok && typeof id === 'string') return { ok: true, value: { id } };
      return { ok: false, reason: response.status === 429 ? 'rate_limited' : 'rejected', message };
    } catch (error) {
      message = String(error);
    }
  }
  return { ok: false, reason: 'unavailable', message };
}
