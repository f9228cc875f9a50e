/**
 * A code the signed-in customer asked for (phone, payee, payment), checked through
 * `/api/v1/verifications`. A transaction code is checked with the same transaction it was started
 * with: the code is bound to it (PSD2 RTS art. 5), so any other payee or amount fails.
 */
import { useState } from 'preact/hooks';
import type { Transaction } from '../../shared/payee.ts';
import { ApiError } from '../api.ts';
import { CodeSent } from './CodeSent.tsx';
import { type Channel, cancelCode, checkCode, closedText, resendCode, type VerificationView } from './otp.ts';

interface VerificationCodeProps {
  id: string;
  verification: VerificationView;
  transaction?: Transaction;
  channels: Channel[];
  submitLabel: string;
  onApproved: () => void | Promise<void>;
  /** The code stopped working without approving anything (too many tries, expired); why, in words. */
  onClosed: (message: string) => void;
  onCanceled: () => void;
}

export function VerificationCode(props: VerificationCodeProps) {
  const [verification, setVerification] = useState(props.verification);

  const check = async (code: string) => {
    let checked: Awaited<ReturnType<typeof checkCode>>;
    try {
      checked = await checkCode(verification.id, code, props.transaction);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'verification_closed') {
        props.onClosed(e.message);
        return null;
      }
      throw e;
    }
    if (checked.status === 'approved') {
      await props.onApproved();
      return null;
    }
    if (checked.status === 'pending') {
      setVerification({ ...verification, attempts_left: checked.attempts_left });
      return { triesLeft: checked.attempts_left };
    }
    props.onClosed(closedText(checked.status));
    return null;
  };

  const resend = async (channel: Channel) => {
    const next = await resendCode(verification.id, channel);
    setVerification(next);
    return next;
  };

  const cancel = async () => {
    try {
      await cancelCode(verification.id);
    } catch {
      // Already closed, or offline: either way the code will not be used; it expires by itself.
    }
    props.onCanceled();
  };

  return (
    <CodeSent
      id={props.id}
      verification={verification}
      channels={props.channels}
      submitLabel={props.submitLabel}
      onCheck={check}
      onResend={resend}
      onCancel={() => void cancel()}
    />
  );
}
