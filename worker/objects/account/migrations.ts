/**
 * The Account object's schema versions (schema-migrations.ts). Version 1 is the schema from before
 * migrations: the tables of schema.ts, push-rows.ts, banking-rows.ts, grants.ts and
 * recovery-rows.ts (once account-schema.ts, account-push.ts, account-banking.ts, account-grants.ts
 * and account-recovery.ts), in the order the constructors used to create them. Version 2 adds
 * `security_outbox` (security-export.ts), version 3 the profile's language, version 4
 * `account_lock` (lock.ts).
 */

import type { Migration } from '../schema-migrations.ts';
import { securityOutboxSchema } from '../security-export.ts';
import { bankingSchema } from './banking-rows.ts';
import { grantsSchema } from './grants.ts';
import { accountLockSchema } from './lock.ts';
import { pushSubscriptionSchema } from './push-rows.ts';
import { recoverySchema } from './recovery-rows.ts';
import { accountSchema } from './schema.ts';

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
  // The SIEM export: audit rows not yet delivered to their SecurityLog shard. Rows written
  // before this version are not queued: the export starts with the events after the deployment.
  { version: 2, name: 'security export outbox', up: securityOutboxSchema },
  {
    // Issue 11: the language of the app and of the bank's messages, chosen per account.
    version: 3,
    name: 'profile language',
    up: 'ALTER TABLE profile ADD COLUMN language TEXT',
  },
  // The holder's lock ("This wasn't me"): a row while the account is locked (account/lock.ts).
  { version: 4, name: 'account lock', up: accountLockSchema },
];
