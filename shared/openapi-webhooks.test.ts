import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.ts';
import { signatureHeader } from './webhook-signature.ts';
import { webhookEventTypes } from './webhooks.ts';

const doc = openApiDocument();

describe('the webhooks of the OpenAPI document', () => {
  it('describes one webhook per event type, signed, with a body of ids and statuses', () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...webhookEventTypes].sort());
    for (const type of webhookEventTypes) {
      const post = doc.webhooks[type]?.post;
      expect(post?.tags).toEqual(['Webhooks']);
      expect(post?.parameters.map((p) => p.name)).toEqual([signatureHeader, 'Countersign-Event-Id']);
      expect(post?.description).toContain('5 minutes');
      const body = post?.requestBody.content['application/json'];
      expect(body?.schema.properties.type.const).toBe(type);
      const data = body?.schema.properties.data;
      expect(data?.required).toEqual(Object.keys(data?.properties ?? {}));
      for (const field of Object.keys(data?.properties ?? {}))
        expect(field).toMatch(/^(status|[a-z_]+_(id|on)|purpose|channel)$/);
      expect(body?.example.type).toBe(type);
      expect(body?.example.id).toMatch(/^[0-9a-f]{64}:[a-z_]+$/);
    }
    expect(doc.tags.map((t) => t.name)).toContain('Webhooks');
  });
});
