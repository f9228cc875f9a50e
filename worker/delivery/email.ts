/**
 * E-mail over Postmark's HTTP API (`POST {base}/email`, JSON `From`, `To`, `Subject`, `TextBody`,
 * the server token in `X-Postmark-Server-Token`; success is 200 with a `MessageID`).
 */
import { postMessage, type Timing } from './http.ts';
import { type DeliveryProvider, notSent } from './types.ts';

export interface EmailConfig {
  baseUrl: string;
  serverToken: string;
  /** The sender, an address of a domain or signature confirmed with the provider. */
  from: string;
  /** The bank's name, for the subject ("Your <bank> code"); "Countersign" when not given. */
  bankName?: string;
}

export interface EmailVars {
  EMAIL_BASE_URL?: string;
  EMAIL_SERVER_TOKEN?: string;
  EMAIL_FROM?: string;
}

/** The e-mail adapter; sms and call are not its channels. */
export function emailProvider(config: EmailConfig, timing?: Timing): DeliveryProvider {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/email`;
  const subject = `Your ${config.bankName ?? 'Countersign'} code`;
  return {
    async send(channel, to, text) {
      if (channel !== 'email') return notSent('rejected', `e-mail does not send ${channel}`);
      const headers = {
        'X-Postmark-Server-Token': config.serverToken,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      };
      const body = JSON.stringify({ From: config.from, To: to, Subject: subject, TextBody: text });
      return postMessage(url, { headers, body }, (a) => a.MessageID, timing);
    },
  };
}

/** The adapter from the environment, or null without a token and a sender. */
export function emailFromEnv(vars: EmailVars, bankName?: string, timing?: Timing): DeliveryProvider | null {
  const { EMAIL_SERVER_TOKEN: serverToken, EMAIL_FROM: from } = vars;
  if (!serverToken || !from) return null;
  const baseUrl = vars.EMAIL_BASE_URL || 'https://api.postmarkapp.com';
  return emailProvider({ baseUrl, serverToken, from, ...(bankName ? { bankName } : {}) }, timing);
}
