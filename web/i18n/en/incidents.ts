/** English: the call incidents that agents and admins see (web/ui/Incidents.tsx, loaded with the staff screens). */
import { catalogue } from '../index.ts';

export const english = {
  reported: 'Reported by the customer',
  denied: 'The customer said they were not on a call: do not act on this account',
  recoveryAborted: 'Account recovery stopped: a trusted contact was not asked by the holder',
  failedAgentCode: 'Failed: the customer typed a wrong agent code too many times',
  failedCustomerCode: 'Failed: the customer’s code was wrong too many times',
  failed: 'Failed',
  heading: 'Call incidents',
  hint: 'Call verifications that failed, calls customers reported, and calls customers said they were not on.',
  loading: 'Loading incidents…',
  none: 'No incidents.',
  caption: 'Call incidents, newest first',
  when: 'When',
  what: 'What',
  agent: 'Agent',
  customer: 'Customer',
  note: 'Note',
  loadingShort: 'Loading…',
  refresh: 'Refresh incidents',
} as const;

export const t = catalogue(english, () => import('../fr/incidents.ts'));
