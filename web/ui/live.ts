/**
 * Live sockets: a same-origin WebSocket (the session cookie goes with it) that reconnects with
 * backoff after a drop and pings every 25 s so that proxies do not close it as idle.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LiveMessage } from '../../shared/call-view.ts';

const pingEveryMs = 25_000;
const backoffMs = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/** The ws(s):// address of an API path on this origin (https pages use wss). */
export function liveUrl(path: string | URL): string {
  const url = new URL(String(path), location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

interface LiveHandlers {
  onMessage: (message: LiveMessage) => void;
  /** The socket dropped (or could not open): re-read the state over HTTP. */
  onDrop?: () => void;
}

/**
 * Keeps a socket open to `path` while it is not null; returns whether it is connected now.
 * Set `path` to null to stop (for instance once nothing more can change).
 */
export function useLiveSocket(path: string | null, handlers: LiveHandlers): boolean {
  const [connected, setConnected] = useState(false);
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!path) return;
    let socket: WebSocket | null = null;
    let stopped = false;
    let failures = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let ping: ReturnType<typeof setInterval> | undefined;

    const connect = () => {
      clearTimeout(retry);
      if (stopped) return;
      const ws = new WebSocket(liveUrl(path));
      socket = ws;
      ws.onopen = () => {
        failures = 0;
        setConnected(true);
        ping = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('ping'), pingEveryMs);
      };
      ws.onmessage = (event) => {
        if (typeof event.data !== 'string' || event.data === 'pong') return;
        try {
          latest.current.onMessage(JSON.parse(event.data) as LiveMessage);
        } catch {
          // Not a message of ours: ignore it.
        }
      };
      ws.onclose = () => {
        clearInterval(ping);
        if (socket !== ws || stopped) return;
        socket = null;
        setConnected(false);
        latest.current.onDrop?.();
        const delay = backoffMs[Math.min(failures, backoffMs.length - 1)] ?? 30_000;
        failures += 1;
        retry = setTimeout(connect, delay * (0.8 + Math.random() * 0.4));
      };
    };
    // Back online: do not wait for the backoff.
    const reconnectNow = () => {
      if (!socket) {
        failures = 0;
        connect();
      }
    };

    connect();
    addEventListener('online', reconnectNow);
    return () => {
      stopped = true;
      clearTimeout(retry);
      clearInterval(ping);
      removeEventListener('online', reconnectNow);
      socket?.close(1000, 'done');
      socket = null;
      setConnected(false);
    };
  }, [path]);

  return connected;
}
