/** The OpenAPI operation of the SIEM export, kept beside openapi.ts to keep that file small. */
import type { Operation } from './openapi.ts';
import {
  caughtUpHeader,
  nextCursorHeader,
  securityEventsDefaultLimit,
  securityEventsMaxLimit,
  securityEventsQuery,
} from './security-events.ts';

const exampleEvent = {
  id: '6b1e3c52f0a94d7e8c21b5a09f3d4e6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4:3',
  type: 'signed_in',
  at: 1_767_225_600_000,
  account: '6b1e3c52f0a94d7e8c21b5a09f3d4e6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4',
  handle: 'jane.doe',
  requestId: 'req_0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  detail: { credential: 'q8Zx…', ip: '203.0.113.9', userAgent: 'Mozilla/5.0 …' },
};

export const securityEventsOperation: Operation = {
  method: 'get',
  path: '/api/v1/security-events',
  operationId: 'exportSecurityEvents',
  tag: 'Security events',
  summary: "Every account's security events, for the bank's SIEM",
  description:
    'For an API key with the scope `audit` only (a session, or a key without the scope, is refused). The answer is ' +
    '`application/x-ndjson`: one SecurityEvent per line, in the order they reached the export (each carries its own ' +
    '`at`). Always send the `Countersign-Next-Cursor` header of the previous answer as `cursor`: it resumes exactly ' +
    'there, without repeats or gaps. `Countersign-Caught-Up: false` means ask again at once; `true` means poll ' +
    'again later (events arrive within seconds; those of the first 10 s of an hour once they have passed). Without a ' +
    'cursor the export starts 24 hours back; events are kept 30 days, and an older cursor is a 400. Delivery is at ' +
    'least once: dedupe by `id` (a repeat is rare, after a delivery whose answer was lost). Phone numbers are masked; ' +
    'the ip and user agent of the request are kept.',
  security: [{ apiKey: ['audit'] }],
  query: {
    schema: securityEventsQuery,
    fields: {
      limit: `How many events per page, 1 to ${securityEventsMaxLimit} (${securityEventsDefaultLimit} when left out).`,
      cursor: `The \`${nextCursorHeader}\` header of the previous answer (opaque).`,
    },
  },
  answer: {
    status: 200,
    description: 'A page of events, one JSON object per line (possibly none).',
    schema: 'SecurityEvent',
    mediaType: 'application/x-ndjson',
    example: exampleEvent,
    headers: {
      [nextCursorHeader]: { description: 'The cursor of the next page: always present.', schema: { type: 'string' } },
      [caughtUpHeader]: {
        description: '`false` when more events are waiting now; `true` when the reader has caught up.',
        schema: { type: 'string', enum: ['true', 'false'] },
      },
    },
  },
  errors: ['invalid_input', 'api_key_invalid', 'forbidden', 'internal'],
};
