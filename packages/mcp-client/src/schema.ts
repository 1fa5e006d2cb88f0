// Turns an MCP tool's `inputSchema` (any JSON Schema a server sends) into the subset the model
// APIs accept, as Codex does: every node gets a `type` (inferred when missing), objects get
// `properties`, arrays get `items`, `integer` becomes `number`, and keywords outside the subset
// (`$schema`, `default`, `format`, ...) are dropped. Hostile input never throws: anything
// unusable becomes `{type: "string"}`.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const TYPES = ['object', 'array', 'string', 'number', 'boolean', 'null'] as const;
const MAX_DEPTH = 32;

function inferType(node: Json): string {
  const t = node.type;
  const pick = (v: unknown): string | undefined => {
    if (v === 'integer') return 'number';
    return typeof v === 'string' && (TYPES as readonly string[]).includes(v) ? v : undefined;
  };
  if (Array.isArray(t)) {
    const first = t.map(pick).find((x) => x !== undefined && x !== 'null') ?? t.map(pick).find((x) => x !== undefined);
    if (first) return first;
  } else {
    const one = pick(t);
    if (one) return one;
  }
  if ('properties' in node || 'additionalProperties' in node || 'required' in node) return 'object';
  if ('items' in node || 'prefixItems' in node) return 'array';
  if ('enum' in node || 'const' in node || 'format' in node || 'pattern' in node) return 'string';
  if ('minimum' in node || 'maximum' in node || 'exclusiveMinimum' in node || 'exclusiveMaximum' in node || 'multipleOf' in node) return 'number';
  return 'string';
}

function sanitizeNode(input: unknown, depth: number): Json {
  if (input === true || !isObj(input) || depth > MAX_DEPTH) return { type: 'string' };
  const variants = (input.anyOf ?? input.oneOf) as unknown;
  if (Array.isArray(variants) && variants.length > 0 && input.type === undefined && input.properties === undefined) {
    const out: Json = { anyOf: variants.map((v) => sanitizeNode(v, depth + 1)) };
    if (typeof input.description === 'string') out.description = input.description;
    return out;
  }
  const type = inferType(input);
  const out: Json = { type };
  if (typeof input.description === 'string') out.description = input.description;
  if (type === 'object') {
    const props: Json = {};
    if (isObj(input.properties)) {
      for (const [k, v] of Object.entries(input.properties)) props[k] = sanitizeNode(v, depth + 1);
    }
    out.properties = props;
    if (Array.isArray(input.required)) {
      const req = input.required.filter((r): r is string => typeof r === 'string' && r in props);
      if (req.length > 0) out.required = req;
    }
    if (typeof input.additionalProperties === 'boolean') out.additionalProperties = input.additionalProperties;
    else if (isObj(input.additionalProperties)) out.additionalProperties = sanitizeNode(input.additionalProperties, depth + 1);
  } else if (type === 'array') {
    out.items = Array.isArray(input.items) ? sanitizeNode(input.items[0], depth + 1) : sanitizeNode(input.items ?? { type: 'string' }, depth + 1);
  } else if (Array.isArray(input.enum)) {
    const values = input.enum.filter((v) => ['string', 'number', 'boolean'].includes(typeof v));
    if (values.length > 0) out.enum = values;
  } else if ('const' in input && ['string', 'number', 'boolean'].includes(typeof input.const)) {
    out.enum = [input.const];
  }
  return out;
}

/** The model-facing parameters schema of one MCP tool; always an object schema. */
export function sanitizeInputSchema(schema: unknown): Json {
  const out = sanitizeNode(isObj(schema) ? { ...schema, type: schema.type ?? 'object' } : { type: 'object' }, 0);
  if (out.type !== 'object') return { type: 'object', properties: {} };
  return out;
}
