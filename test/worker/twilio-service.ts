/// <reference path="./provided-context.d.ts" />
/**
 * A local Twilio-compatible REST API and Postmark-compatible e-mail API for the worker tests
 * (vitest globalSetup: runs in Node, not in workerd). It checks each request as the providers
 * document it and answers as they do; the tests read what it received and how often it was tried.
 *
 *   POST /2010-04-01/Accounts/{AccountSid}/Messages.json   To, From | MessagingServiceSid, Body
 *   POST /2010-04-01/Accounts/{AccountSid}/Calls.json      To, From, Twiml
 *   POST /email                                            Postmark: { From, To, Subject, TextBody }
 *   GET  /log?to=<recipient>  → { attempts, accepted: [{ resource, fields }], refusals: [reason] }
 *
 * Designated recipients behave as Twilio's and Postmark's failures do: see `behaviours`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

const twilioAccount = {
  accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
  authToken: 'test-twilio-auth-token-0123456789',
  emailToken: 'test-postmark-server-token-0123',
};

/** Recipients that fail as designated; every other one is accepted. */
const behaviours: Record<string, 'invalid' | 'limited' | 'flaky' | 'down' | 'slow'> = {
  '+15005550001': 'invalid',
  '+15005550429': 'limited',
  '+15005550500': 'flaky',
  '+15005550503': 'down',
  '+15005550408': 'slow',
  // Slow too, for the decoy-timing test (test/worker/invariants/no-enumeration.test.ts), whose log is its own.
  '+15005550409': 'slow',
  'invalid@example.com': 'invalid',
  'limited@example.com': 'limited',
  'flaky@example.com': 'flaky',
  'down@example.com': 'down',
};

interface Log {
  attempts: number;
  accepted: { resource: string; fields: Record<string, string> }[];
  refusals: string[];
}

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly answer: Record<string, unknown>,
  ) {
    super(String(answer.message ?? answer.Message));
  }
}

