/** Turns error codes into responses of the DESIGN.md shape, with `Cache-Control: no-store`. */
import type { Context } from 'hono';
import { type ErrorCode, type ErrorStatus, errorBody, errorCatalogue } from '../../shared/errors.ts';

/** A JSON error response for `code`, with the status the catalogue gives it and the request's id. */
export function errorResponse(c: Context, code: ErrorCode, fields?: Record<string, string>) {
  c.header('Cache-Control', 'no-store');
  const requestId = c.get('requestId') as string | undefined;
  return c.json(errorBody(code, fields, requestId), errorCatalogue[code].status as ErrorStatus);
}
