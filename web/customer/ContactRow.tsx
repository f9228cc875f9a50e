/**
 * One trusted contact being named: their name and mobile number, grouped under "Contact N". Each
 * label says the number too ("Contact N name"), so the legend is for screen readers only.
 */
import type { TrustedContactInput } from '../../shared/recovery.ts';
import { t } from '../i18n/en/banking.ts';
import { Field } from '../ui/Field.tsx';

interface ContactRowProps {
  /** 1-based: the labels say "Contact 2 name", "Contact 2 mobile number". */
  number: number;
  value: TrustedContactInput;
  onInput: (value: TrustedContactInput) => void;
  errors: { name?: string | undefined; phone?: string | undefined };
  /** Shown as "Remove contact N" when the row may go. */
  onRemove?: (() => void) | undefined;
}

export function ContactRow({ number, value, onInput, errors, onRemove }: ContactRowProps) {
  const id = `contact-${number}`;
  return (
    <fieldset class="contact-row">
      <legend class="sr-only">{t('contactN', { n: number })}</legend>
      <Field
        id={`${id}-name`}
        label={t('contactNName', { n: number })}
        hint={t('contactNameHint')}
        value={value.name}
        onInput={(name) => onInput({ ...value, name })}
        autoComplete="off"
        required
        error={errors.name}
      />
      <Field
        id={`${id}-phone`}
        label={t('contactNPhone', { n: number })}
        hint={t('mobileHint')}
        type="tel"
        inputMode="tel"
        autoComplete="off"
        value={value.phone}
        onInput={(phone) => onInput({ ...value, phone })}
        required
        error={errors.phone}
      />
      {onRemove && (
        <button type="button" class="danger remove-row" onClick={onRemove}>
          {t('removeContactN', { n: number })}
        </button>
      )}
    </fieldset>
  );
}
