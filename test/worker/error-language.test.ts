/// <reference types="vite/client" />
/**
 * Error messages in the request's language: English by default (what integrators get), French for
 * `Accept-Language: fr` (what the app sends when it speaks French) — the error's message, the
 * worker's own field messages, the refusals' and the schemas' own messages alike.
 */
import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../shared/errors.ts';
import { frenchSchemaTexts } from '../../shared/schema-texts-fr.ts';
import { type TextProblem, textLimits, textMessage } from '../../shared/text.ts';
import { call, register } from './client.ts';

const french = { 'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.8' };
const errorOf = (answer: { body: unknown }) => (answer.body as ErrorBody).error;

describe('error messages in the request language', () => {
  it('answers in English without Accept-Language, and says so', async () => {
    const answer = await call('/api/me');
    expect(answer.status).toBe(401);
    expect(errorOf(answer).message).toBe('Sign in to continue.');
    expect(answer.headers.get('Content-Language')).toBe('en');
    expect(answer.headers.get('Vary')).toMatch(/Accept-Language/);
  });

  it('answers an error in French when French is asked for, the code unchanged', async () => {
    const answer = await call('/api/me', { headers: french });
    expect(answer.status).toBe(401);
    expect(errorOf(answer)).toMatchObject({ code: 'not_signed_in', message: 'Connectez-vous pour continuer.' });
    expect(answer.headers.get('Content-Language')).toBe('fr');
  });

  it('answers a refusal of an object in French (the one mapper, worker/http/refusals.ts)', async () => {
    const me = await register('lang.refusal');
    const id = 'a'.repeat(64);
    const answer = await call(`/api/calls/${id}/decline`, { method: 'POST', cookie: me.session, headers: french });
    expect(answer.status).toBe(404);
    expect(errorOf(answer)).toMatchObject({
      code: 'call_not_found',
      message: 'Cette vérification d’appel n’existe pas, ou elle est terminée.',
    });
  });

  it('says the worker’s own field messages in French, and keeps the English ones for English', async () => {
    const body = { handle: 'lang.phone', displayName: 'Lang Phone', phone: '+44 20 7946 0000' };
    const inFrench = await call('/api/registration/options', { body, headers: french });
    expect(inFrench.status).toBe(400);
    expect(errorOf(inFrench).message).toBe('Certains champs sont à corriger.');
    expect(errorOf(inFrench).fields?.phone).toBe(
      'C’est un numéro fixe. Donnez un numéro de mobile\u00a0: nous envoyons les codes par SMS.',
    );
    const inEnglish = await call('/api/registration/options', { body });
    expect(errorOf(inEnglish).fields?.phone).toBe(
      'That is a landline. Give a mobile number: we send codes by text message.',
    );
  });

  it('says an unexpected field in French', async () => {
    const answer = await call('/api/registration/options', {
      body: { handle: 'lang.extra', displayName: 'Lang Extra', colour: 'blue' },
      headers: french,
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer).fields?.['(body)']).toBe('Champ inattendu\u00a0: colour.');
  });
});

// Every literal `error: '…'` of a schema in shared/ and the routes: each has its French.
const sources = import.meta.glob(['/shared/*.ts', '/worker/routes/*.ts', '/worker/http/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('the schemas’ own messages', () => {
  it('each has its French in shared/schema-texts-fr.ts', () => {
    const english = Object.entries(sources)
      .filter(([path]) => !path.endsWith('.test.ts') && !path.endsWith('-fr.ts'))
      .flatMap(([, text]) => [
        ...[...text.matchAll(/\berror: '((?:[^'\\]|\\.)*)'/g)].map((m) => m[1] as string),
        // A free-text field's "missing" message: `textField(limits, '…')`, `personNameSchema("…")`.
        ...[...text.matchAll(/(?:textField\([^,()]+|personNameSchema\(|nameSchema\()\s*,?\s*(['"])(.*?)\1/g)].map(
          (m) => m[2] as string,
        ),
      ])
      .filter((text) => text.includes(' '));
    expect(english.length).toBeGreaterThan(50);
    expect(english.filter((text) => !(text in frenchSchemaTexts))).toEqual([]);
  });

  it('has French for what is wrong with any free text, whatever its field and length', () => {
    const problems: TextProblem[] = ['too_long', 'malformed', 'control'];
    const english = Object.values(textLimits).flatMap((limits) => problems.map((p) => textMessage(p, limits, '')));
    expect(english.filter((text) => !(text in frenchSchemaTexts))).toEqual([]);
  });

  it('says a schema’s message in French when French is asked for', async () => {
    const answer = await call('/api/registration/options', {
      body: { handle: 'x', displayName: 'Lang Short' },
      headers: french,
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer).fields?.handle).toBe('Utilisez de 3 à 32 lettres, chiffres, points, tirets ou tirets bas.');
  });
});
