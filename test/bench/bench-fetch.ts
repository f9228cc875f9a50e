/**
 * The set-up requests' fetch: one retry when the connection was reset before any answer came. A
 * pooled keep-alive connection the server has just closed fails that way (a race between the
 * client's pool and the server's idle timeout, not an answer of the worker); the retries are
 * counted and printed with the run, so none is hidden.
 */
export const connectionResets = { retried: 0 };

const wasReset = (error: unknown) => {
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
};

export async function benchFetch(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!wasReset(error)) throw error;
    connectionResets.retried += 1;
    return fetch(url, init);
  }
}
