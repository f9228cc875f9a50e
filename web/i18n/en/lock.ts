/** English: locking the account after "This wasn't me" (Home) and the agent's unlock on a verified call. */
import { catalogue } from '../index.ts';

export const english = {
  notMe: "This wasn't me",
  chooseHeading: 'Protect your account now',
  chooseIntro: 'If someone else did this, lock your account, then call {bank}. You can do both.',
  lockExplained:
    'Locking signs out every other device at once and stops any recovery of your account. Until {bank} unlocks it, nobody can make payments, add payees, add or remove passkeys, or change your phone or trusted contacts. This device stays signed in so you can call us.',
  lockButton: 'Lock my account',
  locking: 'Locking your account…',
  callBank: 'Call {bank} on {phone}',
  back: 'Back',
  lockedHeading: 'Your account is locked',
  lockedSince: 'Locked on {when}.',
  lockedWhat:
    'Every other device was signed out and any recovery was stopped. Nobody can make payments, add payees, add or remove passkeys, or change your phone or trusted contacts.',
  lockedNext:
    'What to do now: call {bank} on {phone}. The agent verifies the call with you in this app, then unlocks your account.',
  agentHeading: 'The customer’s account is locked',
  agentSince: 'The customer locked it on {when}: they saw something in their app that they say they did not do.',
  agentVerifyFirst:
    'Verify the caller first. Once the call is verified both ways, you can unlock the account here. Do not unlock it for a caller you have not verified.',
  agentCanUnlock:
    'The call is verified. Unlock the account only if the customer asks you to after you talked it through.',
  unlockButton: 'Unlock account',
  unlocking: 'Unlocking…',
  unlocked: 'The account is unlocked. The customer can use it again.',
} as const;

export const t = catalogue(english, () => import('../fr/lock.ts'));
