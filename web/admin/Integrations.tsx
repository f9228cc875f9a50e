/** Admin: what the bank's systems use, API keys and webhooks, in one lazily loaded chunk. */
import { ApiKeys } from './ApiKeys.tsx';
import { Webhooks } from './Webhooks.tsx';

export function Integrations() {
  return (
    <>
      <ApiKeys />
      <Webhooks />
    </>
  );
}
