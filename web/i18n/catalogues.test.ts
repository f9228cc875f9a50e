/** Every section of the catalogue has the same keys in French as in English, and the same placeholders. */
import { describe, expect, it } from 'vitest';
import * as banking from './en/banking.ts';
import * as call from './en/call.ts';
import * as callScreen from './en/callScreen.ts';
import * as core from './en/core.ts';
import * as events from './en/events.ts';
import * as incidents from './en/incidents.ts';
import * as lock from './en/lock.ts';
import * as recoveryAlerts from './en/recoveryAlerts.ts';
import * as ui from './en/ui.ts';
import * as welcome from './en/welcome.ts';
import frenchBanking from './fr/banking.ts';
import frenchCall from './fr/call.ts';
import frenchCallScreen from './fr/callScreen.ts';
import frenchCore from './fr/core.ts';
import frenchEvents from './fr/events.ts';
import frenchIncidents from './fr/incidents.ts';
import frenchLock from './fr/lock.ts';
import frenchRecoveryAlerts from './fr/recoveryAlerts.ts';
import frenchUi from './fr/ui.ts';
import frenchWelcome from './fr/welcome.ts';
import type { Texts } from './index.ts';

const sections: [string, Texts, Texts][] = [
  ['core', core.english, frenchCore],
  ['events', events.english, frenchEvents],
  ['banking', banking.english, frenchBanking],
  ['welcome', welcome.english, frenchWelcome],
  ['call', call.english, frenchCall],
  ['callScreen', callScreen.english, frenchCallScreen],
  ['ui', ui.english, frenchUi],
  ['incidents', incidents.english, frenchIncidents],
  ['recoveryAlerts', recoveryAlerts.english, frenchRecoveryAlerts],
  ['lock', lock.english, frenchLock],
];

// French typography: a non-breaking space before : ; ! ? and inside « ». Sections written so far.
const typeset = new Set(['callScreen', 'ui', 'incidents', 'recoveryAlerts']);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the catalogues', () => {
  it.each(sections)('%s: the same keys in French as in English', (_name, english, french) => {
    expect(Object.keys(french).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(sections)('%s: the same placeholders per key', (_name, english, french) => {
    for (const key of Object.keys(english)) {
      expect(placeholders(french[key] ?? ''), key).toEqual(placeholders(english[key] ?? ''));
    }
  });

  it.each(sections)('%s: no empty text, and French that is not left in English', (_name, english, french) => {
    const same = Object.keys(english).filter((key) => english[key] === french[key] && english[key]?.includes(' '));
    // Only what is the same in both on purpose: the label in both languages.
    expect(same.filter((key) => !english[key]?.includes(' / '))).toEqual([]);
    for (const text of [...Object.values(english), ...Object.values(french)]) expect(text.trim()).not.toBe('');
  });

  it.each(sections.filter(([name]) => typeset.has(name)))(
    '%s: French typography (a non-breaking space before : ; ! ? and inside « »)',
    (_name, _english, french) => {
      for (const text of Object.values(french)) {
        expect(text, text).not.toMatch(/[ \t][:;!?»]|«[ \t]/);
        expect(text, text).not.toMatch(/[^\u00a0\u202f][;!?»]|«[^\u00a0\u202f]/);
      }
    },
  );
});
