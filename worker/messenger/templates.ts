/**
 * Every message the bank sends through Countersign, as a template with typed parameters (DESIGN.md: no free text
 * chosen by a user goes into a message as written). Names pass the person-name rule
 * (shared/person-name.ts) or are replaced by a neutral word; a payee's name is reduced to letters;
 * codes are six digits; links are built here, from the app's own origin.
 */

import type { Language } from '../../shared/language.ts';
import { accountEnding } from '../../shared/mask.ts';
import { canonicalAmount, type Transaction } from '../../shared/payee.ts';
import { isPersonName } from '../../shared/person-name.ts';
import type { ProtectionChange } from '../../shared/protection.ts';
import { now } from '../core/clock.ts';
import type { OtpPurpose } from '../core/otp-rules.ts';
import type { Wording } from './wording.ts';
import { englishWording } from './wording-en.ts';
import { frenchWording } from './wording-fr.ts';

/** One table of words per language (wording.ts); the same checks for every language. */
const wordings: Record<Language, Wording> = { en: englishWording, fr: frenchWording };

export type Message =
  /** A one-time code; transaction codes name what they approve (PSD2 RTS art. 5, dynamic linking). */
  | { kind: 'otp'; purpose: OtpPurpose; code: string; transaction: Transaction | null }
  /** To a person just named a trusted contact. */
  | { kind: 'contact_nominated'; holder: string }
  /** To a chosen contact: their recovery code and the link to say "they did not ask me". */
  | { kind: 'contact_code'; holder: string; code: string; recoveryId: string; abortToken: string }
  /** To every contact when the quorum is reached. */
  | { kind: 'recovery_quorum'; holder: string; readyAt: number; recoveryId: string; abortToken: string }
  /** To the account's own phone: a change of how it is protected. */
  | { kind: 'announcement'; change: ProtectionChange };

export type MessageKind = Message['kind'];

/**
 * The one rule for codes (README, "Who may hear a code"), said the same way in every message:
 * a code you type into the app is never read to anyone — the bank included; a code for a call
 * says so and is read only to the agent on the call you are on now; a trusted contact's code goes
 * only to the person it names, after checking it is really them.
 */
const codePattern = /^\d{6}$/;
const tokenPattern = /^[A-Za-z0-9_-]{16,64}$/;
const idPattern = /^[0-9a-f]{64}$/;

/** A name as it may appear in a message: as given when it passes the rule, else `fallback`. */
export function nameInMessage(name: string | null | undefined, fallback: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  return isPersonName(trimmed) ? trimmed : fallback;
}

/** A payee's name in a message: upper case letters, spaces, hyphens, apostrophes, `&` and `.`; at most 40. */
export function payeeInMessage(name: string, thePayee = englishWording.thePayee): string {
  const letters = name
    .toUpperCase()
    .replace(/[^\p{L}\p{M}' &.-]/gu, ' ')
    .replace(/\.(?=\S)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...letters].slice(0, 40).join('').trim() || thePayee;
}

/** The link a contact opens to abort a recovery (the token rides in the fragment: never logged). */
export function abortUrl(origin: string, recoveryId: string, token: string): string {
  return `${origin}/recovery/abort#r=${recoveryId}&t=${token}`;
}

export interface MessageContext {
  /** The app's origin, for links. */
  origin: string;
  /** The passkey RP ID: the domain of the WebOTP line, so the phone offers the code to the app only. */
  rpId: string;
  /** The bank's name (BANK_NAME), as every message names it: set by the operator, never by a user. */
  bankName: string;
  /** The recipient account's language (the holder's, for a trusted contact); English when unknown. */
  language?: Language;
}

/** The text of a message, or null when its parameters are not what the template takes. */
export function render(message: Message, { origin, rpId, bankName: bank, language }: MessageContext): string | null {
  const words = (language && Object.hasOwn(wordings, language) ? wordings[language] : undefined) ?? englishWording;
  switch (message.kind) {
    case 'otp': {
      if (!codePattern.test(message.code)) return null;
      const text = otpText(words, message.purpose, message.code, message.transaction, bank);
      // WebOTP (origin-bound one-time codes): the last line lets the phone offer the code to the app
      // on this domain only. Not on a code that is read aloud: nobody types that one on this phone.
      return text && message.purpose !== 'call_fallback' ? `${text}\n\n@${rpId} #${message.code}` : text;
    }
    case 'contact_nominated': {
      return words.contactNominated(nameInMessage(message.holder, words.someone), bank);
    }
    case 'contact_code': {
      if (!codePattern.test(message.code) || !linkParts(message)) return null;
      const holder = nameInMessage(message.holder, words.someone);
      const link = abortUrl(origin, message.recoveryId, message.abortToken);
      return words.contactCode(holder, bank, message.code, link);
    }
    case 'recovery_quorum': {
      if (!Number.isFinite(message.readyAt) || !linkParts(message)) return null;
      const holder = nameInMessage(message.holder, words.someone);
      const when = message.readyAt > now() ? words.date(message.readyAt) : null;
      const link = abortUrl(origin, message.recoveryId, message.abortToken);
      return words.recoveryQuorum(holder, bank, when, link);
    }
    case 'announcement':
      // Fixed wording (shared/protection.ts): no name a user chose goes into an announcement.
      return Object.hasOwn(words.changes, message.change)
        ? words.announcement(words.changes[message.change as ProtectionChange], bank)
        : null;
  }
}

const linkParts = (m: { recoveryId: string; abortToken: string }) =>
  idPattern.test(m.recoveryId) && tokenPattern.test(m.abortToken);

function otpText(
  words: Wording,
  purpose: OtpPurpose,
  code: string,
  transaction: Transaction | null,
  bank: string,
): string | null {
  const payee = transaction
    ? words.payee(payeeInMessage(transaction.payee.name, words.thePayee), accountEnding(transaction.payee.account))
    : '';
  switch (purpose) {
    case 'add_payee':
      return transaction ? words.otp.add_payee(code, payee) : null;
    case 'payment': {
      const amount = transaction?.amount;
      return amount
        ? words.otp.payment(code, words.amount(canonicalAmount(amount.value), amount.currency.toUpperCase()), payee)
        : null;
    }
    case 'sign_in':
    case 'recovery':
    case 'enrol_phone':
      return words.otp[purpose](code, bank);
    case 'call_fallback':
      return words.otp.call_fallback(code);
    default:
      return null;
  }
}
