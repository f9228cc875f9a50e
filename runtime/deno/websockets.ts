/**
 * Hibernatable WebSockets over `Deno.upgradeWebSocket`. An object makes a `WebSocketPair`, accepts
 * the server end with `ctx.acceptWebSocket(ws, tags)` and answers `101` with the client end, as in
 * workerd; the server then upgrades the real connection and joins it to that server end. Messages
 * and closes come back to the object's `webSocketMessage` / `webSocketClose`, through its gate.
 */

import { installPointCheck } from './webcrypto.ts';

/** What an accepted socket reports to (the object that accepted it). */
export interface SocketOwner {
  deliver(event: (instance: Record<string, unknown>) => unknown): Promise<unknown>;
  forget(ws: ServerSocket): void;
}

const [connecting, open, closing, closed] = [0, 1, 2, 3];

/** The server end the object holds: sends go to the real socket once it is open. */
export class ServerSocket {
  readonly CONNECTING = connecting;
  readonly OPEN = open;
  readonly CLOSING = closing;
  readonly CLOSED = closed;
  tags: string[] = [];
  owner: SocketOwner | null = null;
  #real: WebSocket | null = null;
  #pending: (string | ArrayBuffer | ArrayBufferView)[] = [];
  #closeAfterOpen: [number, string] | null = null;
  #attachment: unknown = undefined;
  #state = connecting;

  get readyState(): number {
    return this.#state;
  }

  send(data: string | ArrayBuffer | ArrayBufferView): void {
    if (this.#state === closing || this.#state === closed) throw new TypeError('WebSocket is closed');
    if (this.#real && this.#state === open) this.#real.send(data as string);
    else this.#pending.push(data);
  }

  close(code = 1000, reason = ''): void {
    if (this.#state === closed || this.#state === closing) return;
    this.#state = closing;
    if (this.#real && this.#real.readyState === WebSocket.OPEN) this.#real.close(code, reason);
    else this.#closeAfterOpen = [code, reason];
  }

  serializeAttachment(value: unknown): void {
    this.#attachment = structuredClone(value);
  }

  deserializeAttachment(): unknown {
    return structuredClone(this.#attachment);
  }

  /** Joins the upgraded connection to this end. */
  bind(real: WebSocket): void {
    this.#real = real;
    real.binaryType = 'arraybuffer';
    real.onopen = () => {
      if (this.#state === connecting) this.#state = open;
      for (const data of this.#pending.splice(0)) real.send(data as string);
      if (this.#closeAfterOpen) real.close(...this.#closeAfterOpen);
    };
    real.onmessage = (event) => {
      void this.owner?.deliver((o) => (o.webSocketMessage as Handler | undefined)?.call(o, this, event.data));
    };
    real.onerror = () => {
      void this.owner?.deliver((o) =>
        (o.webSocketError as Handler | undefined)?.call(o, this, new Error('socket error')),
      );
    };
    real.onclose = (event) => {
      const wasOpen = this.#state !== closed;
      this.#state = closed;
      this.owner?.forget(this);
      if (wasOpen) {
        void this.owner?.deliver((o) =>
          (o.webSocketClose as Handler | undefined)?.call(o, this, event.code, event.reason, event.wasClean),
        );
      }
    };
  }
}

type Handler = (this: unknown, ...args: unknown[]) => unknown;

/** The client end: what the object's 101 answer carries to the server. */
export class ClientSocket {
  constructor(readonly peer: ServerSocket) {}
  accept(): void {
    throw new Error('the client end of a WebSocketPair is upgraded by the Deno server, not accepted');
  }
}

/** workerd's `new WebSocketPair()`: `{ 0: client, 1: server }`. */
export class WebSocketPair {
  0: ClientSocket;
  1: ServerSocket;
  constructor() {
    this[1] = new ServerSocket();
    this[0] = new ClientSocket(this[1]);
  }
}

/** A Response that may say 101 and carry a WebSocket, as workerd's may (Deno's refuses 101). */
class WorkersResponse extends Response {
  // workerd's Response carries its WebSocket here; the server end is found through it (upgradeOf).
  override webSocket = null as WebSocket | null;
  constructor(body?: BodyInit | null, init?: ResponseInit & { webSocket?: unknown }) {
    const upgrade = init?.status === 101;
    super(upgrade ? null : body, upgrade ? { ...init, status: 200 } : init);
    if (upgrade) Object.defineProperty(this, 'status', { value: 101 });
    const ws = init?.webSocket;
    if (ws instanceof ClientSocket) this.webSocket = ws as unknown as WebSocket;
  }
}

/** Installs workerd's `WebSocketPair`, 101 responses and P-256 point checks in this Deno process (once). */
export function installWorkerdGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  if (g.WebSocketPair === WebSocketPair) return;
  g.WebSocketPair = WebSocketPair;
  g.Response = WorkersResponse;
  installPointCheck();
}

/** The server end a 101 answer hands over, or null for any other answer. */
export function upgradeOf(response: Response): ServerSocket | null {
  const ws = (response as { webSocket?: unknown }).webSocket;
  return response.status === 101 && ws instanceof ClientSocket ? ws.peer : null;
}
