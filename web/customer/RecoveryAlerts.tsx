/**
 * The recovery cards at the top of the home screen, loaded as their own chunk: a recovery
 * of this account under way, and requests from people who named this customer as a trusted contact.
 * Both show nothing while there is nothing to act on.
 */
import { HelpRequests } from './HelpRequests.tsx';
import { OwnRecoveries } from './OwnRecoveries.tsx';

export function RecoveryAlerts({ onChange }: { onChange: () => void }) {
  return (
    <>
      <OwnRecoveries onChange={onChange} />
      <HelpRequests onChange={onChange} />
    </>
  );
}
