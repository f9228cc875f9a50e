/** Schemas and wire types of API keys (issued by admins) and aggregator consents (set by customers). */
import * as z from 'zod/mini';
import { textField, textLimits } from './text.ts';

/**
 * `verifications`: send and check codes; `aggregator`: read consenting accounts; `audit`: read the
 * security-event export; `customers`: set the bank's customer references.
 */
export const apiKeyScopeSchema = z.enum(['verifications', 'aggregator', 'audit', 'customers'], {
  error: 'Choose verifications, aggregator, audit or customers.',
});

export type ApiKeyScope = z.output<typeof apiKeyScopeSchema>;

export const issueApiKeyBody = z.strictObject({
  name: textField(textLimits.apiKeyName, 'Name the system that will use this key.'),
  scopes: z
    .array(apiKeyScopeSchema, { error: 'Choose at least one scope.' })
    .check(z.minLength(1, { error: 'Choose at least one scope.' }), z.maxLength(4)),
});
export type IssueApiKeyBody = z.input<typeof issueApiKeyBody>;

export const apiKeyIdParam = z.strictObject({
  id: z.string().check(z.regex(/^[0-9a-f]{16}$/, { error: 'Not an API key id.' })),
});

export const consentBody = z.strictObject({ allowed: z.boolean({ error: 'Say true or false.' }) });

export interface ApiKeyWire {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
}

/** An aggregator as a customer sees it in settings. */
export interface AggregatorWire {
  id: string;
  name: string;
  allowed: boolean;
  allowedAt: number | null;
}
