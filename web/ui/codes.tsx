/** Six-digit codes (call codes, one-time codes): shown grouped for reading aloud, and typed into a labelled form. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { groupCode } from '../../shared/call-view.ts';
import { messageOf } from '../api.ts';
import { t } from '../i18n/en/core.ts';
import { Alert } from './Alert.tsx';

/** A code as it is read aloud (`482 915`); screen readers get the digits one by one. */
export function SpokenCode({ code }: { code: string }) {
  return (
    <p class="bigcode">
      <span aria-hidden="true">{groupCode(code)}</span>
      <span class="sr-only">{code.split('').join(' ')}</span>
    </p>
  );
}

/** `3 tries left`, `1 try left`. */
export const tries = (n: number) => (n === 1 ? t('oneTry') : t('triesLeft', { n }));

interface CodeFormProps {
  id: string;
  label: string;
  triesLeft: number;
  submitLabel: string;
  /**
   * Checks the code; answers how many tries are left when it is wrong (and, if it has one, the
   * server's own message), null when it is right.
   */
  onCheck: (code: string) => Promise<{ triesLeft: number; message?: string } | null>;
  /**
   * The field is focused when the form appears and the code is checked as soon as its sixth digit
   * is typed (the customer's side of a call is one tap, one fingerprint, one code typed).
   */
  auto?: boolean;
}

export function CodeForm(props: CodeFormProps) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // A check under way (a ref: two input events in one tick must not both start one).
  const checking = useRef(false);
  useEffect(() => {
    if (props.auto) input.current?.focus();
  }, []);

  const check = async (given: string) => {
    checking.current = true;
    setBusy(true);
    setError(null);
    try {
      const wrong = await props.onCheck(given);
      if (wrong && wrong.triesLeft > 0) {
        setError(wrong.message ?? t('notTheCode', { tries: tries(wrong.triesLeft) }));
        input.current?.select();
      }
    } catch (e) {
      setError(messageOf(e));
    } finally {
      checking.current = false;
      setBusy(false);
    }
  };
  const submit = (event: Event) => {
    event.preventDefault();
    if (checking.current) return;
    if (!/^\d{6}$/.test(code.replace(/\s/g, ''))) {
      setError(t('enterCode'));
      input.current?.focus();
      return;
    }
    void check(code);
  };
  const typed = (value: string) => {
    setCode(value);
    // Each change the customer makes that completes six digits is checked (a wrong code typed again is
    // a try again, as pressing the button would be).
    if (props.auto && !checking.current && /^\d{6}$/.test(value.replace(/\s/g, ''))) void check(value);
  };

  const hintId = `${props.id}-hint`;
  return (
    <form onSubmit={submit} noValidate>
      <label for={props.id}>{props.label}</label>
      <p class="hint" id={hintId}>
        {t('sixDigits', { tries: tries(props.triesLeft) })}
      </p>
      <input
        ref={input}
        id={props.id}
        name={props.id}
        class="codeinput"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        value={code}
        onInput={(e) => typed((e.target as HTMLInputElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={hintId}
        required
      />
      <button type="submit" disabled={busy}>
        {busy ? t('checking') : props.submitLabel}
      </button>
      <Alert message={error} />
    </form>
  );
}
