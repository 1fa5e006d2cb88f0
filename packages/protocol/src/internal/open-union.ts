// Open unions: a discriminated union of the variants we know, plus a tolerant
// catch-all for variants we do not (Codex's `#[serde(other)]`). A known tag is
// validated strictly by its own schema, so errors keep their field paths.
import { z } from 'zod';

/** The catch-all shape: any object carrying a string tag in `key`. */
export function otherVariant<K extends string>(key: K) {
  return z.looseObject({ [key]: z.string() } as { [P in K]: z.ZodString });
}

/**
 * Dispatch on `input[key]`: a known tag parses with `known`, anything else
 * with `other`. Issues are re-raised with their original relative paths.
 */
export function openUnion<Known extends z.ZodType, Other extends z.ZodType>(
  key: string,
  knownTags: readonly string[],
  known: Known,
  other: Other,
) {
  const tags = new Set<unknown>(knownTags);
  return z.unknown().transform((input, ctx): z.output<Known> | z.output<Other> => {
    const isKnown =
      typeof input === 'object' && input !== null && tags.has((input as Record<string, unknown>)[key]);
    const result = (isKnown ? known : other).safeParse(input);
    if (result.success) return result.data as z.output<Known> | z.output<Other>;
    for (const issue of result.error.issues) {
      ctx.issues.push({ ...issue, input } as never);
    }
    return z.NEVER;
  });
}
