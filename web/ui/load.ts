/** Data a screen reads from the API: the value (null until it arrives), why it failed, and a reload. */
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api.ts';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload: () => Promise<void>;
}

/** Loads once when the component appears; `reload` reads it again (after a change). */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = async () => {
    try {
      setData(await load());
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useEffect(() => {
    void reload();
  }, []);
  return { data, error, reload };
}
