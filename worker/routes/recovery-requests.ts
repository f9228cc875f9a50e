import { Hono } from 'hono/tiny';
import { recoveryApprovalBody, recoveryIdParam } from '../../shared/recovery.ts';
import type { AppEnv } from '../http/context.ts';
import { errorResponse } from '../http/errors.ts';
import { checkAssertion, openAssertion } from '../http/fresh-assertion.ts';
import { requireSession } from '../http/session.ts';
import { fromString, signedInAccount } from '../http/stubs.ts';
import { jsonBody, pathParams } from '../http/validate.ts';

export const recoveryRequests = new Hono<AppEnv>()
  .use(requireSession)

  .get('/recovery-requests', async (c) => c.json({ requests: await signedInAccount(c).recoveryRequests() }, 200))

  .post('/recovery-requests/:id/options', pathParams(recoveryIdParam), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await signedInAccount(c).recoveryRequest(id))) return errorResponse(c, 'recovery_not_found');
    return c.json(await openAssertion(c, 'recovery_approval', id), 200);
  })

  .post('/recovery-requests/:id/approve', pathParams(recoveryIdParam), jsonBody(recoveryApprovalBody), async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const account = signedInAccount(c);
    if (!(await account.recoveryRequest(id))) return errorResponse(c, 'recovery_not_found');
    const asserted = await checkAssertion(c, 'recovery_approval', body.ceremonyId, body.credential);
    if (!asserted.ok) return asserted.response;
    if (asserted.ceremony.recoveryId !== id) return errorResponse(c, 'ceremony_invalid');
    // The Recovery asks the PasskeyChallenge itself that this assertion was for it.
    const approved = await fromString(c.env.RECOVERY, id)?.approveInApp(
      c.var.account.id,
      body.ceremonyId,
      c.var.requestContext,
    );
    if (!approved?.ok) return errorResponse(c, 'recovery_not_found');
    await account.answerRecoveryRequest(id, 'approved', c.var.requestContext);
    return c.json({ approved: true }, 200);
  })

  .post('/recovery-requests/:id/decline', pathParams(recoveryIdParam), async (c) => {
    const { id } = c.req.valid('param');
    const account = signedInAccount(c);
    if (!(await account.recoveryRequest(id))) return errorResponse(c, 'recovery_not_found');
    await account.answerRecoveryRequest(id, 'declined', c.var.requestContext);
    await fromString(c.env.RECOVERY, id)?.abort({ contactAccountId: c.var.account.id }, c.var.requestContext);
    return c.json({ aborted: true }, 200);
  })

  .get('/recoveries', async (c) => c.json({ recoveries: await signedInAccount(c).ownRecoveries() }, 200))

  .post('/recoveries/:id/cancel', pathParams(recoveryIdParam), async (c) => {
    const canceled = await fromString(c.env.RECOVERY, c.req.valid('param').id)?.cancelByOwner(
      c.var.account.id,
      c.var.requestContext,
    );
    return canceled?.ok ? c.json({ canceled: true }, 200) : errorResponse(c, 'recovery_not_found');
  });
