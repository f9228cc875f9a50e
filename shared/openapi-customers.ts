/** The OpenAPI operation of the bank's customer references, kept beside openapi.ts to keep that file small. */
import { handleParam } from './api.ts';
import { type SetReferenceBody, setReferenceBody } from './customers.ts';
import type { Operation } from './openapi.ts';

/** Request examples, typed by the route schema's input (the unit test also parses them). */
export const referenceExamples = { reference: { reference: 'CIF-20417' } } satisfies Record<string, SetReferenceBody>;

export const setReferenceOperation: Operation = {
  method: 'put',
  path: '/api/v1/customers/{handle}/reference',
  operationId: 'setCustomerReference',
  tag: 'Customers',
  summary: "Set the bank's own reference for a customer",
  description:
    "For an API key with the scope `customers` (the bank's customer file, say). Agents can then find the customer " +
    'in the console by this reference. A reference names one customer at a time, ignoring case: one another ' +
    'customer has is a 409 (reference_taken), and of two requests claiming one reference at once exactly one ' +
    'succeeds. Setting a new reference releases the old one; setting the same again changes nothing. An unknown ' +
    'handle, or one that is not a customer, is a 404 (customer_not_found): the bank knows its own customers.',
  security: [{ apiKey: ['customers'] }],
  params: handleParam,
  body: {
    schema: setReferenceBody,
    fields: { reference: "The bank's reference: 1 to 64 letters, digits, dots, dashes or underscores." },
    examples: referenceExamples,
  },
  answer: {
    status: 200,
    description: 'Set.',
    schema: 'CustomerReference',
    example: { handle: 'jane.doe', reference: 'CIF-20417' },
  },
  errors: [
    'invalid_input',
    'malformed_json',
    'unsupported_media_type',
    'payload_too_large',
    'api_key_invalid',
    'forbidden',
    'customer_not_found',
    'reference_taken',
    'internal',
  ],
};
