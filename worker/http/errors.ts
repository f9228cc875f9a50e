/** Turns error codes into responses of the DESIGN.md shape, with `Cache-Control: no-store`. */
import type { Context } from 'hono';
import { type ErrorCode, type ErrorStatus, errorBody, errorCatalogue } from '../../shared/errors.ts';

/** A JSON error response for `code`, with the status the catalogue gives it. */
export function errorResponse(c: Context, code: ErrorCode, fields?: Record<string, string>) {
  c.header('Cache-Control', 'no-store');
  return c.json(errorBody(code, fields), errorCatalogue[code].status as ErrorStatus);
}
