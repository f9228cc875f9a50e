/**
 * The OpenAPI operations of one-time codes (`/api/v1/verifications`) and the aggregator read
 * (`/api/v1/accounts/{handle}`), with their examples; openapi.ts builds the document from them.
 */
import { handleParam } from './api.ts';
import type { ErrorCode } from './errors.ts';
import type { Operation } from './openapi.ts';
import { transactionFields } from './openapi-schemas.ts';
import {
  type CheckVerificationBody,
  checkVerificationBody,
  listVerificationsQuery,
  type ResendVerificationBody,
  resendVerificationBody,
  type StartVerificationBody,
  startVerificationBody,
  verificationIdParam,
} from './verifications.ts';

type Security = Record<string, string[]>[];

/** A bank system's key with the scope, or a customer signed in to the app (for themselves). */
const keyOrSession = (scope: string): Security => [{ apiKey: [scope] }, { session: [] }];
const authErrors: ErrorCode[] = ['api_key_invalid', 'not_signed_in', 'forbidden'];
const bodyErrors: ErrorCode[] = ['invalid_input', 'malformed_json', 'unsupported_media_type', 'payload_too_large'];
/** State-changing requests with the session cookie must come from the app's origin (CSRF guard). */
const sessionWrite: ErrorCode[] = ['origin_rejected'];

const jane = 'jane.doe';
const payee = { name: 'J SMITH', account: '40-30-20 12343000' };
const exampleId = '6b1e3c52f0a94d7e8c21b5a09f3d4e6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4';
const exampleVerification = {
  id: exampleId,
  status: 'pending',
  channel: 'sms',
  to: '+44 •••• •••• 456',
  purpose: 'sign_in',
  created_at: '2026-05-01T09:30:00.000Z',
  expires_at: '2026-05-01T09:35:00.000Z',
  attempts_left: 5,
  sends_left: 4,
  resend_after: '2026-05-01T09:30:30.000Z',
};

/** Request examples, typed by the route schemas' input (the unit test also parses them). */
export const startExamples = {
  signIn: { account: jane, channel: 'sms', purpose: 'sign_in' },
  addPayee: { account: jane, channel: 'sms', purpose: 'add_payee', transaction: { payee } },
  payment: {
    account: jane,
    channel: 'sms',
    purpose: 'payment',
    transaction: { payee, amount: { value: '12.50', currency: 'GBP' } },
  },
  enrolPhone: { account: jane, to: '+447911123456', channel: 'sms', purpose: 'enrol_phone' },
} satisfies Record<string, StartVerificationBody>;
export const checkExamples = {
  code: { code: '482 915' },
  payment: { code: '482915', transaction: startExamples.payment.transaction },
} satisfies Record<string, CheckVerificationBody>;
export const resendExamples = {
  sameChannel: {},
  byVoice: { channel: 'call' },
} satisfies Record<string, ResendVerificationBody>;

const verificationPath = '/api/v1/verifications/{id}';
const transactionDetails = Object.fromEntries(
  Object.entries(transactionFields).map(([path, description]) => [`transaction.${path}`, description]),
);

/** Twilio Verify's rate-limit keys, for API-key callers. */
const rateLimitFields = {
  rate_limits:
    "For an API key: what the caps count besides the key itself (its quota). A key's requests are not capped by the bank server's IP.",
  'rate_limits.end_user_ip_address':
    "The end user's IPv4 or IPv6 address: counted against the per-IP cap. Anything else is a 400 field error.",
};

