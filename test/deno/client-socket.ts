/**
 * A WebSocket a test opens over real HTTP, shaped like the one workerd's `fetch` hands back
 * (`response.webSocket`): events are held until `accept()`, as in workerd.
 */
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';

type Listener = (event: { data?: unknown; code?: number; reason?: string }) => void;

class AcceptedSocket {
  #listeners = new Map<string, Listener[]>();
  #held: [string, { data?: unknown; code?: number; reason?: string }][] = [];
  #accepted = false;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, binary: boolean) =>
      this.#emit('message', { data: binary ? data : data.toString() }),
    );
    ws.on('close', (code: number, reason: Buffer) => this.#emit('close', { code, reason: reason.toString() }));
    ws.on('error', () => this.#emit('error', {}));
  }

  #emit(type: string, event: { data?: unknown; code?: number; reason?: string }): void {
    if (!this.#accepted) this.#held.push([type, event]);
    else for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }

  addEventListener(type: string, listener: Listener): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  accept(): void {
    this.#accepted = true;
    for (const [type, event] of this.#held.splice(0)) this.#emit(type, event);
  }

  send(data: string): void {
    this.ws.send(data);
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }

  get readyState(): number {
    return this.ws.readyState;
  }
}

/** Opens `url` with these headers; a refused upgrade comes back as the server's answer, without a socket. */
export function openSocket(url: string, headers: Headers): Promise<Response> {
  const plain: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!['upgrade', 'connection', 'sec-websocket-key', 'sec-websocket-version'].includes(name)) plain[name] = value;
  });
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), { headers: plain, origin: plain.origin });
    const socket = new AcceptedSocket(ws);
    ws.once('open', () => {
      const answer = new Response(null, { status: 200 });
      Object.defineProperty(answer, 'status', { value: 101 });
      Object.defineProperty(answer, 'webSocket', { value: socket });
      resolve(answer);
    });
    ws.once('unexpected-response', (_request: unknown, incoming: IncomingMessage) => {
      let body = '';
      incoming.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      incoming.on('end', () => {
        const answer = new Response(body, { status: incoming.statusCode ?? 500 });
        Object.defineProperty(answer, 'webSocket', { value: null });
        resolve(answer);
      });
    });
    ws.once('error', reject);
  });
}
