/**
 * Every error the API can answer with. The wire shape is
 * `{ "error": { "code": "...", "message": "...", "fields"?: { path: message } } }` (DESIGN.md).
 * Messages say only what the user may know: no "user not found" versus "wrong passkey".
 */
export const errorCatalogue = {
  invalid_input: { status: 400, message: 'Some fields need attention.' },
  malformed_json: { status: 400, message: 'The request body is not valid JSON.' },
  unsupported_media_type: { status: 415, message: 'Send the request body as application/json.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  origin_rejected: { status: 403, message: 'This request did not come from the Countersign app.' },
  not_signed_in: { status: 401, message: 'Sign in to continue.' },
  forbidden: { status: 403, message: 'Your account cannot do this.' },
  not_found: { status: 404, message: 'There is nothing here.' },
  method_not_allowed: { status: 405, message: 'This method is not allowed here.' },
  handle_taken: { status: 409, message: 'That handle is taken. Choose another.' },
  invite_invalid: { status: 400, message: 'This invite code is not valid. It may have been used or have expired.' },
  ceremony_invalid: { status: 400, message: 'This passkey request has expired or was already used. Start again.' },
  passkey_rejected: { status: 400, message: 'The passkey could not be verified. Try again.' },
  sign_in_failed: { status: 401, message: 'Sign-in failed. Use a passkey registered for Countersign.' },
  last_passkey: { status: 409, message: 'You cannot remove your only passkey. Add another one first.' },
  passkey_not_found: { status: 404, message: 'No such passkey on your account.' },
  fresh_assertion_required: {
    status: 403,
    message: 'Confirm with your passkey first: this changes how your account is protected.',
  },
  staff_not_found: { status: 404, message: 'There is no such staff member.' },
  webhook_not_found: { status: 404, message: 'There is no such webhook endpoint. It may have been deleted.' },
  webhook_limit: { status: 409, message: 'There are 10 webhook endpoints already. Delete one first.' },
  last_admin: { status: 409, message: 'This is the last enabled admin: enable or invite another admin first.' },
  staff_disabled: { status: 403, message: 'This staff account is disabled. Ask an admin.' },
  call_not_found: { status: 404, message: 'There is no such call verification, or it has ended.' },
  call_state: {
    status: 409,
    message: 'This call verification is not at that step any more. Look at the screen again.',
  },
  customer_not_enrolled: {
    status: 409,
    message: 'This customer does not have the app. Send a one-time code to their verified phone instead.',
  },
  customer_not_found: {
    status: 404,
    message: 'No customer matches. Check what you typed with the customer, or search by another detail.',
  },
  customer_no_phone: {
    status: 409,
    message: 'This customer has no verified phone, so no code can be sent. Verify them another way.',
  },
  lookup_limit: {
    status: 429,
    message: 'You have looked up many customers in a short time. Wait a little, then try again.',
  },
  account_locked: {
    status: 423,
    message:
      'Your account is locked: nothing can be paid, added or changed until the bank unlocks it. Call the bank on the number on your card.',
  },
  call_not_verified: {
    status: 409,
    message: 'Verify the caller first: an account is unlocked only on a call verified both ways, before it ends.',
  },
  reference_taken: { status: 409, message: 'Another customer already has this reference.' },
  api_key_invalid: { status: 401, message: 'This API key is not valid, or it was revoked.' },
  verification_not_found: { status: 404, message: 'There is no such verification, or it has ended.' },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key came with another request. Use a new key.',
  },
  verification_closed: { status: 409, message: 'This verification is no longer pending. Start a new one.' },
  destination_not_allowed: { status: 400, message: 'Codes cannot be sent by SMS or voice to numbers in that country.' },
  rate_limited: { status: 429, message: 'Too many codes were asked for. Wait a little, then try again.' },
  too_many_requests: { status: 429, message: 'Too many tries from this network. Wait a little, then try again.' },
  send_limit: { status: 429, message: 'No more codes can be sent for this verification. Start a new one.' },
  delivery_failed: {
    status: 502,
    message: 'We could not send the code just now. Try again, or choose another channel.',
  },
  code_wrong: { status: 400, message: 'That code is not right.' },
  consent_required: {
    status: 403,
    message: 'The account holder has not allowed this aggregator to read their account.',
  },
  payee_unknown: { status: 409, message: 'Add this payee first: payments go only to approved payees.' },
  contacts_set_up_already: {
    status: 409,
    message: 'Your trusted contacts are set up already. Add or remove them one at a time.',
  },
  contacts_not_set_up: { status: 409, message: 'Name your first 3 trusted contacts first.' },
  contacts_limit: { status: 409, message: 'Keep between 3 and 5 trusted contacts.' },
  contact_change_too_soon: {
    status: 429,
    message: 'Your trusted contacts changed recently. For your safety the next change must wait a day.',
  },
  recovery_not_found: { status: 404, message: 'There is no such recovery, or it has ended. Start again.' },
  recovery_state: { status: 409, message: 'This recovery is not at that step any more. Look at the screen again.' },
  misconfigured: {
    status: 503,
    message:
      'This deployment still has settings meant only for development, so it refuses to run. Its administrator must change them (see the server log).',
  },
  not_configured: { status: 503, message: 'This service is not configured yet. Tell your administrator.' },
  unavailable: {
    status: 503,
    message: 'We are busy right now. Nothing was changed or counted: try again in a moment.',
  },
  internal: { status: 500, message: 'Something went wrong on our side. Try again.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The HTTP statuses errors are answered with (never a success status). */
export type ErrorStatus = (typeof errorCatalogue)[ErrorCode]['status'];

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string>; requestId?: string };
  /** After a wrong code: how many tries are left (sign-in step-up). */
  attempts_left?: number;
}

/** Builds the wire body for an error code, with an optional per-field breakdown. */
export function errorBody(code: ErrorCode, fields?: Record<string, string>, requestId?: string): ErrorBody {
  const body: ErrorBody = { error: { code, message: errorCatalogue[code].message } };
  if (fields && Object.keys(fields).length > 0) body.error.fields = fields;
  if (requestId) body.error.requestId = requestId;
  return body;
}
