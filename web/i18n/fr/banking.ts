/** Français : les écrans Paiements et Sécurité du client. */
import type { english } from '../en/banking.ts';
import type { Translation } from '../index.ts';

export default {
  signInSettings: 'Paramètres de connexion',
} satisfies Translation<typeof english>;
