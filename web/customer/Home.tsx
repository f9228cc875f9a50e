/**
 * The customer's screens by task (web/customer/Tabs.tsx): Home (whether the bank is calling, call
 * alerts, a recovery of the account or a contact's request for help, the account), Payments (payees,
 * approve a payment, recent payments) and Security (phone, trusted contacts, sign-in settings,
 * connected apps, passkeys, security events). Back online after being offline, the screen reloads
 * its data by itself.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/en/core.ts';
import type { Account } from '../passkey.ts';
import { readBank } from '../ui/bank.ts';
import { Lazy } from '../ui/Lazy.tsx';
import { Passkeys } from '../ui/Passkeys.tsx';
import { SecurityEvents } from '../ui/SecurityEvents.tsx';
import { useOnline } from '../ui/Shell.tsx';
import { when } from '../ui/time.ts';
import { BankingLoader } from './BankingLoader.tsx';
import { CallCard } from './CallCard.tsx';
import { LanguageChoice } from './LanguageChoice.tsx';
import { PushToggle } from './PushToggle.tsx';
import { Tabs, useScreen } from './Tabs.tsx';

// Its own chunk: most customers never see these cards, and the first load stays small.
const loadRecoveryAlerts = () => import('./RecoveryAlerts.tsx').then((m) => m.RecoveryAlerts);
const loadUrgentCards = () => import('./UrgentCards.tsx').then((m) => m.UrgentCards);
// A call's screens are a chunk of their own too, fetched as soon as a call is open.
const loadCustomerCall = () => import('./CustomerCall.tsx').then((m) => m.CustomerCall);

/** A count that goes up each time the device comes back online: keys the screen so it reloads. */
function useReconnects(): number {
  const online = useOnline();
  const [count, setCount] = useState(0);
  const was = useRef(online);
  useEffect(() => {
    if (online && !was.current) setCount((n) => n + 1);
    was.current = online;
  }, [online]);
  return count;
}

export function CustomerHome({ account }: { account: Account }) {
  const [refresh, setRefresh] = useState(0);
  const [openCall, setOpenCall] = useState<string | null>(null);
  const [securityNotice, setSecurityNotice] = useState<string | null>(null);
  const [screen, go] = useScreen();
  const reconnects = useReconnects();
  const changed = () => setRefresh((n) => n + 1);
  // The bank's name and real number, ready before a call's outcome needs them.
  useEffect(() => void readBank(), []);
  if (openCall)
    return (
      <Lazy
        key={openCall}
        load={loadCustomerCall}
        props={{ id: openCall, onClose: () => setOpenCall(null) }}
        loading={t('openingCall')}
      />
    );
  return (
    <>
      <Tabs screen={screen} onGo={go} />
      <div key={`${screen}-${reconnects}`}>
        {screen === 'home' && (
          <>
            <h1 tabIndex={-1}>{t('hello', { name: account.displayName })}</h1>
            <Lazy load={loadUrgentCards} props={{ handle: account.handle }} loading={null} />
            {securityNotice && (
              <div class="card" role="alert">
                <p class="warning">{t('notYou', { what: securityNotice })}</p>
                <button type="button" class="secondary" onClick={() => setSecurityNotice(null)}>
                  {t('dismiss')}
                </button>
              </div>
            )}
            <CallCard
              onOpen={setOpenCall}
              onSecurity={(what) => {
                setSecurityNotice(what);
                changed();
              }}
            />
            <PushToggle />
            <Lazy load={loadRecoveryAlerts} props={{ onChange: changed }} loading={null} />
            <section class="card" aria-labelledby="account-heading">
              <h2 id="account-heading">{t('yourAccount')}</h2>
              <dl class="facts">
                <dt>{t('handle')}</dt>
                <dd>{account.handle}</dd>
                <dt>{t('mobile')}</dt>
                <dd>{account.phone ?? t('notGiven')}</dd>
                <dt>{t('memberSince')}</dt>
                <dd>{when(account.createdAt)}</dd>
              </dl>
            </section>
          </>
        )}
        {screen === 'payments' && (
          <>
            <h1 tabIndex={-1}>{t('payments')}</h1>
            <BankingLoader screen="payments" onChange={changed} />
          </>
        )}
        {screen === 'security' && (
          <>
            <h1 tabIndex={-1}>{t('security')}</h1>
            <LanguageChoice onChange={changed} />
            <BankingLoader screen="security" onChange={changed} />
            <Passkeys onChange={changed} />
            <SecurityEvents refresh={refresh} />
          </>
        )}
      </div>
    </>
  );
}
