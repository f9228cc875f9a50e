/** Dates as a person reads them, in their own locale. */
import { useEffect, useState } from 'preact/hooks';
import { appLocale } from '../i18n/index.ts';

export function when(ms: number): string {
  return new Date(ms).toLocaleString(appLocale(), { dateStyle: 'medium', timeStyle: 'short' });
}

/** The time of day only (today's events): "14:03". */
export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(appLocale(), { timeStyle: 'short' });
}

/** Time left as minutes and seconds: "4:05". */
export function countdown(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The current time, updated every `everyMs` while the component is shown. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
