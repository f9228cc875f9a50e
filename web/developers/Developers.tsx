/**
 * `/developers`: the integrator API for bank systems and aggregators, rendered from the OpenAPI
 * document the worker serves (`/api/openapi.json`), so the page always shows the API as built.
 * No sign-in. Loaded only when opened (web/app.tsx), so it adds nothing to the app's first load.
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { FieldTable, OperationDocs, Text } from './Operation.tsx';
import { fieldsOf, type OpenApi, type Operation, operationsOf } from './openapi.ts';
import { WebhooksDocs } from './Webhooks.tsx';
import './developers.css';

const documentPath = '/api/openapi.json';

type Loaded = { kind: 'loading' } | { kind: 'failed' } | { kind: 'read'; doc: OpenApi };

export function Developers() {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  useEffect(() => {
    document.title = 'Integrator API · Countersign';
    fetch(documentPath)
      .then((r) => (r.ok ? (r.json() as Promise<OpenApi>) : Promise.reject(new Error(String(r.status)))))
      .then((doc) => setLoaded({ kind: 'read', doc }))
      .catch(() => setLoaded({ kind: 'failed' }));
  }, []);

  return (
    <article class="developers">
      <h1>Integrator API</h1>
      {loaded.kind === 'loading' && <p role="status">Loading the API description…</p>}
      {loaded.kind === 'failed' && (
        <p role="alert" class="alert">
          The API description could not be loaded. Check your connection, then reload the page.
        </p>
      )}
      {loaded.kind === 'read' && <Reference doc={loaded.doc} />}
    </article>
  );
}

/** The body example of an operation, by name, or the first. */
function exampleOf(operation: Operation | undefined, name: string): unknown {
  const examples = operation?.requestBody?.content['application/json']?.examples ?? {};
  return (examples[name] ?? Object.values(examples)[0])?.value;
}

function GettingStarted({ doc }: { doc: OpenApi }) {
  const start = doc.paths['/api/v1/verifications']?.post;
  const check = doc.paths['/api/v1/verifications/{id}/check']?.post;
  const started = start?.responses['201']?.content?.['application/json']?.example;
  const checked = check?.responses['200']?.content?.['application/json']?.example;
  const origin = location.origin;
  const headers = `  -H "Authorization: Bearer $COUNTERSIGN_API_KEY" \\\n  -H "Content-Type: application/json" \\\n`;
  return (
    <section aria-labelledby="getting-started">
      <h2 id="getting-started">Getting started</h2>
      <ol>
        <li>
          An admin issues an API key in the Countersign app, with the scope <code>verifications</code>. It is shown
          once: keep it in your system's secret store, as <code>COUNTERSIGN_API_KEY</code> here.
        </li>
        <li>
          Start a verification: Countersign sends the customer a six-digit code.
          <pre>
            <code>
              {`curl -X POST ${origin}/api/v1/verifications \\\n${headers}  -d '${JSON.stringify(exampleOf(start, 'signIn'))}'`}
            </code>
          </pre>
          It answers <code>201</code> with the verification; keep its <code>id</code>:
          <pre>
            <code>{JSON.stringify(started, null, 2)}</code>
          </pre>
        </li>
        <li>
          The customer reads you the code. Check it:
          <pre>
            <code>
              {`curl -X POST ${origin}/api/v1/verifications/$ID/check \\\n${headers}  -d '${JSON.stringify(exampleOf(check, 'code'))}'`}
            </code>
          </pre>
          <code>status</code> <code>approved</code> means the customer has the phone or e-mail the code went to.{' '}
          <code>pending</code> means a wrong code with tries left; after five wrong codes it is{' '}
          <code>max_attempts_reached</code>.
          <pre>
            <code>{JSON.stringify(checked, null, 2)}</code>
          </pre>
        </li>
      </ol>
      {doc.paths['/api/v1/security-events'] && (
        <>
          <p>
            For the bank's SIEM, a key with the scope <code>audit</code> reads every account's security events as JSON
            lines; send back the <code>Countersign-Next-Cursor</code> header each time:
          </p>
          <pre>
            <code>
              {`curl -D - "${origin}/api/v1/security-events?cursor=$CURSOR" \\\n  -H "Authorization: Bearer $COUNTERSIGN_AUDIT_KEY"`}
            </code>
          </pre>
        </>
      )}
      <p>
        The machine-readable description, for code generators and API tools, is{' '}
        <a href={documentPath}>
          <code>{documentPath}</code>
        </a>{' '}
        (OpenAPI {doc.openapi}).
      </p>
    </section>
  );
}

function Reference({ doc }: { doc: OpenApi }) {
  const operations = operationsOf(doc);
  return (
    <>
      <p>
        <Text text={doc.info.description} />
      </p>
      <nav aria-label="Operations">
        <ul>
          {operations.map(({ path, method, operation }) => (
            <li key={operation.operationId}>
              <a href={`#${operation.operationId}`}>{operation.summary}</a>{' '}
              <code class="meta">
                {method.toUpperCase()} {path}
              </code>
            </li>
          ))}
          {doc.webhooks && (
            <li>
              <a href="#webhooks">Webhooks</a>
            </li>
          )}
        </ul>
      </nav>
      <GettingStarted doc={doc} />
      <section aria-labelledby="authentication">
        <h2 id="authentication">Authentication</h2>
        <dl class="facts">
          {Object.entries(doc.components.securitySchemes).map(([name, scheme]) => (
            <Fragment key={name}>
              <dt>{scheme.type === 'http' ? 'API key' : 'App session'}</dt>
              <dd>
                <Text text={scheme.description} />
              </dd>
            </Fragment>
          ))}
        </dl>
      </section>
      <section aria-labelledby="operations">
        <h2 id="operations">Operations</h2>
        {operations.map((o) => (
          <OperationDocs key={o.operation.operationId} doc={doc} {...o} />
        ))}
      </section>
      <WebhooksDocs doc={doc} />
      <section aria-labelledby="schemas">
        <h2 id="schemas">Schemas</h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <section key={name} aria-labelledby={`schema-${name}`}>
            <h3 id={`schema-${name}`}>{name}</h3>
            {schema.description && <p>{schema.description}</p>}
            <FieldTable rows={fieldsOf(doc, schema)} caption={`Fields of ${name}`} />
          </section>
        ))}
      </section>
    </>
  );
}
