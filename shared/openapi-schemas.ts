/**
 * The JSON Schemas of the OpenAPI document. Request bodies and path parameters are converted from
 * the zod schemas the routes validate with (`z.toJSONSchema`), so a changed field changes the
 * document; answers, which no zod schema checks, are written here against their wire types.
 */
import * as z from 'zod/mini';
import type { BankConfig } from './bank.ts';
import { type ErrorCode, errorCatalogue } from './errors.ts';
import {
  type CheckView,
  channelSchema,
  purposeSchema,
  transactionSchema,
  type VerificationStatus,
  type VerificationView,
  verificationIdParam,
} from './verifications.ts';

export type JsonSchema = z.core.JSONSchema.BaseSchema;

/** The JSON Schema (2020-12, OpenAPI 3.1's dialect) of what a route accepts, as zod converts it. */
export function inputSchema(schema: z.core.$ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' });
  return rest;
}

/**
 * Adds descriptions to the properties of a converted schema, by dotted path. A path the schema
 * does not have throws: the document never describes a field the route no longer takes.
 */
export function describeFields(schema: JsonSchema, descriptions: Record<string, string>): JsonSchema {
  for (const [path, description] of Object.entries(descriptions)) {
    let node: JsonSchema | undefined = schema;
    for (const name of path.split('.')) node = node?.properties?.[name] as JsonSchema | undefined;
    if (!node) throw new Error(`The schema has no field ${path} to describe.`);
    node.description = description;
  }
  return schema;
}

/** What the fields of a transaction mean, by dotted path (the request bodies use them too). */
export const transactionFields = {
  'payee.name': "The payee's name, as the message to the customer shows it.",
  'payee.account': 'An IBAN (its checksum is checked), a sort code and account number, or 6–20 digits.',
  'amount.value': 'Above zero, with at most two decimals.',
  'amount.currency': 'A three-letter currency code (ISO 4217).',
};

const statusMeanings = {
  pending: 'Waiting for the right code (a wrong one leaves it pending while tries are left).',
  approved: 'The right code came back: what it was for is approved. A code works once.',
  max_attempts_reached: 'Five wrong codes: locked, even for the right code. Start a new one.',
  expired: 'Its time ran out before the right code came back.',
  canceled: 'Canceled by whoever started it.',
} as const satisfies Record<VerificationStatus, string>;

const status: JsonSchema = {
  description: 'Where the verification stands.',
  oneOf: Object.entries(statusMeanings).map(([value, description]) => ({ const: value, description })),
};

const instant = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description });
const count = (description: string): JsonSchema => ({ type: 'integer', minimum: 0, description });

const verificationFields: Record<keyof VerificationView, JsonSchema> = {
  id: { ...(inputSchema(verificationIdParam).properties?.id as JsonSchema), description: 'The verification id.' },
  status,
  channel: { ...inputSchema(channelSchema), description: 'How the last code went.' },
  to: {
    type: 'string',
    description: 'Where the code went, masked. The same shape whether or not the account is known.',
    examples: ['+44 •••• •••• 456', 'j•••@example.com'],
  },
  purpose: { ...inputSchema(purposeSchema), description: 'What the code approves.' },
  created_at: instant('When it was started.'),
  expires_at: instant('When its code stops working.'),
  attempts_left: count('Checks left before it locks.'),
  sends_left: count('Codes that may still be sent (resends included).'),
  resend_after: instant('The earliest time a resend is accepted (the cool-down).'),
  transaction: { $ref: '#/components/schemas/Transaction' },
};

const checkFields: Record<keyof CheckView, JsonSchema> = {
  id: verificationFields.id,
  status,
  attempts_left: verificationFields.attempts_left,
};

const objectOf = (properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
});

const payeeView = objectOf({
  id: { type: 'string' },
  name: { type: 'string' },
  account: { type: 'string', description: 'The account number or IBAN, without spaces.' },
  addedAt: { type: 'integer', description: 'Milliseconds since 1970.' },
});

const paymentView = objectOf({
  id: { type: 'string' },
  payee: objectOf({ name: { type: 'string' }, account: { type: 'string' } }),
  amount: objectOf({ value: { type: 'string', examples: ['12.50'] }, currency: { type: 'string', examples: ['GBP'] } }),
  method: { type: 'string', enum: ['code', 'passkey'], description: 'How the customer approved it.' },
  approvedAt: { type: 'integer', description: 'Milliseconds since 1970.' },
});

/** The reusable schemas of `components.schemas`. */
export const componentSchemas: Record<string, JsonSchema> = {
  Transaction: {
    ...describeFields(inputSchema(transactionSchema), transactionFields),
    description: 'What a transaction code approves.',
  },
  Verification: objectOf(verificationFields, ['transaction']),
  VerificationPage: objectOf({
    verifications: {
      type: 'array',
      items: { $ref: '#/components/schemas/Verification' },
      description: 'Newest first.',
    },
    next_cursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last.' },
  }),
  Check: objectOf(checkFields),
  SecurityEvent: {
    ...objectOf({
      id: { type: 'string', description: '`<account id>:<audit seq>`: stable across deliveries (dedupe by it).' },
      type: { type: 'string', description: 'What happened: signed_in, passkey_added, otp_locked, call_verified…' },
      at: { type: 'integer', description: 'When it happened, ms since the epoch.' },
      account: { type: 'string', description: 'The account id (64 hex).' },
      handle: { type: 'string', description: "The account's handle." },
      requestId: {
        type: ['string', 'null'],
        description: 'The `Request-Id` of the API request that caused it; null only for what an alarm did (an expiry).',
      },
      detail: {
        type: 'object',
        additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
        description: 'The audit detail: ip, user agent, credential, reason…; phone numbers masked.',
      },
    }),
    description: 'One line of the security-event export.',
  },
  BankConfig: objectOf({
    bankName: { type: 'string', description: 'The bank, as every screen names it.', examples: ['Countersign'] },
    bankPhone: {
      type: 'string',
      description: "The bank's real phone number, as printed.",
      examples: ['+44 20 7946 0000'],
    },
  } satisfies Record<keyof BankConfig, JsonSchema>),
  CustomerReference: objectOf({
    handle: { type: 'string', description: "The customer's handle." },
    reference: { type: 'string', description: "The bank's reference, as written.", examples: ['CIF-20417'] },
  }),
  AccountRead: objectOf({
    account: objectOf({ handle: { type: 'string' }, displayName: { type: 'string' } }),
    payees: { type: 'array', items: payeeView, description: "The holder's approved payees, newest first." },
    payments: { type: 'array', items: paymentView, description: 'Payments the holder approved, newest first.' },
  }),
};

/** The error body, limited to `codes`; each code is listed with the message the API sends. */
export function errorSchema(codes: readonly ErrorCode[], extra: Record<string, JsonSchema> = {}): JsonSchema {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { oneOf: codes.map((code) => ({ const: code, description: errorCatalogue[code].message })) },
          message: { type: 'string', description: 'What to tell the user.' },
          fields: {
            type: 'object',
            additionalProperties: { type: 'string' },
            description: 'For invalid_input: one message per field, by its dotted path.',
          },
          requestId: {
            type: 'string',
            description: 'This request’s id, also in the `Request-Id` header: quote it when reporting a problem.',
          },
        },
      },
      ...extra,
    },
  };
}
