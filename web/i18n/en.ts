/**
 * The English catalogue: every text of the app, by key. Every other catalogue has exactly these keys
 * (`Catalogue`) and the same `{placeholders}` per key (catalogues.test.ts).
 */
export const en = {
  'app.loading': 'Loading your account…',
  'app.loadingPart': 'Loading…',
  'lazy.failed': 'This part of the app could not be loaded. Check your connection, then reload the page.',
  'app.unreachable': 'Cannot reach Countersign',
  'app.unreachableSafe': 'Your passkeys and account are safe. Try again when you have a connection.',
  'app.tryAgain': 'Try again',
  'shell.signOut': 'Sign out',
  'shell.offline': 'You are offline. What you see may be out of date; nothing can be verified until you reconnect.',
} as const;

export type MessageKey = keyof typeof en;
/** A catalogue: a text for every key of the English one, no more, no less. */
export type Catalogue = { readonly [key in MessageKey]: string };