export const verificationOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/verifications',
    operationId: 'startVerification',
    tag: 'Verifications',
    summary: 'Start a verification: send a one-time code',
    description:
      'Sends a six-digit code by SMS, voice call or e-mail. A key names the account, the destination, or both; ' +
      'a signed-in customer asks only for themselves. Codes for sign_in, add_payee, payment and recovery go only to ' +
      "the account's verified phone or e-mail: an unknown account, or a destination that is not the account's, gets " +
      'the same 201 and nothing is sent. enrol_phone needs `to`, the new phone or e-mail. add_payee needs ' +
      '`transaction.payee`, payment also `transaction.amount`; the message names them and the code is bound to them. ' +
      'A payment goes only to a payee the account approved (payee_unknown otherwise, with a key as with a session). ' +
      'enrol_phone that would replace a verified phone or e-mail needs the holder to confirm with their passkey first ' +
      '(fresh_assertion_required otherwise). ' +
      'With a key, an `Idempotency-Key` header makes the start safe to retry: the same key and body within 24 hours ' +
      'answer the same verification again (201, `Idempotent-Replayed: true`) and send nothing; concurrent requests ' +
      'with one key wait for the first. The same key with another body is a 422 (idempotency_key_reused). A start ' +
      'that was refused or failed (4xx, 502) frees its key for a retry.',
    security: keyOrSession('verifications'),
    headers: [
      {
        name: 'Idempotency-Key',
        description:
          'For an API key: 1–255 visible ASCII characters (a UUID, say), unique per request; kept 24 hours, per key. ' +
          'Ignored with a session.',
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[!-~]+$' },
      },
    ],
    body: {
      schema: startVerificationBody,
      fields: {
        account: "The customer's handle. With a session, leave it out or give your own.",
        to: 'A phone number in international format (+44…) or an e-mail address.',
        channel: 'sms and call go to a phone, email to an e-mail address.',
        purpose: 'What the code approves; the message says so.',
        transaction: 'For add_payee (payee only) and payment (payee and amount); other purposes take none.',
        ...transactionDetails,
        ...rateLimitFields,
      },
      examples: startExamples,
    },
    answer: { status: 201, description: 'Started.', schema: 'Verification', example: exampleVerification },
    errors: [
      ...bodyErrors,
      ...authErrors,
      ...sessionWrite,
      'destination_not_allowed',
      'payee_unknown',
      'fresh_assertion_required',
      'account_locked',
      'idempotency_key_reused',
      'rate_limited',
      'delivery_failed',
      'not_configured',
      'internal',
    ],
  },
  {
    method: 'get',
    path: '/api/v1/verifications',
    operationId: 'listVerifications',
    tag: 'Verifications',
    summary: "List this key's verifications, newest first",
    description:
      'The verifications this API key started in the last 24 hours that still exist (an ended one is deleted ' +
      'minutes after it ends), each as GET /api/v1/verifications/{id} shows it, newest first. Follow `next_cursor` ' +
      'until it is null; a page may hold fewer than `limit`. A key sees only its own; a session is refused (403).',
    security: [{ apiKey: ['verifications'] }],
    query: {
      schema: listVerificationsQuery,
      fields: {
        limit: 'How many per page, 1 to 100 (20 when left out).',
        cursor: 'The `next_cursor` of the previous page (opaque).',
      },
    },
    answer: {
      status: 200,
      description: 'A page of verifications.',
      schema: 'VerificationPage',
      example: { verifications: [exampleVerification], next_cursor: null },
    },
    errors: ['invalid_input', 'api_key_invalid', 'forbidden', 'internal'],
  },
  {
    method: 'get',
    path: verificationPath,
    operationId: 'getVerification',
    tag: 'Verifications',
    summary: 'Read a verification',
    description: 'Only whoever started it sees it; to anyone else it does not exist.',
    security: keyOrSession('verifications'),
    params: verificationIdParam,
    answer: { status: 200, description: 'The verification.', schema: 'Verification', example: exampleVerification },
    errors: ['invalid_input', ...authErrors, 'verification_not_found', 'internal'],
  },
  {
    method: 'post',
    path: `${verificationPath}/check`,
    operationId: 'checkVerification',
    tag: 'Verifications',
    summary: 'Check the code the customer gives',
    description:
      'Every check counts; after five wrong codes the verification locks (max_attempts_reached). A wrong code ' +
      'answers 200 with status pending and fewer attempts_left. For add_payee and payment, send the same ' +
      'transaction: other details count as a wrong code. A code works once: a check after approval is refused.',
    security: keyOrSession('verifications'),
    params: verificationIdParam,
    body: {
      schema: checkVerificationBody,
      fields: {
        code: 'The six digits; spaces, as read aloud (482 915), are dropped.',
        transaction: 'The transaction the verification was started with (add_payee, payment).',
        ...transactionDetails,
      },
      examples: checkExamples,
    },
    answer: {
      status: 200,
      description: 'Checked: see status.',
      schema: 'Check',
      example: { id: exampleId, status: 'approved', attempts_left: 4 },
    },
    errors: [
      ...bodyErrors,
      ...authErrors,
      ...sessionWrite,
      'verification_not_found',
      'verification_closed',
      'internal',
    ],
  },
  {
    method: 'post',
    path: `${verificationPath}/resend`,
    operationId: 'resendVerification',
    tag: 'Verifications',
    summary: 'Send a new code, by the same or another channel',
    description:
      'The earlier code stops working. Waits for the cool-down (resend_after) and at most five sends in all. ' +
      'When the provider fails, the verification stands: the 502 body also holds it.',
    security: keyOrSession('verifications'),
    params: verificationIdParam,
    body: {
      schema: resendVerificationBody,
      fields: { channel: 'Another channel for the new code; the same one when left out.', ...rateLimitFields },
      examples: resendExamples,
    },
    answer: { status: 200, description: 'Sent.', schema: 'Verification', example: exampleVerification },
    errors: [
      ...bodyErrors,
      ...authErrors,
      ...sessionWrite,
      'verification_not_found',
      'verification_closed',
      'account_locked',
      'destination_not_allowed',
      'rate_limited',
      'send_limit',
      'delivery_failed',
      'not_configured',
      'internal',
    ],
  },
  {
    method: 'post',
    path: `${verificationPath}/cancel`,
    operationId: 'cancelVerification',
    tag: 'Verifications',
    summary: 'Cancel a pending verification',
    description: 'Its code stops working at once.',
    security: keyOrSession('verifications'),
    params: verificationIdParam,
    answer: {
      status: 200,
      description: 'Canceled.',
      schema: 'Verification',
      example: { ...exampleVerification, status: 'canceled' },
    },
    errors: [
      'invalid_input',
      ...authErrors,
      ...sessionWrite,
      'verification_not_found',
      'verification_closed',
      'internal',
    ],
  },
  {
    method: 'get',
    path: '/api/v1/accounts/{handle}',
    operationId: 'readAccount',
    tag: 'Aggregators',
    summary: "Read an account's payees and payments",
    description:
      'For an aggregator key, once the account holder allowed that aggregator in the app (blocked by default, ' +
      'revocable). An unknown handle gets the same 403 as a holder who did not allow it.',
    security: [{ apiKey: ['aggregator'] }],
    params: handleParam,
    answer: { status: 200, description: 'What the holder allowed this aggregator to read.', schema: 'AccountRead' },
    errors: ['invalid_input', 'api_key_invalid', 'forbidden', 'consent_required', 'internal'],
  },
];
