/** Two-way call verification: the request bodies (the views are in call-view.ts). */
import * as z from 'zod/mini';
import { handleSchema } from './api.ts';
import { textField, textLimits } from './text.ts';

export * from './call-view.ts';

export const startCallBody = z.strictObject({ customer: handleSchema });

/** The agent's fallback for a customer without the app: a code to their registered phone. */
export const fallbackCodeBody = z.strictObject({
  customer: handleSchema,
  channel: z.enum(['sms', 'call'], { error: 'Choose sms or call.' }),
});

/** A six-digit code as read aloud: spaces and dashes are ignored. */
export const codeBody = z.strictObject({
  code: z.string({ error: 'Enter the six-digit code.' }).check(
    z.overwrite((v) => v.replace(/[\s-]/g, '')),
    z.regex(/^\d{6}$/, { error: 'Enter the six digits of the code.' }),
  ),
});

export const reportBody = z.strictObject({
  note: z.optional(textField(textLimits.reportNote, 'Say what happened.')),
});

export const callIdParam = z.strictObject({
  id: z.string().check(z.regex(/^[0-9a-f]{64}$/, { error: 'Not a call id.' })),
});
