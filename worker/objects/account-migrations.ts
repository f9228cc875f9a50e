/**
 * The Account object's schema versions (schema-migrations.ts). Version 1 is the schema from before
 * migrations: the tables of account-schema.ts, account-push.ts, account-banking.ts,
 * account-grants.ts and account-recovery.ts, in the order the constructors used to create them.
 * Version 2 adds `security_outbox` (security-export.ts).
 */

import { bankingSchema } from './account-banking.ts';
import { grantsSchema } from './account-grants.ts';
import { pushSubscriptionSchema } from './account-push.ts';
import { recoverySchema } from './account-recovery.ts';
import { accountSchema } from './account-schema.ts';
import type { Migration } from './schema-migrations.ts';
import { securityOutboxSchema } from './security-export.ts';

export const accountMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial',
    up: (sql) => {
      for (const schema of [accountSchema, pushSubscriptionSchema, bankingSchema, grantsSchema, recoverySchema]) {
        sql.exec(schema);
      }
    },
  },
  // The SIEM export (issue 12): audit rows not yet delivered to their SecurityLog shard. Rows written
  // before this version are not queued: the export starts with the events after the deployment.
  { version: 2, name: 'security export outbox', up: securityOutboxSchema },
];
