/// <reference path="./provided-context.d.ts" />
/**
 * A local webhook receiver for the worker tests (vitest globalSetup: runs in Node, not in workerd).
 * It keeps every delivery exactly as received (the raw body, the signature header) and answers what
 * a test planned for that receiver, else 200. The tests verify signatures themselves, inside workerd,
 * with shared/webhook-signature.ts, as an integrator would.
 *
 *   POST /hooks/<name>     a delivery: logged, answered with the next planned status (default 200)
 *   PUT  /plans/<name>     JSON array of statuses to answer the next deliveries with, e.g. [500, 503];
 *                          0 never answers (the request is held until the receiver stops)
 *   GET  /log/<name>       → [{ signature, eventId, contentType, body, answered }]
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

export interface ReceivedDelivery {
  signature: string | null;
  eventId: string | null;
  contentType: string | null;
  body: string;
  answered: number;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
};

/** vitest globalSetup: starts the receiver and provides its URL as `webhookReceiver`. */
export default async function setup(project: TestProject) {
  const logs = new Map<string, ReceivedDelivery[]>();
  const plans = new Map<string, number[]>();
  const held = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, area, name = ''] = url.pathname.split('/');
    const body = await readBody(req);
    if (req.method === 'PUT' && area === 'plans') {
      plans.set(name, JSON.parse(body) as number[]);
      res.writeHead(204).end();
    } else if (req.method === 'GET' && area === 'log') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(logs.get(name) ?? []));
    } else if (req.method === 'POST' && area === 'hooks') {
      const answered = plans.get(name)?.shift() ?? 200;
      const log = logs.get(name) ?? [];
      log.push({
        signature: header(req, 'countersign-signature'),
        eventId: header(req, 'countersign-event-id'),
        contentType: header(req, 'content-type'),
        body,
        answered,
      });
      logs.set(name, log);
      if (answered === 0) held.add(res);
      else res.writeHead(answered, { 'Content-Type': 'text/plain' }).end(answered < 300 ? 'ok' : 'not now');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('webhookReceiver', `http://localhost:${(server.address() as AddressInfo).port}`);
  return () =>
    new Promise<void>((resolve) => {
      for (const res of held) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections?.();
    });
}
