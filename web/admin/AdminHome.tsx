/** The admin's home: staff, invites, API keys, webhooks, and the admin's own passkeys and security events. */
import { useState } from 'preact/hooks';
import { LanguageChoice } from '../customer/LanguageChoice.tsx';
import { t } from '../i18n/en/admin.ts';
import type { Account } from '../passkey.ts';
import { Incidents } from '../ui/Incidents.tsx';
import { Lazy } from '../ui/Lazy.tsx';
import { Passkeys } from '../ui/Passkeys.tsx';
import { SecurityEvents } from '../ui/SecurityEvents.tsx';
import { Invites } from './Invites.tsx';
import { Staff } from './Staff.tsx';

export function AdminHome({ account }: { account: Account }) {
  const [refresh, setRefresh] = useState(0);
  return (
    <>
      <h1>{t('adminHeading')}</h1>
      <p>{t('signedInAs', { name: account.displayName })}</p>
      <Staff selfId={account.id} />
      <Invites />
      <Lazy
        load={() => import('./Integrations.tsx').then((m) => m.Integrations)}
        props={{}}
        loading={t('loadingIntegrations')}
      />
      <Incidents />
      <LanguageChoice onChange={() => setRefresh((n) => n + 1)} />
      <Passkeys onChange={() => setRefresh((n) => n + 1)} />
      <SecurityEvents refresh={refresh} />
    </>
  );
}
