/**
 * Structured logs: one JSON object per line, which Workers Logs (`[observability]`) and any log
 * shipper index by field. Never a secret, a code or a full phone number: callers pass identifiers
 * and outcomes, and anything that looks like a phone number or an e-mail address is masked here.
 */

/** What an error says, for a log field (never its stack). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type LogLevel = 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined | string[]>;

/** `+447700900123` → `+44•••••••123`; `ann@bank.co.uk` → `a•••@bank.co.uk`. */
function redact(value: string): string {
  return value
    .replace(/\+\d{4,14}(\d{3})/g, (m, last: string) => `${m.slice(0, 3)}•••${last}`)
    .replace(/\b([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b/g, '$1•••@$2');
}

/** Writes one log line: `{"level":…,"event":…,"at":…,…fields}`. */
export function log(level: LogLevel, event: string, fields: LogFields = {}): void {
  const line: Record<string, unknown> = { level, event, at: new Date().toISOString() };
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    line[name] = typeof value === 'string' ? redact(value) : Array.isArray(value) ? value.map((v) => redact(v)) : value;
  }
  const text = JSON.stringify(line);
  if (level === 'error') console.error(text);
  else if (level === 'warn') console.warn(text);
  else console.log(text);
}
