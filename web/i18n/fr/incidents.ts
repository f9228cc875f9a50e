/** Français : les incidents d’appel que voient les conseillers et les administrateurs. */
import type { english } from '../en/incidents.ts';
import type { Translation } from '../index.ts';

export default {
  reported: 'Signalé par le client',
  denied: 'Le client a déclaré ne pas être en ligne : n’effectuez aucune opération sur ce compte',
  recoveryAborted: 'Récupération du compte arrêtée : le titulaire n’avait pas sollicité ce contact de confiance',
  failedAgentCode: 'Échec : le client a saisi un code conseiller erroné trop de fois',
  failedCustomerCode: 'Échec : le code du client a été erroné trop de fois',
  failed: 'Échec',
  heading: 'Incidents d’appel',
  hint: 'Les vérifications d’appel échouées, les appels signalés par les clients et ceux où les clients ont déclaré ne pas être en ligne.',
  loading: 'Chargement des incidents…',
  none: 'Aucun incident.',
  caption: 'Incidents d’appel, du plus récent au plus ancien',
  when: 'Date',
  what: 'Nature',
  agent: 'Conseiller',
  customer: 'Client',
  note: 'Note',
  loadingShort: 'Chargement…',
  refresh: 'Actualiser les incidents',
} satisfies Translation<typeof english>;
