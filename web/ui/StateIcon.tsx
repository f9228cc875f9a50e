/**
 * Small inline icons for the four states (success, danger, warning, info), drawn in the current
 * text colour so they follow the card they sit in. Decorative: the words beside them carry the
 * meaning, so they are hidden from screen readers unless given a label.
 */
export type StateKind = 'success' | 'danger' | 'warning' | 'info';

const paths: Record<StateKind, string> = {
  // a tick in a circle
  success: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1.2 14.2-4-4 1.4-1.4 2.6 2.6 5.4-5.4 1.4 1.4Z',
  // a cross in a circle
  danger:
    'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm3.5 12.1-1.4 1.4L12 13.4l-2.1 2.1-1.4-1.4 2.1-2.1-2.1-2.1 1.4-1.4 2.1 2.1 2.1-2.1 1.4 1.4-2.1 2.1Z',
  // an exclamation mark in a triangle
  warning: 'M12 2 1 21h22L12 2Zm1 16h-2v-2h2v2Zm0-4h-2V9h2v5Z',
  // an i in a circle
  info: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 15h-2v-6h2v6Zm0-8h-2V7h2v2Z',
};

export function StateIcon({ kind, label, size = 24 }: { kind: StateKind; label?: string; size?: number }) {
  return (
    <svg
      class={`state-icon state-${kind}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="currentColor"
      aria-hidden={label ? undefined : 'true'}
      role={label ? 'img' : undefined}
      aria-label={label}
      focusable="false"
    >
      <path d={paths[kind]} />
    </svg>
  );
}