/** Twilio's error body (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions). */
const twilioError = (status: number, code: number, message: string) =>
  new Refused(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

/** Postmark's error body (https://postmarkapp.com/developer/api/overview#response-codes). */
const postmarkError = (status: number, ErrorCode: number, Message: string) =>
  new Refused(status, { ErrorCode, Message });

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Exactly these fields, each non-empty, and nothing else. */
function onlyFields(fields: Record<string, string>, allowed: string[], refuse: (message: string) => Refused) {
  for (const name of Object.keys(fields)) if (!allowed.includes(name)) throw refuse(`Unexpected parameter ${name}`);
  for (const name of allowed) if (!fields[name]) throw refuse(`Missing parameter ${name}`);
}

/** Well-formed TwiML as the worker must send it: a <Response> of <Say> and <Pause/>, text XML-escaped. */
function checkTwiml(twiml: string) {
  const inner = /^<Response>((?:<Say>[^<>]*<\/Say>|<Pause length="\d+"\/>)+)<\/Response>$/.exec(twiml);
  if (!inner) throw twilioError(400, 12100, 'Document parse failure');
  if (/&(?!(amp|lt|gt|quot|apos);)/.test(twiml)) throw twilioError(400, 12100, 'Document parse failure');
}

/** The Twilio REST API, 2010-04-01: basic auth, form-encoded parameters, 201 with the resource. */
async function twilio(req: IncomingMessage, path: string, log: (to: string) => Log) {
  const match = /^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/.exec(path);
  if (!match) throw twilioError(404, 20404, 'The requested resource was not found');
  const [, accountSid, resource] = match as unknown as [string, string, 'Messages' | 'Calls'];
  const expected = `Basic ${Buffer.from(`${twilioAccount.accountSid}:${twilioAccount.authToken}`).toString('base64')}`;
  const body = await readBody(req);
  const fields = Object.fromEntries(new URLSearchParams(body));
  const to = fields.To ?? '';
  log(to).attempts++;
  if (req.headers.authorization !== expected) throw twilioError(401, 20003, 'Authenticate');
  if (accountSid !== twilioAccount.accountSid) throw twilioError(404, 20404, 'The requested resource was not found');
  if (!/^application\/x-www-form-urlencoded(;|$)/.test(req.headers['content-type'] ?? '')) {
    throw twilioError(400, 21604, "A 'To' phone number is required.");
  }
  const refuse = (message: string) => twilioError(400, 21604, message);
  if (resource === 'Messages') {
    onlyFields(fields, ['To', 'MessagingServiceSid' in fields ? 'MessagingServiceSid' : 'From', 'Body'], refuse);
    if ((fields.Body ?? '').length > 1600) throw twilioError(400, 21617, 'The concatenated message body exceeds 1600');
  } else {
    onlyFields(fields, ['To', 'From', 'Twiml'], refuse);
    checkTwiml(fields.Twiml ?? '');
  }
  if (!/^\+[1-9]\d{6,14}$/.test(to))
    throw twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
  await behave(to, log(to), () => twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`));
  log(to).accepted.push({ resource, fields });
  const sid = `${resource === 'Messages' ? 'SM' : 'CA'}${randomBytes(16).toString('hex')}`;
  return {
    status: 201,
    body: {
      sid,
      account_sid: accountSid,
      to,
      from: fields.From ?? null,
      messaging_service_sid: fields.MessagingServiceSid ?? null,
      body: fields.Body,
      status: 'queued',
      api_version: '2010-04-01',
      date_created: new Date().toUTCString(),
      uri: `/2010-04-01/Accounts/${accountSid}/${resource}/${sid}.json`,
    },
  };
}

/** Postmark's single e-mail endpoint: JSON in and out, the server token in a header, 200 on success. */
async function postmark(req: IncomingMessage, log: (to: string) => Log) {
  const body = await readBody(req);
  let fields: Record<string, string> = {};
  try {
    fields = JSON.parse(body);
  } catch {
    throw postmarkError(422, 402, 'Received invalid JSON input.');
  }
  const to = fields.To ?? '';
  log(to).attempts++;
  if (req.headers['x-postmark-server-token'] !== twilioAccount.emailToken) {
    throw postmarkError(
      401,
      10,
      'The Server Token you provided in the X-Postmark-Server-Token request header was invalid.',
    );
  }
  if (req.headers['content-type'] !== 'application/json' || req.headers.accept !== 'application/json') {
    throw postmarkError(415, 0, 'Send and accept application/json.');
  }
  onlyFields(fields, ['From', 'To', 'Subject', 'TextBody'], (m) => postmarkError(422, 300, m));
  await behave(to, log(to), () => postmarkError(422, 300, 'Invalid email request'));
  log(to).accepted.push({ resource: 'email', fields });
  return {
    status: 200,
    body: { To: to, SubmittedAt: new Date().toISOString(), MessageID: randomUUID(), ErrorCode: 0, Message: 'OK' },
  };
}

/** The designated failures: 429, a 500 on the first attempt only, 503 always, or an answer after 1 s. */
async function behave(to: string, log: Log, invalid: () => Refused) {
  const behaviour = behaviours[to];
  const twilio = to.startsWith('+');
  if (behaviour === 'invalid') throw invalid();
  if (behaviour === 'limited') {
    throw twilio ? twilioError(429, 20429, 'Too Many Requests') : postmarkError(429, 0, 'Rate limit exceeded');
  }
  if ((behaviour === 'flaky' && log.attempts === 1) || behaviour === 'down') {
    const status = behaviour === 'flaky' ? 500 : 503;
    throw twilio
      ? twilioError(status, 20500, 'Internal Server Error')
      : postmarkError(status, 0, 'Service unavailable');
  }
  if (behaviour === 'slow') await new Promise((resume) => setTimeout(resume, 1000));
}

/** vitest globalSetup: starts the service and provides its URL and credentials as `twilioService`. */
export default async function setup(project: TestProject) {
  const logs = new Map<string, Log>();
  const log = (to: string) => {
    if (!logs.has(to)) logs.set(to, { attempts: 0, accepted: [], refusals: [] });
    return logs.get(to) as Log;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/log') return answer(res, 200, log(url.searchParams.get('to') ?? ''));
    // The recipient of this request, once read, so that a refusal is logged against it.
    let to: string | null = null;
    const logOf = (recipient: string) => {
      to = recipient;
      return log(recipient);
    };
    try {
      if (req.method !== 'POST') throw twilioError(405, 20004, 'Method not allowed');
      const result = url.pathname === '/email' ? await postmark(req, logOf) : await twilio(req, url.pathname, logOf);
      return answer(res, result.status, result.body);
    } catch (error) {
      if (!(error instanceof Refused)) return answer(res, 500, { message: String(error) });
      if (to !== null) log(to).refusals.push(error.message);
      return answer(res, error.status, error.answer);
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  project.provide('twilioService', { url, ...twilioAccount });

  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
