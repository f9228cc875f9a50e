/** English: the recovery cards at the top of Home (web/customer/OwnRecoveries.tsx, HelpRequests.tsx). */
import { catalogue } from '../index.ts';

export const english = {
  collecting: 'Your trusted contacts are being asked for codes. It cannot complete until enough of them approve.',
  readyOn: 'Enough of your trusted contacts approved. It can complete on {when}, unless you cancel it.',
  readyNow:
    'Enough of your trusted contacts approved. It can complete now: whoever started it can add a passkey to your account at any moment.',
  cancelled:
    'The recovery is cancelled: nobody can get into your account with it. If you did not start it, someone knows your phone number: tell your trusted contacts not to give anyone a code.',
  ownHeading: 'Recovery of your account under way',
  ownAlert: 'Someone is trying to recover your account with your trusted contacts.',
  started: 'Started {when}.',
  confirmCancel:
    'Cancel this recovery? Whoever started it will not get into your account. If it was you, on a new device, keep it.',
  yesCancel: 'Yes, cancel it',
  itWasMe: 'No, it was me',
  notMe: 'Cancel this recovery — it is not me',
  approved: "You approved {name}'s request. It counts as your code: there is nothing more to do.",
  stopped:
    "You stopped this recovery of {name}'s account and we reported it. Nobody gets in with it. If it was really them, they can start again.",
  helpHeading: 'Someone asks for your help',
  namedYou: '{name} is trying to get back into their account and named you as a trusted contact.',
  checkFirst:
    'Before you approve, check it is really them: call them back on a number you know, or see them. Do not approve only because someone asked you to, by message or on a call they made.',
  askedAt: 'Asked at {asked}; this request ends at {ends}.',
  notAsked:
    "They did not ask you? Then someone else is trying to get into {name}'s account. This stops the recovery at once and reports it to the bank.",
  stopAndReport: 'Yes, stop it and report it',
  goBack: 'Go back',
  itIsThem: 'It is them — approve with my passkey',
  didNotAsk: 'They did not ask me',
  waitingPasskey: 'Waiting for your passkey…',
} as const;

export const t = catalogue(english, () => import('../fr/recoveryAlerts.ts'));
