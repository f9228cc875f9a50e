/** Pieces both parties' call screens share: the progress line, the expiry countdown, the focused heading. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n/en/ui.ts';
import { countdown, useNow } from './time.ts';

export type Tone = 'progress' | 'ok' | 'bad';

/**
 * Where the call stands, in words. Both live regions are always present, so that a change is
 * announced: progress and success politely, trouble at once.
 */
export function CallStatus({ tone, text }: { tone: Tone; text: string }) {
  return (
    <>
      <div role="status" aria-live="polite">
        {tone !== 'bad' && <p class={tone === 'ok' ? 'notice verified' : 'progress'}>{text}</p>}
      </div>
      <div role="alert" aria-live="assertive">
        {tone === 'bad' && <p class="alert">{text}</p>}
      </div>
    </>
  );
}

/** "Expires in 4:05", ticking (not a live region: a screen reader would hear every second). */
export function ExpiresIn({ at }: { at: number }) {
  const now = useNow();
  return <>{at > now ? countdown(at - now) : t('now')}</>;
}

/** The screen's heading, focused when the screen opens so that screen readers start there. */
export function ScreenHeading({ children }: { children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
