/** English: the customer's Payments and Security screens (web/customer/Banking.tsx, a chunk of its own). */
import { catalogue } from '../index.ts';

export const english = {
  signInSettings: 'Sign-in settings',
} as const;

export const t = catalogue(english, () => import('../fr/banking.ts'));
