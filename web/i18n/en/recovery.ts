/**
 * English: account recovery with trusted contacts (web/recovery, a lazily loaded chunk): the
 * recovering device's steps, and the page a contact opens from the link in their text message.
 */
import { catalogue } from '../index.ts';

export const english = {
  // The start (StartRecovery.tsx, Recovery.tsx).
  looking: 'Looking for a recovery started on this device…',
  recoverHeading: 'Recover your account',
  recoverIntro:
    'Lost every device with your passkey? You can get back in with a code sent to your phone and codes from the trusted contacts you named.',
  enterIdentifier: 'Enter your handle or your phone number.',
  identifierLabel: 'Your handle or phone number',
  identifierHint: 'The handle you chose, or your verified mobile number in international format, like +44 7911 123456.',
  sendingCode: 'Sending a code…',
  sendCode: 'Send me a code',
  backToSignIn: 'Back to sign in',
  startAgain: 'Start again',
  endedStartAgain: 'This recovery has ended. Start again.',
  // The code to the account's own phone (FirstCode.tsx).
  checkPhone: 'Check it is your phone',
  sentTo: 'We sent a code to {to} by text message.',
  notYourPhone: 'If that is not your phone any more, this way of recovering your account will not work.',
  firstCodeLabel: 'The code we sent you',
  checkCode: 'Check the code',
  notRight: 'That code is not right. {tries}.',
  firstTooMany: 'Too many wrong codes: that code no longer works. Start again.',
  firstClosed: 'That code has expired or no longer works. Start again.',
  // The contacts to ask (ChooseContacts.tsx).
  askHeading: 'Ask your trusted contacts',
  askIntro:
    'Each contact you choose gets a code by text message, or a request in their own {bank} app. Before they share it, they will check that it is really you asking: call them, so that they can.',
  yourContacts: 'Your trusted contacts',
  askThese: 'Ask these contacts',
  chooseAtLeast: 'Choose at least {n}.',
  asking: 'Asking them…',
  // Their codes (CollectCodes.tsx, ContactCode.tsx).
  codesHeading: 'Codes from your contacts',
  codesIntro:
    'Call each contact you asked. Once they have checked that it is really you, they read you the code we sent them — or they approve in their own {bank} app, and this screen shows it by itself.',
  confirmedBy: 'Confirmed by {approvals} of the {quorum} contacts needed.',
  notSent: 'We could not send a text message to {names}. Ask another contact.',
  askAnother: 'Ask another contact',
  notAskedYet: 'Contacts not asked yet',
  askThemToo: 'Ask them too',
  approved: 'Approved: they confirmed it is you.',
  appExpired: 'Expired: they did not approve in time. Ask another contact.',
  askedInApp: 'Asked in their {bank} app: this shows approved once they approve there.',
  locked: 'Locked: too many wrong codes. Ask another contact.',
  codeExpired: 'Expired: their code is too old now. Ask another contact.',
  wrongCode: 'Wrong code. {tries}.',
  waitingCode: 'Waiting for their code, or for their approval in the app.',
  codeFrom: 'Code from {name}',
  checkCodeFrom: 'Check the code from {name}',
  // The wait (Waiting.tsx).
  almostThere: 'Almost there',
  recoverableOn:
    'Your contacts confirmed it is you. For your safety, your account can be recovered on {when}. Every device of yours and every contact has been told.',
  recoverableSoon:
    'Your contacts confirmed it is you. For your safety, your account can be recovered soon. Every device of yours and every contact has been told.',
  keepOpen:
    'Keep this page open, or come back to it on this device: it moves on by itself. If someone stops the recovery from one of your devices in the meantime, it ends here.',
  // The new passkey (ReadyPasskey.tsx).
  createHeading: 'Create your new passkey',
  canRecoverNow: 'Your contacts confirmed it is you. Your account can be recovered now.',
  revokeOthers: 'Sign out every other device and passkey (recommended if your device was lost or stolen)',
  othersStay: 'Your other devices stay signed in, and their passkeys keep working.',
  deviceWillAsk: 'This device will ask for your fingerprint, face or screen lock.',
  creatingPasskey: 'Creating your passkey…',
  createPasskey: 'Create a passkey on this device',
  // The endings (Ended.tsx).
  stoppedTitle: 'Recovery stopped',
  stoppedText: 'One of your contacts said you did not ask them. This recovery was stopped.',
  cancelledTitle: 'Recovery cancelled',
  cancelledText: 'This recovery was cancelled from a device that is signed in to the account.',
  endedTitle: 'Recovery ended',
  expiredText: 'This recovery ended: it took too long, or a code was wrong too many times.',
  endedText: 'This recovery has ended.',
  recoveredTitle: 'Account recovered',
  recoveredText: 'This recovery is complete. Sign in with the passkey you created.',
  // A contact's page, from the link in their text message (AbortPage.tsx).
  abortTitle: 'Stop a recovery · {bank}',
  didTheyAsk: 'Did they ask you for a code?',
  someoneRecovering:
    'Someone is trying to recover an account and named you as a trusted contact. If they did not ask you for a code, stop it here.',
  ifTheyDid:
    'If they did ask you, and you checked it is really them, there is nothing to do on this page. Never share a code with someone you have not checked.',
  stopping: 'Stopping the recovery…',
  stopIt: 'They did not ask me — stop this recovery',
  stoppedReported: 'The recovery was stopped and reported.',
  brokenLink: 'This link is incomplete. Open it again from the text message, exactly as it came.',
  endedAlready:
    'This recovery has ended already, or it was stopped: there is nothing more to do. If you think someone is trying to get into the account, tell them, or call the bank on the number on its card.',
} as const;

export const t = catalogue(english, () => import('../fr/recovery.ts'));
