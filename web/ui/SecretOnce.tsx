/**
 * A secret shown once (an API key, a webhook's signing secret): what it is for, then copy it and
 * hide it. The worker keeps only a hash of it, or keeps it only to sign: it is never shown again.
 */
import type { ComponentChildren } from 'preact';
import { t } from '../i18n/en/ui.ts';
import type { useCopy } from './copy.ts';

export function SecretOnce(props: {
  /** The secret, or null when there is none to show. */
  secret: string | null;
  /** The id of the element that holds it (selected where the browser cannot copy). */
  id: string;
  /** What it is called beside it ("API key"). */
  term: string;
  copyLabel: string;
  hideLabel: string;
  clipboard: ReturnType<typeof useCopy>;
  onHide: () => void;
  /** What it is for, after "Copy it now: it will not be shown again." */
  children: ComponentChildren;
}) {
  const { secret, clipboard } = props;
  return (
    <>
      <div role="status" aria-live="polite">
        {secret !== null && (
          <div class="notice">
            <p>
              <strong>{t('copyNow')}</strong> {props.children}
            </p>
            <dl class="facts">
              <dt>{props.term}</dt>
              <dd class="code secret" id={props.id}>
                {secret}
              </dd>
            </dl>
          </div>
        )}
      </div>
      {secret !== null && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => void clipboard.copy(secret, props.id)}>
            {props.copyLabel}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => {
              props.onHide();
              clipboard.forget();
            }}
          >
            {props.hideLabel}
          </button>
        </div>
      )}
      <div role="status" aria-live="polite">
        {clipboard.said && <p class="hint">{clipboard.said}</p>}
      </div>
    </>
  );
}
