/** A message that screen readers announce as soon as it appears. */
export function Alert({ message }: { message: string | null }) {
  return (
    <div role="alert" aria-live="assertive">
      {message && <p class="alert">{message}</p>}
    </div>
  );
}

/** A status update (success, progress) announced politely. */
export function Status({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {message && <p class="notice">{message}</p>}
    </div>
  );
}
