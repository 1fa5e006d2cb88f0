// Fixture loading and round-trip assertions shared by the protocol tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { z } from 'zod';

const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Read a fixture file as text. */
export function fixtureText(name: string): string {
  return readFileSync(fixturesDir + name, 'utf8');
}

/** Read a `.json` fixture. */
export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

/** Read a `.jsonl` fixture: one parsed object per non-empty line. */
export function fixtureLines(name: string): unknown[] {
  return fixtureText(name)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** Parse with `schema` and assert the result serialises back to exactly the input. */
export function expectRoundTrip<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(`parse failed: ${JSON.stringify(result.error.issues)}\nvalue: ${JSON.stringify(value)}`);
  }
  expect(JSON.parse(JSON.stringify(result.data))).toEqual(value);
  return result.data;
}

/** Parse expecting failure; returns the issues as `{path, code}` pairs. */
export function issuesOf(schema: z.ZodType, value: unknown): { path: PropertyKey[]; code: string }[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`expected failure for ${JSON.stringify(value)}`);
  return result.error.issues.map((issue) => ({ path: issue.path, code: issue.code }));
}
