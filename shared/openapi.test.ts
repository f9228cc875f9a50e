import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { handleParam } from './api.ts';
import { setReferenceBody } from './customers.ts';
import { type ErrorCode, errorCatalogue } from './errors.ts';
import { checkExamples, openApiDocument, resendExamples, startExamples } from './openapi.ts';
import { referenceExamples } from './openapi-customers.ts';
import { securityEventsQuery } from './security-events.ts';
import {
  checkVerificationBody,
  listVerificationsQuery,
  resendVerificationBody,
  startVerificationBody,
  verificationIdParam,
} from './verifications.ts';

// The document as integrators get it: JSON text, parsed.
const doc = JSON.parse(JSON.stringify(openApiDocument()));

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[] };

const operation = (path: string, method: string) => doc.paths[path][method];
const bodyOf = (path: string): Schema => operation(path, 'post').requestBody.content['application/json'].schema;

/** Drops the descriptions the document adds, to compare the rest with zod's own conversion. */
function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'description' && key !== '$schema')
      .map(([key, v]) => [key, withoutDescriptions(v)]),
  );
}
const converted = (schema: z.core.$ZodType) =>
  withoutDescriptions(JSON.parse(JSON.stringify(z.toJSONSchema(schema, { io: 'input' }))));

const verificationOps = [
  ['/api/v1/verifications', 'post'],
  ['/api/v1/verifications/{id}', 'get'],
  ['/api/v1/verifications/{id}/check', 'post'],
  ['/api/v1/verifications/{id}/resend', 'post'],
  ['/api/v1/verifications/{id}/cancel', 'post'],
] as const;

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with every operation of the integrator API', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    for (const [path, method] of [...verificationOps, ['/api/v1/accounts/{handle}', 'get'] as const]) {
      const op = operation(path, method);
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.summary).toBeTruthy();
      expect(Object.keys(op.responses).length).toBeGreaterThan(1);
    }
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/config',
      '/api/v1/accounts/{handle}',
      '/api/v1/customers/{handle}/reference',
      '/api/v1/security-events',
      '/api/v1/verifications',
      '/api/v1/verifications/{id}',
      '/api/v1/verifications/{id}/cancel',
      '/api/v1/verifications/{id}/check',
      '/api/v1/verifications/{id}/resend',
    ]);
  });

  it('takes a bearer API key with its scope, or for verifications the session cookie', () => {
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: '__Host-session',
    });
    for (const [path, method] of verificationOps) {
      expect(operation(path, method).security).toEqual([{ apiKey: ['verifications'] }, { session: [] }]);
    }
    expect(operation('/api/v1/accounts/{handle}', 'get').security).toEqual([{ apiKey: ['aggregator'] }]);
    expect(operation('/api/v1/security-events', 'get').security).toEqual([{ apiKey: ['audit'] }]);
    expect(operation('/api/v1/customers/{handle}/reference', 'put').security).toEqual([{ apiKey: ['customers'] }]);
    // The bank's name and phone: public, before anyone signs in.
    expect(operation('/api/config', 'get').security).toEqual([]);
  });

  it('describes the security-event export: NDJSON lines of SecurityEvent, the cursor header, its query', () => {
    const exported = operation('/api/v1/security-events', 'get');
    const ok = exported.responses['200'];
    expect(ok.content['application/x-ndjson'].schema).toEqual({ $ref: '#/components/schemas/SecurityEvent' });
    expect(Object.keys(ok.headers)).toEqual(['Countersign-Next-Cursor', 'Countersign-Caught-Up']);
    const query = exported.parameters.filter((p: { in: string }) => p.in === 'query');
    expect(query.map((p: { name: string }) => p.name)).toEqual(['limit', 'cursor']);
    const schemas = (converted(securityEventsQuery) as Schema).properties ?? {};
    for (const p of query) expect(withoutDescriptions(p.schema)).toEqual(schemas[p.name]);
    expect(codesOf(exported.responses['403'])).toEqual(['forbidden']);
    expect(doc.components.schemas.SecurityEvent.required).toEqual([
      'id',
      'type',
      'at',
      'account',
      'handle',
      'requestId',
      'detail',
    ]);
  });

  it('describes the start body with exactly the fields and choices of startVerificationBody', () => {
    const body = bodyOf('/api/v1/verifications');
    expect(Object.keys(body.properties ?? {}).sort()).toEqual([
      'account',
      'channel',
      'purpose',
      'rate_limits',
      'to',
      'transaction',
    ]);
    // Twilio Verify's rate-limit keys: the end user's IP an API key may pass (issue 9, hole 8).
    expect(Object.keys(body.properties?.rate_limits?.properties ?? {})).toEqual(['end_user_ip_address']);
    expect(body.required?.sort()).toEqual(['channel', 'purpose']);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties?.channel?.enum).toEqual(['sms', 'call', 'email']);
    expect(body.properties?.purpose?.enum).toEqual(['sign_in', 'add_payee', 'payment', 'recovery', 'enrol_phone']);
    expect(body.properties?.account?.description).toMatch(/handle/);
  });

  it('describes the check body with the code', () => {
    const body = bodyOf('/api/v1/verifications/{id}/check');
    expect(body.required).toEqual(['code']);
    expect(body.properties?.code).toMatchObject({ type: 'string', pattern: '^\\d{6}$' });
  });

  it('generates request bodies and path parameters from the schemas the routes validate with', () => {
    // A hand-written document would drift from these; the generated one is them, plus descriptions.
    expect(withoutDescriptions(bodyOf('/api/v1/verifications'))).toEqual(converted(startVerificationBody));
    expect(withoutDescriptions(bodyOf('/api/v1/verifications/{id}/check'))).toEqual(converted(checkVerificationBody));
    expect(withoutDescriptions(bodyOf('/api/v1/verifications/{id}/resend'))).toEqual(converted(resendVerificationBody));
    const idParam = operation('/api/v1/verifications/{id}', 'get').parameters;
    expect(idParam).toEqual([
      { name: 'id', in: 'path', required: true, schema: (converted(verificationIdParam) as Schema).properties?.id },
    ]);
    const handle = operation('/api/v1/accounts/{handle}', 'get').parameters;
    expect(handle).toEqual([
      { name: 'handle', in: 'path', required: true, schema: (converted(handleParam) as Schema).properties?.handle },
    ]);
  });

  it('gives request examples the routes accept', () => {
    for (const value of Object.values(startExamples)) expect(startVerificationBody.safeParse(value).success).toBe(true);
    for (const value of Object.values(checkExamples)) expect(checkVerificationBody.safeParse(value).success).toBe(true);
    for (const value of Object.values(referenceExamples)) expect(setReferenceBody.safeParse(value).success).toBe(true);
    const reference = operation('/api/v1/customers/{handle}/reference', 'put').requestBody.content['application/json'];
    expect(withoutDescriptions(reference.schema)).toEqual(converted(setReferenceBody));
    for (const value of Object.values(resendExamples))
      expect(resendVerificationBody.safeParse(value).success).toBe(true);
    const examples = operation('/api/v1/verifications', 'post').requestBody.content['application/json'].examples;
    expect(examples.payment.value).toEqual(startExamples.payment);
  });

  it('lists each error code under the status the API answers it with, with its message', () => {
    for (const [path, methods] of Object.entries(doc.paths) as [string, Record<string, { responses: object }>][]) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(op.responses) as [string, ErrorResponse][]) {
          if (Number(status) < 400) continue;
          const codes = response.content['application/json'].schema.properties.error.properties.code.oneOf;
          expect(codes.length, `${method} ${path} ${status}`).toBeGreaterThan(0);
          for (const { const: code, description } of codes) {
            expect(errorCatalogue[code].status, `${code} in ${method} ${path}`).toBe(Number(status));
            expect(description).toBe(errorCatalogue[code].message);
          }
        }
      }
    }
    const start = operation('/api/v1/verifications', 'post').responses;
    expect(start['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Verification' });
    expect(codesOf(start['429'])).toEqual(['rate_limited']);
    expect(start['429'].headers['Retry-After']).toBeDefined();
    expect(start['502'].content['application/json'].schema.properties.verification).toBeDefined();
    expect(codesOf(operation('/api/v1/verifications/{id}/check', 'post').responses['409'])).toEqual([
      'verification_closed',
    ]);
    expect(codesOf(operation('/api/v1/verifications/{id}/resend', 'post').responses['429'])).toEqual([
      'rate_limited',
      'send_limit',
    ]);
    expect(codesOf(operation('/api/v1/accounts/{handle}', 'get').responses['403'])).toEqual([
      'forbidden',
      'consent_required',
    ]);
  });

  it('describes the Idempotency-Key header of starts and its 422', () => {
    const start = operation('/api/v1/verifications', 'post');
    const header = start.parameters.find((p: { name: string }) => p.name === 'Idempotency-Key');
    expect(header).toMatchObject({ in: 'header', required: false, schema: { maxLength: 255 } });
    expect(codesOf(start.responses['422'])).toEqual(['idempotency_key_reused']);
  });

  it('describes the key-only list with the query parameters of listVerificationsQuery', () => {
    const listed = operation('/api/v1/verifications', 'get');
    expect(listed.security).toEqual([{ apiKey: ['verifications'] }]);
    const query = listed.parameters.filter((p: { in: string }) => p.in === 'query');
    expect(query.map((p: { name: string }) => p.name)).toEqual(['limit', 'cursor']);
    const schemas = (converted(listVerificationsQuery) as Schema).properties ?? {};
    for (const p of query) expect(withoutDescriptions(p.schema)).toEqual(schemas[p.name]);
    expect(listed.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/VerificationPage',
    });
    expect(doc.components.schemas.VerificationPage.required).toEqual(['verifications', 'next_cursor']);
  });

  it('points every $ref at a schema it defines', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = /#\/components\/schemas\/(\w+)/.exec(ref)?.[1];
      expect(name && doc.components.schemas[name], ref).toBeTruthy();
    }
  });
});

interface ErrorResponse {
  headers: Record<string, unknown>;
  content: {
    'application/json': {
      schema: {
        properties: { error: { properties: { code: { oneOf: { const: ErrorCode; description: string }[] } } } } & {
          verification?: unknown;
        };
      };
    };
  };
}
const codesOf = (response: ErrorResponse) =>
  response.content['application/json'].schema.properties.error.properties.code.oneOf.map((c) => c.const);
