/** Passkey creation options: no authenticator is forbidden; hints order what the browser offers. */
import { describe, expect, it } from 'vitest';
import { bootstrapSecret, call } from './client.ts';

interface Options {
  options: { hints?: string[]; authenticatorSelection: Record<string, unknown> };
}

const optionsFor = async (body: Record<string, string>) => {
  const answer = await call<Options>('/api/registration/options', { body });
  expect(answer.status).toBe(200);
  return answer.body.options;
};

describe('passkey creation', () => {
  it('steers a customer to the phone’s own biometrics without forbidding a security key or another phone', async () => {
    const options = await optionsFor({ handle: 'hint.customer', displayName: 'Cara Customer' });
    expect(options.authenticatorSelection).toEqual({
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
    });
    expect(options.authenticatorSelection.authenticatorAttachment).toBeUndefined();
    expect(options.hints?.[0]).toBe('client-device');
  });

  it('lets staff on a call-centre desktop use a security key or their phone (hybrid)', async () => {
    const options = await optionsFor({ handle: 'hint.admin', displayName: 'Ada Admin', inviteCode: bootstrapSecret });
    expect(options.authenticatorSelection.authenticatorAttachment).toBeUndefined();
    expect(options.hints).toEqual(['security-key', 'hybrid', 'client-device']);
  });
});
