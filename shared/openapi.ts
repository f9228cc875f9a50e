/**
 * The OpenAPI 3.1 document of the integrator API (`/api/v1/*`), served at `/api/openapi.json`.
 * Request bodies and path parameters come from the zod schemas the routes validate with; the error
 * codes and their messages from the error catalogue. Built with the PWA (vite.config.ts), not in
 * the worker: zod's JSON Schema converter alone would add ~7 KB gzip to the worker bundle.
 */
import type * as z from 'zod/mini';
import { type ErrorCode, type ErrorStatus, errorCatalogue } from './errors.ts';
import { setReferenceOperation } from './openapi-customers.ts';
import { componentSchemas, describeFields, errorSchema, inputSchema, type JsonSchema } from './openapi-schemas.ts';
import { securityEventsOperation } from './openapi-security-events.ts';
import { verificationOperations } from './openapi-verifications.ts';
import { webhookDocs } from './openapi-webhooks.ts';

type Security = Record<string, string[]>[];

/** One operation of the document (openapi-verifications.ts, openapi-security-events.ts and openapi-customers.ts hold them). */
export interface Operation {
  method: 'get' | 'post' | 'put';
  path: string;
  operationId: string;
  tag: 'Verifications' | 'Aggregators' | 'Customers' | 'App' | 'Security events';
  summary: string;
  description: string;
  security: Security;
  params?: z.core.$ZodType;
  /** Query parameters, from the route's query schema, with their descriptions. */
  query?: { schema: z.core.$ZodType; fields: Record<string, string> };
  /** Request headers besides authentication. */
  headers?: { name: string; description: string; schema: JsonSchema }[];
  body?: { schema: z.core.$ZodType; fields: Record<string, string>; examples: Record<string, unknown> };
  answer: {
    status: 200 | 201;
    description: string;
    schema: string;
    example?: unknown;
    /** `application/json` unless said. */
    mediaType?: string;
    headers?: Record<string, { description: string; schema: JsonSchema }>;
  };
  errors: ErrorCode[];
}

const operations: Operation[] = [
  ...verificationOperations,
  securityEventsOperation,
  setReferenceOperation,
  {
    method: 'get',
    path: '/api/config',
    operationId: 'readConfig',
    tag: 'App',
    summary: "The bank's name and real phone number",
    description:
      'Public, no key or session: what the app names the bank and the number its "call the bank" buttons dial ' +
      '(BANK_NAME, BANK_PHONE). Cacheable for five minutes (`Cache-Control: public, max-age=300`).',
    security: [],
    answer: {
      status: 200,
      description: 'The bank.',
      schema: 'BankConfig',
      example: { bankName: 'Countersign', bankPhone: '+44 20 7946 0000' },
    },
    errors: ['internal'],
  },
];

const statusTitles: Record<ErrorStatus, string> = {
  400: 'Bad request',
  401: 'No valid API key or session',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Not JSON',
  422: 'Idempotency-Key reused',
  423: 'Account locked by its holder',
  429: 'Too many requests',
  500: 'Server error',
  502: 'The code could not be sent',
  503: 'Not configured',
};

const json = (schema: JsonSchema, extra: Record<string, unknown> = {}) => ({
  'application/json': { schema, ...extra },
});

/** The error answers of an operation, one per status, each listing its codes. */
function errorResponses(codes: ErrorCode[]) {
  const byStatus = new Map<ErrorStatus, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = errorCatalogue[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, inStatus] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: `${statusTitles[status]}: ${inStatus.join(', ')}.`,
      ...(status === 429
        ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } }
        : {}),
      content: json(
        errorSchema(inStatus, status === 502 ? { verification: { $ref: '#/components/schemas/Verification' } } : {}),
      ),
    };
  }
  return responses;
}

/** Path parameters from the route's params schema. */
function pathParameters(schema: z.core.$ZodType) {
  const converted = inputSchema(schema);
  return Object.entries(converted.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'path',
    required: true,
    schema: property,
  }));
}

/** Query parameters (all optional) from the route's query schema. */
function queryParameters(schema: z.core.$ZodType, fields: Record<string, string>) {
  const converted = inputSchema(schema);
  return Object.entries(converted.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    description: fields[name],
    schema: property,
  }));
}

function operationObject(op: Operation) {
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: op.description,
    security: op.security,
    ...(op.params || op.query || op.headers
      ? {
          parameters: [
            ...(op.params ? pathParameters(op.params) : []),
            ...(op.query ? queryParameters(op.query.schema, op.query.fields) : []),
            ...(op.headers ?? []).map((h) => ({ ...h, in: 'header', required: false })),
          ],
        }
      : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: json(describeFields(inputSchema(op.body.schema), op.body.fields), {
              examples: Object.fromEntries(Object.entries(op.body.examples).map(([name, value]) => [name, { value }])),
            }),
          },
        }
      : {}),
    responses: {
      [op.answer.status]: {
        description: op.answer.description,
        ...(op.answer.headers ? { headers: op.answer.headers } : {}),
        content: {
          [op.answer.mediaType ?? 'application/json']: {
            schema: { $ref: `#/components/schemas/${op.answer.schema}` },
            ...(op.answer.example ? { example: op.answer.example } : {}),
          },
        },
      },
      ...errorResponses(op.errors),
    },
  };
}

/** Builds the whole document. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Countersign integrator API',
      version: '1.0.0',
      description:
        'One-time codes by SMS, voice call and e-mail, shaped like Twilio Verify, the aggregator read, the ' +
        "security-event export for the bank's SIEM and the bank's own customer references. " +
        'Send JSON; every error answers `{ "error": { "code", "message", "fields"? } }`, its message and ' +
        'fields in English unless `Accept-Language` asks for French (`fr`); the `code` is the same in both.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'Verifications', description: 'Out-of-band one-time codes: start, check, resend, cancel.' },
      { name: 'Aggregators', description: 'What account holders allow third parties to read.' },
      { name: 'Security events', description: "Every account's security events as JSON lines, for the bank's SIEM." },
      { name: 'Customers', description: "The bank's own reference for each customer, which agents find them by." },
      { name: 'App', description: 'What the app itself reads, public.' },
      { name: 'Webhooks', description: 'What Countersign POSTs to the endpoints an admin configured, signed.' },
    ],
    paths,
    webhooks: webhookDocs(),
    components: {
      schemas: componentSchemas,
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'csk_<key id>_<secret>',
          description:
            'An API key an admin issued in the app (shown once, revocable): `Authorization: Bearer csk_…`. ' +
            'Its scopes, `verifications`, `aggregator`, `audit` and `customers`, are the roles each operation lists.',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: '__Host-session',
          description:
            "The app's own session, for a customer signed in with a passkey. State-changing requests must also send " +
            "the app's Origin header.",
        },
      },
    },
  };
}

export { checkExamples, resendExamples, startExamples } from './openapi-verifications.ts';

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
