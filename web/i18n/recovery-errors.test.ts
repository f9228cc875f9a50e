/** The recovery screens (web/recovery/said.ts) say the API's errors in the screen's language, and in English as the API does. */
import { afterEach, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../shared/errors.ts';
import { ApiError } from '../api.ts';
import { said, translated } from '../recovery/said.ts';
import { english } from './en/recovery.ts';
import { setLanguage } from './index.ts';

const bank = 'Countersign';
const fromApi = (code: keyof typeof errorCatalogue, fields: Record<string, string> = {}) =>
  new ApiError(code, errorCatalogue[code].message, fields, errorCatalogue[code].status);

afterEach(() => setLanguage('en'));

describe('errors in the words of the recovery screens', () => {
  it('in English, every error code it words says what the API says', () => {
    const codes = Object.keys(english)
      .filter((key) => key.startsWith('err_'))
      .map((key) => key.slice(4))
      .filter((code): code is keyof typeof errorCatalogue => Object.hasOwn(errorCatalogue, code));
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) expect(said(fromApi(code), bank), code).toBe(errorCatalogue[code].message);
  });

  it('in French, the message and the field errors are French; the code and status are kept', async () => {
    await setLanguage('fr');
    const error = translated(
      fromApi('invalid_input', { identifier: 'Enter your handle or your phone number.', other: 'As the API said.' }),
      bank,
    );
    expect(error.message).toBe('Certains champs sont à corriger.');
    expect(error.fields).toEqual({
      identifier: 'Saisissez votre identifiant ou votre numéro de téléphone.',
      other: 'As the API said.',
    });
    expect([error.code, error.status]).toEqual(['invalid_input', 400]);
    expect(said(fromApi('rate_limited'), bank)).toBe(
      'Trop de codes ont été demandés. Patientez un peu, puis réessayez.',
    );
    expect(said(new ApiError('offline', 'You are offline.'), 'Banque Exemple')).toMatch(
      /^Vous êtes hors ligne\. Banque Exemple/,
    );
    const cancelled = Object.assign(new Error('x'), { name: 'NotAllowedError' });
    expect(said(cancelled, bank)).toBe('La demande de clé d’accès a été annulée ou a expiré. Réessayez.');
  });

  it('a code it does not word is shown as the API said it', async () => {
    await setLanguage('fr');
    expect(said(fromApi('webhook_limit'), bank)).toBe(errorCatalogue.webhook_limit.message);
  });
});
