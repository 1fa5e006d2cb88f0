import { describe, expect, it } from 'vitest';
import { sanitizeInputSchema } from './schema.js';

describe('sanitizeInputSchema', () => {
  it('keeps the supported subset and infers missing types', () => {
    expect(
      sanitizeInputSchema({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: {
          n: { type: 'integer', minimum: 0, default: 1 },
          tags: { type: 'array' },
          mode: { enum: ['a', 'b'], description: 'which' },
          nested: { properties: { x: { maximum: 3 } }, required: ['x', 'ghost'] },
          maybe: { type: ['null', 'string'] },
        },
        required: ['n'],
        additionalProperties: false,
      }),
    ).toEqual({
      type: 'object',
      properties: {
        n: { type: 'number' },
        tags: { type: 'array', items: { type: 'string' } },
        mode: { type: 'string', description: 'which', enum: ['a', 'b'] },
        nested: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] },
        maybe: { type: 'string' },
      },
      required: ['n'],
      additionalProperties: false,
    });
  });

  it('turns hostile or empty input into an empty object schema', () => {
    expect(sanitizeInputSchema(null)).toEqual({ type: 'object', properties: {} });
    expect(sanitizeInputSchema({ type: 'string' })).toEqual({ type: 'object', properties: {} });
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 100; i++) deep = { type: 'object', properties: { a: deep } };
    expect(() => JSON.stringify(sanitizeInputSchema(deep))).not.toThrow();
  });
});
