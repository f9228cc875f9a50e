/** One operation of the integrator API, and the tables its parts are shown in. */
import { Fragment } from 'preact';
import {
  authOf,
  choicesOf,
  type FieldRow,
  fieldsOf,
  type OpenApi,
  type Operation,
  type Response,
  refName,
  rulesOf,
  typeOf,
} from './openapi.ts';

/** Text with `inline code` set as code. */
export function Text({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

/** A dotted field name that may wrap before each dot, on a narrow screen. */
const breakable = (name: string) =>
  name.split('.').map((part, i) =>
    i === 0 ? (
      part
    ) : (
      <Fragment key={i}>
        <wbr />.{part}
      </Fragment>
    ),
  );

function FieldNotes({ row }: { row: FieldRow }) {
  const choices = choicesOf(row.schema);
  const rules = rulesOf(row.schema);
  return (
    <>
      {row.schema.description && <Text text={row.schema.description} />}
      {choices && (
        <ul class="choices">
          {choices.map((c) => (
            <li key={c.value}>
              <code>{c.value}</code>
              {c.description && <> — {c.description}</>}
            </li>
          ))}
        </ul>
      )}
      {(rules.length > 0 || row.schema.pattern) && (
        <span class="rules">
          {rules.join('; ')}
          {rules.length > 0 && row.schema.pattern && '; '}
          {row.schema.pattern && (
            <>
              matches <code>{row.schema.pattern}</code>
            </>
          )}
          .
        </span>
      )}
      {row.schema.examples && (
        <span class="rules">
          For example:{' '}
          {row.schema.examples.map((e, i) => (
            <Fragment key={String(e)}>
              {i > 0 && ', '}
              <code>{String(e)}</code>
            </Fragment>
          ))}
          .
        </span>
      )}
      {row.schema.$ref && (
        <>
          {' '}
          See <a href={`#schema-${refName(row.schema.$ref)}`}>{refName(row.schema.$ref)}</a>.
        </>
      )}
    </>
  );
}

/** Fields as a table: name, type, whether required, and what they mean. */
export function FieldTable({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">
              <code>{breakable(row.name)}</code>
            </th>
            <td>{typeOf(row.schema)}</td>
            <td>{row.required ? 'yes' : 'no'}</td>
            <td>
              <FieldNotes row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Headers an answer carries besides Retry-After (the export's cursor, for one). */
function ResponseHeaders({ response }: { response: Response }) {
  const headers = Object.entries(response.headers ?? {}).filter(([name]) => name !== 'Retry-After');
  if (headers.length === 0) return null;
  return (
    <ul class="choices">
      {headers.map(([name, header]) => (
        <li key={name}>
          Header <code>{name}</code>
          {header.description && (
            <>
              {' '}
              — <Text text={header.description} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function ResponseBody({ response }: { response: Response }) {
  const lines = response.content?.['application/x-ndjson']?.schema;
  if (lines?.$ref) {
    return (
      <>
        JSON lines (<code>application/x-ndjson</code>), each a{' '}
        <a href={`#schema-${refName(lines.$ref)}`}>{refName(lines.$ref)}</a>
        <ResponseHeaders response={response} />
      </>
    );
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return null;
  if (schema.$ref) {
    return (
      <>
        <a href={`#schema-${refName(schema.$ref)}`}>{refName(schema.$ref)}</a>
        <ResponseHeaders response={response} />
      </>
    );
  }
  const codes = choicesOf(schema.properties?.error?.properties?.code ?? {}) ?? [];
  return (
    <>
      Error, with <code>error.code</code>:
      <ul class="choices">
        {codes.map((c) => (
          <li key={c.value}>
            <code>{c.value}</code> — {c.description}
          </li>
        ))}
      </ul>
      {schema.properties?.verification && <p class="rules">The body also holds the verification.</p>}
      {response.headers?.['Retry-After'] && <p class="rules">Retry-After: seconds to wait.</p>}
    </>
  );
}

/** `Path parameters`, `Query parameters`, or `Parameters` when they are of several kinds. */
function parametersCaption(operation: Operation): string {
  const kinds = new Set((operation.parameters ?? []).map((p) => p.in));
  if (kinds.size > 1) return 'Parameters';
  return kinds.has('query') ? 'Query parameters' : kinds.has('header') ? 'Header parameters' : 'Path parameters';
}

/** Method, path, what it does, who may call it, what it takes and what it answers. */
export function OperationDocs(props: { doc: OpenApi; path: string; method: string; operation: Operation }) {
  const { doc, path, method, operation } = props;
  const id = operation.operationId;
  const body = operation.requestBody?.content['application/json'];
  const example = body?.examples ? Object.values(body.examples)[0]?.value : undefined;
  const parameters = (operation.parameters ?? []).map((p) => ({
    name: p.name,
    schema: p.schema,
    required: p.required,
  }));
  return (
    <section class="operation" aria-labelledby={id}>
      <h3 id={id}>{operation.summary}</h3>
      <p class="endpoint">
        <code>
          {method.toUpperCase()} {path}
        </code>
      </p>
      <p>
        <Text text={operation.description} />
      </p>
      <p>
        <strong>Who may call it:</strong> {authOf(doc, operation).join(', or ')}.
      </p>
      {parameters.length > 0 && <FieldTable rows={parameters} caption={parametersCaption(operation)} />}
      {body && (
        <>
          <FieldTable rows={fieldsOf(doc, body.schema)} caption="Request body (JSON)" />
          {example !== undefined && (
            <>
              <h4>Example body</h4>
              <pre>
                <code>{JSON.stringify(example, null, 2)}</code>
              </pre>
            </>
          )}
        </>
      )}
      <table>
        <caption>Responses</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Meaning</th>
            <th scope="col">Body</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(operation.responses).map(([status, response]) => (
            <tr key={status}>
              <th scope="row">{status}</th>
              {/* An error's description also lists its codes, which the body column shows with their messages. */}
              <td>{Number(status) >= 400 ? response.description.replace(/:.*$/s, '') : response.description}</td>
              <td>
                <ResponseBody response={response} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
