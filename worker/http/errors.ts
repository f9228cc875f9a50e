/**
 * Turns error codes into responses of the DESIGN.md shape, with `Cache-Control: no-store`, in the
 * request's language: English by default, French for `Accept-Language: fr` (the app sends the
 * language it speaks). The one place error messages and the worker's field messages are chosen.
 */
import type { Context } from 'hono';
import { type ErrorBody, type ErrorCode, type ErrorStatus, errorBody, errorCatalogue } from '../../shared/errors.ts';
import { frenchErrorMessages, frenchFieldTexts } from '../../shared/errors-fr.ts';
import { type FieldProblem, fieldTexts, fillText } from '../../shared/field-messages.ts';
import { type Language, preferredLanguage } from '../../shared/language.ts';
import { frenchSchemaTexts } from '../../shared/schema-texts-fr.ts';

/** The language the request asked for (`Accept-Language`), else English. */
export const answerLanguage = (c: Context): Language => preferredLanguage(c.req.header('Accept-Language'));

/** A field problem as the request's language says it (a schema's own text is kept as it is). */
function fieldText(problem: FieldProblem, language: Language): string {
  if ('asIs' in problem) return problem.asIs;
  if ('schema' in problem) return (language === 'fr' && frenchSchemaTexts[problem.schema]) || problem.schema;
  if ('error' in problem)
    return language === 'fr' ? frenchErrorMessages[problem.error] : errorCatalogue[problem.error].message;
  return fillText((language === 'fr' ? frenchFieldTexts : fieldTexts)[problem.text], problem.params);
}

/** The error body for `code`, in the request's language; sets the headers every error carries. */
export function localizedError(c: Context, code: ErrorCode, fields?: Record<string, FieldProblem>): ErrorBody {
  const language = answerLanguage(c);
  c.header('Cache-Control', 'no-store');
  c.header('Content-Language', language);
  c.header('Vary', 'Accept-Language', { append: true });
  const said = fields && Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fieldText(v, language)]));
  const body = errorBody(code, said, c.get('requestId') as string | undefined);
  if (language === 'fr') body.error.message = frenchErrorMessages[code];
  return body;
}

/**
 * A JSON error response for `code`, with the status the catalogue gives it and the request's id;
 * `beside`: members answered beside `error` (the tries left after a wrong code).
 */
export function errorResponse(
  c: Context,
  code: ErrorCode,
  fields?: Record<string, FieldProblem>,
  beside?: Record<string, unknown>,
) {
  return c.json({ ...localizedError(c, code, fields), ...beside }, errorCatalogue[code].status as ErrorStatus);
}
