/**
 * Reading the OpenAPI 3.1 document (`/api/openapi.json`, made by shared/openapi.ts) for the
 * developers page: the parts it shows, local `$ref`s resolved, nested fields flattened to rows.
 */

export interface Schema {
  $ref?: string;
  /** One type, or several (OpenAPI 3.1: `["string", "null"]`). */
  type?: string | string[];
  enum?: unknown[];
  oneOf?: Schema[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  description?: string;
  examples?: unknown[];
}

export interface MediaType {
  schema: Schema;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}

export interface Response {
  description: string;
  headers?: Record<string, { description?: string }>;
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId: string;
  summary: string;
  description: string;
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, Response>;
}

export interface OpenApi {
  openapi: string;
  info: { title: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  /** What Countersign POSTs to integrators' endpoints, by event type. */
  webhooks?: Record<string, { post: Operation }>;
  components: {
    schemas: Record<string, Schema>;
    securitySchemes: Record<string, { type: string; scheme?: string; in?: string; name?: string; description: string }>;
  };
}

/** Every operation, in the document's order. */
export function operationsOf(doc: OpenApi) {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
  );
}

/** The component a `#/components/schemas/<name>` reference names. */
export const refName = (ref: string) => ref.replace('#/components/schemas/', '');

export function resolve(doc: OpenApi, schema: Schema): Schema {
  return schema.$ref ? (doc.components.schemas[refName(schema.$ref)] ?? {}) : schema;
}

/** The values a field may take, when it is a choice: `enum`, or `oneOf` of constants. */
export function choicesOf(schema: Schema): { value: string; description?: string }[] | null {
  if (schema.enum) return schema.enum.map((value) => ({ value: String(value) }));
  if (schema.oneOf?.every((s) => s.const !== undefined)) {
    return schema.oneOf.map((s) => ({ value: String(s.const), description: s.description }));
  }
  return null;
}

/** A short type: `string`, `integer ≥ 0`, `object`, `Verification`, `string[]`. */
export function typeOf(schema: Schema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.type === 'array' && schema.items) return `${typeOf(schema.items)}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  if (choicesOf(schema)) return 'string';
  const type = schema.type ?? 'any';
  if (type === 'integer' && schema.minimum !== undefined) return `integer ≥ ${schema.minimum}`;
  return schema.format ? `${type} (${schema.format})` : type;
}

/** The rules of a string: its length (the pattern is shown apart, as code). */
export function rulesOf(schema: Schema): string[] {
  const rules: string[] = [];
  if (schema.minLength !== undefined && schema.maxLength !== undefined) {
    rules.push(`${schema.minLength}–${schema.maxLength} characters`);
  } else if (schema.maxLength !== undefined) {
    rules.push(`at most ${schema.maxLength} characters`);
  } else if (schema.minLength !== undefined) {
    rules.push(`at least ${schema.minLength} characters`);
  }
  return rules;
}

export interface FieldRow {
  name: string;
  schema: Schema;
  required: boolean;
}

/** The fields of an object schema as rows; nested objects' fields by dotted path (`payees[].name`). */
export function fieldsOf(doc: OpenApi, schema: Schema, prefix = ''): FieldRow[] {
  const object = resolve(doc, schema);
  return Object.entries(object.properties ?? {}).flatMap(([name, field]) => {
    const row = { name: prefix + name, schema: field, required: object.required?.includes(name) ?? false };
    let nested: FieldRow[] = [];
    if (!field.$ref && field.properties) nested = fieldsOf(doc, field, `${row.name}.`);
    else if (field.items?.properties) nested = fieldsOf(doc, field.items, `${row.name}[].`);
    return [row, ...nested];
  });
}

/** Who may call an operation: each alternative of its `security`, in words. */
export function authOf(doc: OpenApi, operation: Operation): string[] {
  return operation.security.flatMap((requirement) =>
    Object.entries(requirement).map(([scheme, scopes]) => {
      const kind = doc.components.securitySchemes[scheme];
      if (kind?.type === 'http' && kind.scheme === 'bearer') {
        return `API key (Authorization: Bearer) with the scope ${scopes.join(', ')}`;
      }
      if (kind?.in === 'cookie') return `the app's session (cookie ${kind.name}), for the signed-in customer`;
      return scheme;
    }),
  );
}
