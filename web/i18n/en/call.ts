/** English: the urgent cards on Home and the report of a call (lazily loaded parts of the customer's app). */
import { catalogue } from '../index.ts';

export const english = {
  recoveryStarted: 'Someone started a recovery of your account with your trusted contacts.',
  recoveryAborted: 'One of your trusted contacts stopped a recovery of your account: they had not been asked.',
  newPasskey: 'A new passkey was added to your account.',
  phoneChanged: 'The phone number of your account changed.',
  newCountry: 'Someone signed in to your account from a country you had not signed in from before.',
  newCountryNamed: 'Someone signed in to your account from a country you had not signed in from before ({country}).',
  wasThisYou: 'Was this you?',
  happenedTimes: ' This happened {n} times.',
  lastOn: 'Last on {when}',
  wasMe: 'This was me',
  reportHeading: 'Report this call',
  reportHint: 'Tell us what the caller said or asked for. Our fraud team reads every report.',
  whatHappened: 'What happened? (optional)',
  sendingReport: 'Sending your report…',
  reported: 'Thank you: your report was recorded. Our fraud team will look at it.',
} as const;

export const t = catalogue(english, () => import('../fr/call.ts'));
