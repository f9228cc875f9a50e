import { describe, expect, it } from 'vitest';
import { preferredLanguage } from './language.ts';

describe('preferredLanguage', () => {
  it('answers in English without a header, or with only languages the app does not have', () => {
    expect(preferredLanguage(undefined)).toBe('en');
    expect(preferredLanguage('')).toBe('en');
    expect(preferredLanguage('de-DE, es;q=0.8')).toBe('en');
  });

  it('answers in French when French is asked for, with or without a region', () => {
    expect(preferredLanguage('fr')).toBe('fr');
    expect(preferredLanguage('fr-FR,fr;q=0.9,en;q=0.8')).toBe('fr');
  });

  it('takes the highest weight, not the first listed', () => {
    expect(preferredLanguage('en;q=0.5, fr;q=0.9')).toBe('fr');
    expect(preferredLanguage('fr;q=0.4, en')).toBe('en');
    expect(preferredLanguage('fr;q=0, en;q=0.1')).toBe('en');
  });
});
