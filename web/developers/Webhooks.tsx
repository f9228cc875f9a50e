/**
 * The developers page's webhooks: how an admin sets up an endpoint, how a receiver checks a
 * delivery's signature, and each event type with its body, from the document's `webhooks`.
 */
import { FieldTable, Text } from './Operation.tsx';
import { fieldsOf, type OpenApi } from './openapi.ts';

/** The receiver's check, as in shared/webhook-signature.ts (which an integrator may copy whole). */
const verifyExample = `// Node ≥ 20, Deno, Workers: the raw body as received, before JSON.parse.
const [t, v1] = ['t', 'v1'].map((k) => new RegExp(\`(?:^|,)\${k}=([^,]+)\`).exec(header)?.[1]);
if (!t || !v1 || Math.abs(Date.now() / 1000 - Number(t)) > 300) throw new Error('stale or unsigned');
const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret),
  { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const mac = Uint8Array.from(v1.match(/../g), (h) => parseInt(h, 16));
const ok = await crypto.subtle.verify('HMAC', key, mac, new TextEncoder().encode(\`\${t}.\${rawBody}\`));`;

export function WebhooksDocs({ doc }: { doc: OpenApi }) {
  const hooks = Object.entries(doc.webhooks ?? {});
  if (hooks.length === 0) return null;
  return (
    <section aria-labelledby="webhooks">
      <h2 id="webhooks">Webhooks</h2>
      <p>
        Instead of polling, your system can be told when a verification, a call or a recovery changes status. An admin
        adds your https endpoint and the event types it wants in the Countersign app; the endpoint's signing secret (
        <code>whsec_…</code>) is shown to them once. Keep it in your secret store.
      </p>
      <section aria-labelledby="webhook-verify">
        <h3 id="webhook-verify">Checking a delivery</h3>
        <ol>
          <li>
            Read the raw body as received and the header{' '}
            <code>Countersign-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>.
          </li>
          <li>
            Refuse it when <code>t</code> is more than 5 minutes from your clock: it is a replay.
          </li>
          <li>
            Compute HMAC-SHA-256 of <code>&lt;t&gt;.&lt;raw body&gt;</code> keyed with the secret, and compare it with{' '}
            <code>v1</code> in constant time.
          </li>
          <li>
            Store the event, then answer any 2xx within 10 seconds. Anything else is retried (30 s, 2 min, 10 min, 1 h,
            6 h, 24 h) with the same body and <code>id</code>: dedupe on <code>id</code>.
          </li>
        </ol>
        <pre>
          <code>{verifyExample}</code>
        </pre>
      </section>
      {hooks.map(([type, { post }]) => {
        const body = post.requestBody?.content['application/json'];
        return (
          <section key={type} aria-labelledby={post.operationId}>
            <h3 id={post.operationId}>{post.summary}</h3>
            <p>
              <code class="meta">POST {type}</code>
            </p>
            <p>
              <Text text={post.description.split('. Verify')[0] ?? ''} />.
            </p>
            {body && <FieldTable rows={fieldsOf(doc, body.schema)} caption={`Body of ${type}`} />}
            {body?.example !== undefined && (
              <pre>
                <code>{JSON.stringify(body.example, null, 2)}</code>
              </pre>
            )}
          </section>
        );
      })}
    </section>
  );
}
