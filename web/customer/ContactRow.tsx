/**
 * One trusted contact being named: their name and mobile number, grouped under "Contact N". Each
 * label says the number too ("Contact N name"), so the legend is for screen readers only.
 */
import type { TrustedContactInput } from '../../shared/recovery.ts';
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
      <legend class="sr-only">Contact {number}</legend>
      <Field
        id={`${id}-name`}
        label={`Contact ${number} name`}
        hint="Letters, spaces, hyphens and apostrophes, up to 40."
        value={value.name}
        onInput={(name) => onInput({ ...value, name })}
        autoComplete="off"
        required
        error={errors.name}
      />
      <Field
        id={`${id}-phone`}
        label={`Contact ${number} mobile number`}
        hint="In international format, like +44 7911 123456."
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
          Remove contact {number}
        </button>
      )}
    </fieldset>
  );
}
