/**
 * Data read again every few seconds while it is on screen (recoveries of the account, contacts'
 * requests): things other people start. Paused while the page is hidden, read at once when it is back.
 */
import { useEffect } from 'preact/hooks';
import { type Loaded, useLoad } from './load.ts';

export function usePolled<T>(load: () => Promise<T>, everyMs = 10_000): Loaded<T> {
  const loaded = useLoad(load);
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible') void loaded.reload();
    };
    const timer = setInterval(tick, everyMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [everyMs]);
  return loaded;
}
