/**
 * One delivery attempt of a webhook event to one endpoint: the signed POST, with a timeout, no
 * redirects followed (a 3xx is a failure, so a receiver cannot send us to a plain-http URL), and the
 * URL rule checked again at the moment of sending. 2xx is delivered; anything else is retried.
 */
import { signatureHeader, signWebhook } from '../../shared/webhook-signature.ts';
import { now } from '../core/clock.ts';
import { errorText } from '../core/log.ts';
import { webhookUrlAllowed } from '../core/webhook-rules.ts';
import type { DeliveryEndpoint } from '../objects/webhook-config.ts';

/** The var of the attempt timeout (`deliveryTimeoutOf` in core/webhook-rules.ts; default 10 s). */
export interface WebhookVars {
  WEBHOOK_TIMEOUT_SECONDS?: string;
}

/** `error` is what the admin's list shows; `detail` the runtime's own words, for the log. */
export type Attempt =
  | { delivered: true; status: number }
  | { delivered: false; status: number | null; error: string; detail?: string };

/**
 * POSTs `body` (the stored event, byte for byte) to the endpoint, signed with its secret. An
 * attempt with no answer within `timeoutMs` is a failure like a 5xx (retried with backoff).
 */
export async function attemptDelivery(
  endpoint: DeliveryEndpoint,
  eventId: string,
  body: string,
  origin: string | undefined,
  timeoutMs: number,
): Promise<Attempt> {
  if (!webhookUrlAllowed(endpoint.url, origin)) return { delivered: false, status: null, error: 'url not allowed' };
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Countersign-Webhooks/1',
        'Countersign-Event-Id': eventId,
        [signatureHeader]: await signWebhook(endpoint.secret, now() / 1000, body),
      },
      body,
    });
    // The answer's body is not needed: read it away so the connection is released.
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { delivered: true, status: response.status };
    return { delivered: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return {
      delivered: false,
      status: null,
      error: timedOut ? `no answer within ${timeoutMs / 1000} s` : 'no answer (network error)',
      detail: errorText(error).slice(0, 200),
    };
  }
}
