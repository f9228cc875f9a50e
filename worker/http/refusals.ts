/**
 * The one mapper from what an object refused to what the caller hears: every object's
 * failure reasons, grouped by the ceremony that gives them, each mapped to an error code of the
 * catalogue (shared/errors.ts), its field messages and whether it carries `Retry-After`. The table is
 * typed over every reason: a reason added to an object and not mapped here is a type error.
 */
import type { Context } from 'hono';
import type { ErrorCode, ErrorStatus } from '../../shared/errors.ts';
import { errorCatalogue } from '../../shared/errors.ts';
import type { FieldMessage } from '../../shared/field-messages.ts';
import { now } from '../core/clock.ts';
import type { InvalidPushSubscription } from '../objects/account/push-rows.ts';
import type { Sessions } from '../objects/account/sessions.ts';
import type { ContactChangeRefusal } from '../objects/account.ts';
import type { ApiKey } from '../objects/api-key.ts';
import type { CallFailure, CallVerification } from '../objects/call-verification.ts';
import type { ReferenceRefusal } from '../objects/customer-reference.ts';
import type { Invite } from '../objects/invite.ts';
import type { Recovery, RecoveryFailure } from '../objects/recovery.ts';
import type { AccessRefusal } from '../objects/staff-directory.ts';
import type { ResendFailure, StartFailure } from '../objects/verification.ts';
import type { WebhookConfigRefusal } from '../objects/webhook-config.ts';
import type { LookupRefusal } from './customer-lookup.ts';
import { localizedError } from './errors.ts';

/** The reasons a method's tagged result can fail with. */
type ReasonOf<Method extends (...args: never[]) => unknown> = FailureOf<Awaited<ReturnType<Method>>>;
type FailureOf<Answer> = Answer extends { ok: false; reason: infer Reason extends string } ? Reason : never;

/** Every refusal, by the object (or ceremony) that gives it. */
export interface Refusals {
  callStart: ReasonOf<CallVerification['start']>;
  recoveryOpen: ReasonOf<Recovery['open']>;
  invite: ReasonOf<Invite['issue']>;
  /** The ApiKey's own reasons; `invalid` also when the directory would not list the key. */
  apiKey: ReasonOf<ApiKey['issue']>;
  firstSession: ReasonOf<Sessions['openFirstSession']>;
  call: CallFailure | 'ceremony_invalid' | 'passkey_rejected';
  recovery: RecoveryFailure;
  contacts: ContactChangeRefusal['reason'];
  push: InvalidPushSubscription | 'no_account';
  staff: AccessRefusal;
  send: StartFailure | ResendFailure;
  webhooks: WebhookConfigRefusal;
  lookup: LookupRefusal;
  reference: ReferenceRefusal;
  /** The holder's lock (account/lock.ts) and the bank's unlock on a verified call. */
  lock: 'account_locked' | 'not_verified' | 'no_account' | 'not_found';
}

type Reply =
  | {
      code: ErrorCode;
      fields?: Record<string, FieldMessage>;
      /** Answered with `Retry-After` (from the refusal's own time, else a minute). */
      retryAfter?: true;
    }
  /** A refusal only a fault of ours can give (why it cannot come from the caller): thrown, see `ImpossibleRefusal`. */
  | { impossible: string };

/**
 * A refusal that no input and no race can cause: thrown by `refuse`, so the app's one error
 * handler (worker/app.ts) logs it and answers 500 `internal`, as for any other fault of ours.
 */
export class ImpossibleRefusal extends Error {
  constructor(of: string, reason: string, why: string) {
    super(`${of} refused ${reason}: ${why}`);
    this.name = 'ImpossibleRefusal';
  }
}

const freshId = 'a new unique object id already holds one';

