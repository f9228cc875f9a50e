/**
 * SMS and voice over the Twilio REST API (2010-04-01), or any server that speaks it: SignalWire's
 * compatibility API (`https://{space}.signalwire.com/api/laml`), Restcomm-style servers.
 */
import { postMessage, type Timing } from './http.ts';
import { type DeliveryProvider, notSent } from './types.ts';

export interface TwilioConfig {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** The number messages and calls come from (E.164); calls need it. */
  from?: string;
  /** A Messaging Service SMS are sent through instead of `from`, when set. */
  messagingServiceSid?: string;
}

export interface TwilioVars {
  TWILIO_BASE_URL?: string;
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_FROM?: string;
  TWILIO_MESSAGING_SERVICE_SID?: string;
}

const xmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * The TwiML of a voice call: the text said twice, any 6-digit code (also grouped `482 915`) read
 * one digit at a time with a pause at each comma, so that it can be written down.
 */
export function voiceTwiml(text: string): string {
  const spoken = text
    .replace(/\b(\d{3}) ?(\d{3})\b/g, (code) => `${code.replace(' ', '').split('').join(', ')},`)
    .replace(/[&<>"']/g, (c) => xmlEscapes[c] as string);
  return `<Response><Say>${spoken}</Say><Pause length="1"/><Say>${spoken}</Say></Response>`;
}

/** The Twilio-compatible adapter; email is not its channel. */
export function twilioProvider(config: TwilioConfig, timing?: Timing): DeliveryProvider {
  const base = `${config.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}`;
  const headers = {
    Authorization: `Basic ${btoa(`${config.accountSid}:${config.authToken}`)}`,
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  const post = (resource: string, fields: Record<string, string>) =>
    postMessage(`${base}/${resource}.json`, { headers, body: new URLSearchParams(fields) }, (a) => a.sid, timing);
  return {
    async send(channel, to, text) {
      if (channel === 'sms') {
        const sender: Record<string, string> = config.messagingServiceSid
          ? { MessagingServiceSid: config.messagingServiceSid }
          : { From: config.from ?? '' };
        return post('Messages', { To: to, ...sender, Body: text });
      }
      if (channel === 'call') {
        if (!config.from) return notSent('rejected', 'TWILIO_FROM is needed for voice calls');
        return post('Calls', { To: to, From: config.from, Twiml: voiceTwiml(text) });
      }
      return notSent('rejected', `twilio does not send ${channel}`);
    },
  };
}

/** The adapter from the environment, or null without an account, a token and a sender. */
export function twilioFromEnv(vars: TwilioVars, timing?: Timing): DeliveryProvider | null {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken } = vars;
  if (!accountSid || !authToken || !(vars.TWILIO_FROM || vars.TWILIO_MESSAGING_SERVICE_SID)) return null;
  return twilioProvider(
    {
      baseUrl: vars.TWILIO_BASE_URL || 'https://api.twilio.com',
      accountSid,
      authToken,
      from: vars.TWILIO_FROM || undefined,
      messagingServiceSid: vars.TWILIO_MESSAGING_SERVICE_SID || undefined,
    },
    timing,
  );
}
