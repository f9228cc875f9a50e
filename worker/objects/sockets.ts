/** Helpers for hibernatable WebSockets shared by the Durable Objects that hold them. */

/** Closes a socket, mapping the reserved codes the runtime reports (1005, 1006) to a normal close. */
export function closeQuietly(ws: WebSocket, code = 1000, reason = 'closing'): void {
  try {
    ws.close(code === 1005 || code === 1006 || code < 1000 ? 1000 : code, reason);
  } catch {
    // Already closed.
  }
}

/** Sends to every socket with this tag; a socket that is going away is skipped. */
export function sendAll(sockets: WebSocket[], message: string): void {
  for (const ws of sockets) {
    try {
      ws.send(message);
    } catch {
      // Closing; the runtime drops it.
    }
  }
}
