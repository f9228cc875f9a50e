/**
 * Request validation: JSON bodies and path params checked with the shared zod schemas. A failure
 * answers 400 `invalid_input` with one message per field; the typed value reaches the route.
 */
import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type * as z from 'zod/mini';
import type { FieldProblem } from '../../shared/field-messages.ts';
import { errorResponse } from './errors.ts';

/** Flattens zod issues to `{ "displayName": "Enter your name." }` (first message per field). */
export function fieldMessages(error: z.core.$ZodError): Record<string, FieldProblem> {
  const fields: Record<string, FieldProblem> = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(body)';
    if (!(path in fields))
      fields[path] =
        issue.code === 'unrecognized_keys'
          ? { text: 'unexpected_field', params: { keys: issue.keys.join(', ') } }
          : { schema: issue.message };
  }
  return fields;
}

function validated<T extends keyof ValidationTargets, S extends z.ZodMiniType>(target: T, schema: S) {
  return validator(target, (value, c) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) return errorResponse(c, 'invalid_input', fieldMessages(parsed.error));
    return parsed.data as z.output<S>;
  });
}

/** Validates the JSON body (already parsed and size-checked by the body guard). */
export const jsonBody = <S extends z.ZodMiniType>(schema: S) => validated('json', schema);

/** Validates the path parameters. */
export const pathParams = <S extends z.ZodMiniType>(schema: S) => validated('param', schema);

/** Validates the query string (a repeated parameter arrives as an array and fails a string field). */
export const queryParams = <S extends z.ZodMiniType>(schema: S) => validated('query', schema);
