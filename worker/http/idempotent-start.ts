/**
 * Starts by API key, once per `Idempotency-Key` (as Stripe's and Twilio's APIs do): the same key and
 * body within 24 hours answer the same verification again (`Idempotent-Replayed: true`) and send
 * nothing; the same key with another body is a 422. The key's ApiKey object claims it before any
 * await, so concurrent starts wait for the first. Every verification a key starts is listed there.
 */
import type { Context } from 'hono';
import { sha256Hex } from '../core/hash.ts';
import type { VerificationStart } from '../objects/verification.ts';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';
import { fromString } from './stubs.ts';
import type { Prepared, Started } from './verification-start.ts';

/** JSON with object keys sorted, so that one request body always hashes alike. */
const canonicalJson = (value: unknown) =>
  JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
  );

/**
 * Runs the start for the API key `keyId`, at most once per Idempotency-Key and body. The claim and
 * `prepare` (reads only) are asked at once; only a fresh claim goes on to `launch`.
 */
export async function startOnce(
  c: Context<AppEnv>,
  keyId: string,
  body: unknown,
  prepare: () => Promise<Prepared>,
  launch: (input: VerificationStart) => Promise<Started>,
) {
  const idem = c.req.header('Idempotency-Key');
  const apiKey = c.env.API_KEY.get(c.env.API_KEY.idFromName(`key:${keyId}`));
  // The body's hash first (local work), so that the claim and the lookups leave at the same moment.
  const bodyHash = idem === undefined ? null : await sha256Hex(canonicalJson(body));
  const [claim, prepared] = await Promise.all([
    idem === undefined || bodyHash === null ? null : apiKey.claimStart(idem, bodyHash),
    prepare(),
  ]);
  if (claim?.kind === 'invalid') {
    return errorResponse(c, 'invalid_input', { 'Idempotency-Key': { text: 'idempotency_key' } });
  }
  if (claim?.kind === 'reused') return errorResponse(c, 'idempotency_key_reused');
  if (claim?.kind === 'replay') {
    const view = await fromString(c.env.VERIFICATION, claim.id)?.view(`key:${keyId}`);
    if (!view) return errorResponse(c, 'verification_not_found');
    c.header('Idempotent-Replayed', 'true');
    return c.json(view, 201);
  }
  let started: Started | undefined;
  try {
    started = prepared.ok ? await launch(prepared.input) : prepared;
    return started.ok ? c.json(started.view, 201) : started.response;
  } finally {
    // Only a start that sent holds its key; a refused or failed one frees it for a retry.
    const view = started?.ok ? started.view : started?.view;
    if (view) await apiKey.started(view.id, started?.ok && idem !== undefined ? idem : null);
    if (!started?.ok && idem !== undefined) await apiKey.releaseStart(idem);
  }
}
