/** English: pieces of web/ui/ that customers and staff share, and the API client's own messages (the first load). */
import { catalogue } from '../index.ts';

export const english = {
  offline: 'You are offline. The app needs a connection to check who you are.',
  serverAnswered: 'The server answered {status}. Try again.',
  passkeyCancelled: 'The passkey request was cancelled or timed out. Try again.',
  passkeyExists: 'This device already holds a passkey for this account.',
  somethingWrong: 'Something went wrong. Try again.',
  callCardNumber: 'Call the number on the back of your card.',
  now: 'now',
  copyNow: 'Copy it now: it will not be shown again.',
  copied: 'Copied to the clipboard.',
  copyYourself: 'This browser did not let us copy. The key is selected: copy it yourself.',
  tooManyWrong: 'Too many wrong codes: this code no longer works. Start again.',
  codeExpired: 'This code has expired. Start again to get a new one.',
  codeCancelled: 'This code was cancelled.',
  codeClosed: 'This code no longer works. Start again.',
} as const;

export const t = catalogue(english, () => import('../fr/ui.ts'));
