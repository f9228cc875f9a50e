/** English: the first steps after sign-up and the sign-in step-up (web/welcome/FirstSteps.tsx, StepUp.tsx). */
import { catalogue } from '../index.ts';

export const english = {
  welcomeName: 'Welcome, {name}',
  ready: 'Your account is ready. Two things make it safer, and each takes a moment.',
  phoneVerified: 'Your phone {masked} is verified.',
  knowCalling: 'Know when your bank is really calling',
  whenCalls: 'When someone from your bank calls you, this app shows who is asking, so you can check it is really them.',
  noAlerts: ' This browser cannot show call alerts: when your bank calls, open this app to check who is calling.',
  turnOnHint: ' Turn on call alerts to see it even when the app is closed.',
  continue: 'Continue to the app',
  checkMobile: 'Check your mobile number',
  codesGoTo:
    'Codes for payees, payments and unusual sign-ins go to {phone} once it is checked with the code we send to it.',
  sendingCode: 'Sending the code…',
  verifyPhone: 'Verify my phone',
  codeCancelled: 'Cancelled. The code we sent no longer works.',
  sendNew: 'Send a new code',
  later: 'Later: I will do it under Security',
  new_country: 'You are signing in from a country you have not signed in from before.',
  impossible_travel:
    'You signed in from somewhere else a short while ago, too far away for anyone to have travelled here since.',
  new_device: 'You are signing in with a passkey or device you have not signed in with before.',
  always: 'You asked us to always send a code when you sign in.',
  codeGone:
    'This code no longer works: too many wrong tries, or it expired. Start again and sign in with your passkey once more.',
  checkYou: 'Check it is you',
  passkeyWorked: 'Your passkey worked. This sign-in is not like your usual ones, so we also sent you a code:',
  signInCode: 'Your sign-in code',
  checkAndSignIn: 'Check the code and sign in',
  startAgain: 'Start again',
  notSigningIn: 'If you are not signing in right now, do not type or share this code.',
} as const;

export const t = catalogue(english, () => import('../fr/welcome.ts'));
