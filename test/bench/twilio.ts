/**
 * A local Twilio-compatible Messages API for `npm run bench`: the worker delivers through its
 * Twilio adapter (DELIVERY = "twilio"), as in production, to this server. It checks basic auth and
 * the form fields, answers as Twilio documents (201 with the message resource: `sid`, `status`
 * "queued"), and keeps the last text per recipient so the bench can read a code it was sent.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export const benchTwilio = {
  accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
  authToken: 'bench-twilio-auth-token-0123456789',
  from: '+447700900000',
};

export interface TwilioStub {
  url: string;
  /** The vars that point the worker's Twilio adapter here. */
  vars: Record<string, string>;
  /** Messages accepted, and requests refused (a malformed one would be a bug of the worker). */
  counts: { accepted: number; refused: number };
  /** The last text sent to `to`. */
  lastText(to: string): string | undefined;
  stop(): Promise<void>;
}

export async function startTwilio(): Promise<TwilioStub> {
  const last = new Map<string, string>();
  const counts = { accepted: 0, refused: 0 };
  const auth = `Basic ${Buffer.from(`${benchTwilio.accountSid}:${benchTwilio.authToken}`).toString('base64')}`;
  const path = `/2010-04-01/Accounts/${benchTwilio.accountSid}/Messages.json`;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const refuse = (status: number, code: number, message: string) => {
        counts.refused += 1;
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
      };
      if (req.method !== 'POST' || req.url !== path) return refuse(404, 20404, 'The requested resource was not found');
      if (req.headers.authorization !== auth) return refuse(401, 20003, 'Authenticate');
      if (!fields.To || !fields.Body || fields.From !== benchTwilio.from)
        return refuse(400, 21604, 'Missing parameter');
      counts.accepted += 1;
      last.set(fields.To, fields.Body);
      const sid = `SM${randomBytes(16).toString('hex')}`;
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          sid,
          account_sid: benchTwilio.accountSid,
          to: fields.To,
          from: fields.From,
          body: fields.Body,
          status: 'queued',
          api_version: '2010-04-01',
          date_created: new Date().toUTCString(),
          uri: `/2010-04-01/Accounts/${benchTwilio.accountSid}/Messages/${sid}.json`,
        }),
      );
    });
  });
  // Many sends at once: keep the worker's connections open between them.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    vars: {
      DELIVERY: 'twilio',
      TWILIO_BASE_URL: url,
      TWILIO_ACCOUNT_SID: benchTwilio.accountSid,
      TWILIO_AUTH_TOKEN: benchTwilio.authToken,
      TWILIO_FROM: benchTwilio.from,
    },
    counts,
    lastText: (to) => last.get(to),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
