/**
 * The one mapper from what an object refused to what the caller hears: every object's
 * failure reasons, grouped by the ceremony that gives them, each mapped to an error code of the
 * catalogue (shared/errors.ts), its field messages and whether it carries `Retry-After`. The table is
 * typed over every reason: a reason added to an object and not mapped here is a type error.
 */
import type { Context } from 'hono';
import type { ErrorCode, ErrorStatus } from '../../shared/errors.ts';
import { errorBody, errorCatalogue } from '../../shared/errors.ts';
import { now } from '../core/clock.ts';
import { pushEndpointProblem } from '../notify/push-endpoints.ts';
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
}

type Reply =
  | {
      code: ErrorCode;
      fields?: Record<string, string>;
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
    invalid: { code: 'invalid_input', fields: { note: 'Remove the control or invisible characters.' } },
    ceremony_invalid: { code: 'ceremony_invalid' },
    passkey_rejected: { code: 'passkey_rejected' },
  },
  recovery: {
    not_found: { code: 'recovery_not_found' },
    wrong_state: { code: 'recovery_state' },
    invalid: { code: 'invalid_input', fields: { contacts: 'Choose enough of your contacts.' } },
    asked_in_app: {
      code: 'invalid_input',
      fields: {
        contact: 'This contact was asked in their Countersign app: no code is needed, their approval there counts.',
      },
    },
    not_configured: { code: 'not_configured' },
  },
  contacts: {
    invalid: {
      code: 'invalid_input',
      fields: { contacts: 'A contact cannot be you, and each needs a number of their own.' },
    },
    set_up_already: { code: 'contacts_set_up_already' },
    not_set_up: { code: 'contacts_not_set_up' },
    too_many: { code: 'contacts_limit' },
    too_few: { code: 'contacts_limit' },
    too_soon: { code: 'contact_change_too_soon', retryAfter: true },
    not_found: { code: 'not_found' },
    no_proof: { code: 'fresh_assertion_required' },
  },
  push: {
    no_account: { code: 'not_signed_in' },
    invalid_endpoint: {
      code: 'invalid_input',
      fields: { endpoint: 'The push endpoint must be an https URL of at most 2048 characters.' },
    },
    unknown_push_service: { code: 'invalid_input', fields: { endpoint: pushEndpointProblem } },
    invalid_p256dh: { code: 'invalid_input', fields: { 'keys.p256dh': 'This key is not a point on the P-256 curve.' } },
    invalid_auth: { code: 'invalid_input', fields: { 'keys.auth': 'Expected an auth secret: 16 bytes in base64url.' } },
  },
  staff: {
    no_proof: { code: 'fresh_assertion_required' },
    not_found: { code: 'staff_not_found' },
    last_admin: { code: 'last_admin' },
    forbidden: { code: 'forbidden' },
    unchanged: { code: 'invalid_input', fields: { id: 'This staff member is already in that state.' } },
  },
  send: {
    rate_limited: { code: 'rate_limited', retryAfter: true },
    send_limit: { code: 'send_limit' },
    delivery_failed: { code: 'delivery_failed' },
    not_configured: { code: 'not_configured' },
    destination_not_allowed: { code: 'destination_not_allowed' },
    not_found: { code: 'verification_not_found' },
    closed: { code: 'verification_closed' },
    invalid: { code: 'invalid_input', fields: { channel: 'This verification cannot go by that channel.' } },
    exists: { impossible: freshId },
  },
  webhooks: {
    invalid: { code: 'invalid_input', fields: { types: 'Choose at least one event type.' } },
    url_not_allowed: {
      code: 'invalid_input',
      fields: {
        url: 'Use an https URL with no user name, password or #fragment (http://localhost only while the app runs on localhost).',
      },
    },
    too_many: { code: 'webhook_limit' },
    not_found: { code: 'webhook_not_found' },
  },
  lookup: {
    rate_limited: { code: 'lookup_limit', retryAfter: true },
    not_found: { code: 'customer_not_found' },
    no_phone: { code: 'customer_no_phone' },
    // The agent's log would not take the event (not an enabled agent): no answer without it.
    not_recorded: { code: 'forbidden' },
    invalid_phone: {
      code: 'invalid_input',
      fields: { phone: 'Give the phone number in international format, like +44 7700 900123.' },
    },
  },
  reference: {
    taken: { code: 'reference_taken', fields: { reference: 'Another customer already has this reference.' } },
    invalid: {
      code: 'invalid_input',
      fields: { reference: 'Use 1 to 64 letters, digits, dots, dashes or underscores.' },
    },
    not_found: { code: 'customer_not_found' },
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
  c.header('Cache-Control', 'no-store');
  if (reply.retryAfter) {
    const waitMs = detail.retryAfterMs ?? (detail.retryAt !== undefined ? detail.retryAt - now() : 60_000);
    c.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
  }
  const body = { ...errorBody(reply.code, reply.fields, c.get('requestId') as string | undefined), ...detail.with };
  return c.json(body, errorCatalogue[reply.code].status as ErrorStatus);
}