const replies: { [Of in keyof Refusals]: { [Reason in Refusals[Of]]: Reply } } = {
  callStart: {
    exists: { impossible: freshId },
    // Both parties are accounts the route just read (an agent, and a customer found by the look-up).
    invalid: { impossible: 'the parties come from their own accounts' },
  },
  recoveryOpen: {
    exists: { impossible: freshId },
    invalid: { impossible: 'every field is made by the route (hashes, ids, the checked identifier)' },
  },
  invite: {
    no_proof: { code: 'fresh_assertion_required' },
    // 80 random bits make a collision practically impossible; refuse rather than reuse if it happens.
    exists: { impossible: 'the invite code is 80 random bits' },
    invalid: { impossible: 'the role and team were checked by the body schema (the same text rule)' },
  },
  apiKey: {
    exists: { impossible: 'the key id is 64 random bits' },
    invalid: { impossible: 'the view is built by the route from the checked body' },
  },
  firstSession: {
    // The passkey joined the account in this same request (registration, or a finished recovery).
    unknown_credential: { impossible: 'the passkey was added to the account just before' },
  },
  call: {
    not_found: { code: 'call_not_found' },
    wrong_state: { code: 'call_state' },
    not_configured: { code: 'not_configured' },
    invalid: { code: 'invalid_input', fields: { note: { text: 'invisible_characters' } } },
    ceremony_invalid: { code: 'ceremony_invalid' },
    passkey_rejected: { code: 'passkey_rejected' },
  },
  recovery: {
    not_found: { code: 'recovery_not_found' },
    wrong_state: { code: 'recovery_state' },
    invalid: { code: 'invalid_input', fields: { contacts: { text: 'choose_contacts' } } },
    asked_in_app: {
      code: 'invalid_input',
      fields: { contact: { text: 'asked_in_app' } },
    },
    not_configured: { code: 'not_configured' },
  },
  contacts: {
    invalid: {
      code: 'invalid_input',
      fields: { contacts: { text: 'contacts_invalid' } },
    },
    set_up_already: { code: 'contacts_set_up_already' },
    not_set_up: { code: 'contacts_not_set_up' },
    too_many: { code: 'contacts_limit' },
    too_few: { code: 'contacts_limit' },
    too_soon: { code: 'contact_change_too_soon', retryAfter: true },
    not_found: { code: 'not_found' },
    no_proof: { code: 'fresh_assertion_required' },
    account_locked: { code: 'account_locked' },
  },
  push: {
    no_account: { code: 'not_signed_in' },
    invalid_endpoint: {
      code: 'invalid_input',
      fields: { endpoint: { text: 'push_endpoint' } },
    },
    unknown_push_service: { code: 'invalid_input', fields: { endpoint: { text: 'push_service' } } },
    invalid_p256dh: { code: 'invalid_input', fields: { 'keys.p256dh': { text: 'p256dh' } } },
    invalid_auth: { code: 'invalid_input', fields: { 'keys.auth': { text: 'push_auth' } } },
  },
  staff: {
    no_proof: { code: 'fresh_assertion_required' },
    not_found: { code: 'staff_not_found' },
    last_admin: { code: 'last_admin' },
    forbidden: { code: 'forbidden' },
    unchanged: { code: 'invalid_input', fields: { id: { text: 'staff_unchanged' } } },
  },
  send: {
    rate_limited: { code: 'rate_limited', retryAfter: true },
    send_limit: { code: 'send_limit' },
    delivery_failed: { code: 'delivery_failed' },
    not_configured: { code: 'not_configured' },
    destination_not_allowed: { code: 'destination_not_allowed' },
    not_found: { code: 'verification_not_found' },
    closed: { code: 'verification_closed' },
    invalid: { code: 'invalid_input', fields: { channel: { text: 'channel_not_for' } } },
    exists: { impossible: freshId },
    account_locked: { code: 'account_locked' },
  },
  webhooks: {
    invalid: { code: 'invalid_input', fields: { types: { text: 'webhook_types' } } },
    url_not_allowed: {
      code: 'invalid_input',
      fields: { url: { text: 'webhook_url' } },
    },
    too_many: { code: 'webhook_limit' },
    not_found: { code: 'webhook_not_found' },
    no_proof: { code: 'fresh_assertion_required' },
  },
  lookup: {
    rate_limited: { code: 'lookup_limit', retryAfter: true },
    not_found: { code: 'customer_not_found' },
    no_phone: { code: 'customer_no_phone' },
    // The agent's log would not take the event (not an enabled agent): no answer without it.
    not_recorded: { code: 'forbidden' },
    invalid_phone: {
      code: 'invalid_input',
      fields: { phone: { text: 'lookup_phone' } },
    },
  },
  reference: {
    taken: { code: 'reference_taken', fields: { reference: { text: 'reference_taken' } } },
    invalid: {
      code: 'invalid_input',
      fields: { reference: { text: 'reference_format' } },
    },
    not_found: { code: 'customer_not_found' },
  },
  lock: {
    account_locked: { code: 'account_locked' },
    not_verified: { code: 'call_not_verified' },
    // Only customers lock their account: staff accounts are removed by an admin instead.
    no_account: { code: 'forbidden' },
    not_found: { code: 'call_not_found' },
  },
};

/** What a refusal carries besides its reason. */
export interface RefusalDetail {
  /** How long until a retry may work (ms), or the time it may (`retryAt`, by the worker's clock). */
  retryAfterMs?: number | undefined;
  retryAt?: number | undefined;
  /** Members added beside `error` (a verification that still stands after a failed send). */
  with?: Record<string, unknown> | undefined;
}

function replyTo<Of extends keyof Refusals>(of: Of, reason: Refusals[Of]): Reply {
  return (replies[of] as Record<string, Reply>)[reason as string] ?? { impossible: 'no reply is mapped' };
}

/**
 * The error response for a refusal: the catalogue's status, the request id, `Retry-After` where it
 * applies. A refusal only a fault of ours can give throws `ImpossibleRefusal` instead.
 */
export function refuse<Of extends keyof Refusals>(
  c: Context,
  of: Of,
  reason: Refusals[Of],
  detail: RefusalDetail = {},
) {
  const reply = replyTo(of, reason);
  if ('impossible' in reply) throw new ImpossibleRefusal(of, String(reason), reply.impossible);
  if (reply.retryAfter) {
    const waitMs = detail.retryAfterMs ?? (detail.retryAt !== undefined ? detail.retryAt - now() : 60_000);
    c.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
  }
  const body = { ...localizedError(c, reply.code, reply.fields), ...detail.with };
  return c.json(body, errorCatalogue[reply.code].status as ErrorStatus);
}
