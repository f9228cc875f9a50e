/** The bank's messages in English (wording.ts): the default for a recipient of unknown language. */
import { protectionChangeText } from '../../shared/protection.ts';
import type { Wording } from './wording.ts';

const typeIt = 'Never read it to anyone, not even to the bank: type it into the app.';

export const englishWording: Wording = {
  typeIt,
  someone: 'Someone you know',
  thePayee: 'THE PAYEE',
  payee: (name, ending) => `${name}, account ending ${ending}`,
  amount: (value, currency) => `${value} ${currency}`,
  date: (at) => new Date(at).toUTCString(),
  otp: {
    add_payee: (code, payee) => `Code ${code} adds payee ${payee}. ${typeIt}`,
    payment: (code, amount, payee) => `Code ${code} approves paying ${amount} to ${payee}. ${typeIt}`,
    sign_in: (code, bank) => `Code ${code} signs you in to ${bank}. ${typeIt}`,
    recovery: (code, bank) =>
      `Code ${code} recovers your ${bank} account. ${typeIt} If you did not ask for it, someone else is trying to get into your account: do not use it.`,
    enrol_phone: (code, bank) => `Code ${code} confirms this number for your ${bank} account. ${typeIt}`,
    call_fallback: (code) =>
      `Code ${code}: read it only to the bank agent on the call you are on now, and only if the bank is verifying you on that call. Never type it anywhere, never give it to anyone else.`,
  },
  contactNominated: (holder, bank) =>
    `${holder} named you as a trusted contact for their ${bank} account. If they ever ask you for a ${bank} code, first check it is really them: call them back on a number you know, or see them. Only then share the code.`,
  contactCode: (holder, bank, code, link) =>
    `${holder} asked you for a code to get back into their ${bank} account. First check it is really them: call them back on a number you know, or see them. Then give this code only to them: ${code}. If they did not ask you, open ${link}`,
  recoveryQuorum: (holder, bank, when, link) =>
    `${holder}'s ${bank} account can be recovered ${when ? `on ${when}` : 'now'} with their trusted contacts' codes. If they did not ask you for a code, open ${link} to stop it.`,
  changes: protectionChangeText,
  announcement: (change, bank) =>
    `${bank}: ${change} If this was not you, open the app now or call us on the number on your card.`,
};
