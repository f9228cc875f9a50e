/** A user action in flight: which one is busy (for the buttons), and what went wrong, field by field. */
import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api.ts';

export function useAction<Step extends string = 'busy'>() {
  const [busy, setBusy] = useState<Step | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  /** Runs `action`, marking `step` busy; an error is shown, with the API's per-field messages. */
  const run = async (action: () => Promise<void>, step = 'busy' as Step) => {
    setBusy(step);
    setError(null);
    setFields({});
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError) setFields(e.fields);
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  return { busy: busy !== null, step: busy, error, fields, run, setFields };
}
