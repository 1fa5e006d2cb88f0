/**
 * The human-writable script format of `codex-test-model --script FILE`: a JSON array (or
 * JSONL, one turn per line, or `{turns, models?, loop?, eventDelayMs?}`) where each turn
 * is a small object such as `{"shell": "ls"}`, `{"apply_patch": "..."}`, `{"message":
 * "Done"}`, raw `events`, or a fault. Validated with zod; errors name the file and turn.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { customToolCall, functionCall, localShellCall, reasoning, assistantMessage } from './builders/items.js';
import { applyPatchCall, shellCall, turn as turnBuilders } from './builders/turn.js';
import { ScriptError } from './errors.js';
import type { Fault, ScriptedTurn, StreamEvent } from './types.js';

const stringList = z.union([z.string(), z.array(z.string())]);
const command = z.union([z.string().min(1), z.array(z.string()).min(1)]);

const ItemFields = {
  message: z.string().optional(),
  reasoning: stringList.optional(),
  shell: command.optional(),
  apply_patch: z.string().optional(),
  local_shell: command.optional(),
  function_call: z
    .object({ name: z.string(), arguments: z.union([z.string(), z.record(z.string(), z.unknown())]), call_id: z.string().optional() })
    .optional(),
  custom_tool_call: z.object({ name: z.string(), input: z.string(), call_id: z.string().optional() }).optional(),
  workdir: z.string().optional(),
  timeout_ms: z.number().int().positive().optional(),
  call_id: z.string().optional(),
  variant: z.enum(['custom', 'function']).optional(),
};

const ScriptItemSchema = z.strictObject(ItemFields);

/** One turn of a script file. */
export const ScriptTurnSchema = z.strictObject({
  ...ItemFields,
  items: z.array(ScriptItemSchema).optional(),
  events: z.array(z.looseObject({ type: z.string() })).optional(),
  chat_chunks: z.array(z.union([z.literal('[DONE]'), z.record(z.string(), z.unknown())])).optional(),
  usage: z
    .strictObject({
      input_tokens: z.number().optional(),
      cached_tokens: z.number().optional(),
      output_tokens: z.number().optional(),
      reasoning_tokens: z.number().optional(),
      total_tokens: z.number().optional(),
    })
    .optional(),
  id: z.string().optional(),
  label: z.string().optional(),
  match: z.strictObject({ contains: z.string().optional(), path: z.string().optional(), model: z.string().optional() }).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  eventDelayMs: z.number().nonnegative().optional(),
  fault: z.enum(['status', 'cut', 'stall', 'malformed', 'no-headers', 'drop']).optional(),
  status: z.number().int().min(100).max(599).optional(),
  retryAfter: z.union([z.number(), z.string()]).optional(),
  body: z.unknown().optional(),
  after: z.number().int().nonnegative().optional(),
  ms: z.number().nonnegative().optional(),
  line: z.string().optional(),
});

/** A script turn as written in the file. */
export type ScriptTurn = z.infer<typeof ScriptTurnSchema>;

const ScriptObjectSchema = z.strictObject({
  turns: z.array(ScriptTurnSchema),
  models: z.array(z.string()).optional(),
  loop: z.boolean().optional(),
  eventDelayMs: z.number().nonnegative().optional(),
});

/** A whole script file: a list of turns, or `{turns, models?, loop?, eventDelayMs?}`. */
export const ScriptFileSchema = z.union([z.array(ScriptTurnSchema), ScriptObjectSchema]);

/** A loaded script, ready for the server. */
export interface LoadedScript {
  turns: ScriptedTurn[];
  models?: string[];
  loop: boolean;
  eventDelayMs?: number;
}

/** Reads and compiles a script file (JSON or JSONL). */
export async function loadScriptFile(path: string): Promise<LoadedScript> {
  const text = await readFile(path, 'utf8');
  return parseScript(text, path);
}

/** Parses script text (JSON, or JSONL with blank and `#`/`//` comment lines skipped). */
export function parseScript(text: string, source = 'script'): LoadedScript {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = text.split('\n').flatMap((line, i) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//')) return [];
      try {
        return [JSON.parse(trimmed) as unknown];
      } catch (err: unknown) {
        throw new ScriptError(`${source}:${i + 1}: not valid JSON (${(err as Error).message})`, { cause: err });
      }
    });
  }
  // A single-line JSONL file parses as one object: treat it as a one-turn script.
  if (isRecord(raw) && !('turns' in raw)) raw = [raw];
  const schema = Array.isArray(raw) ? z.array(ScriptTurnSchema) : ScriptObjectSchema;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = (issue?.path ?? []).map((p) => (typeof p === 'number' ? `turn ${p + 1}` : String(p)));
    if (!Array.isArray(raw) && where[0] === 'turns') where.shift();
    throw new ScriptError(`${source}: ${where.join(' > ') || 'top level'}: ${issue?.message ?? 'invalid script'}`);
  }
  const file = Array.isArray(parsed.data) ? { turns: parsed.data } : (parsed.data as z.infer<typeof ScriptObjectSchema>);
  return {
    turns: file.turns.map((t, i) => compileTurn(t, i + 1, source)),
    models: 'models' in file ? file.models : undefined,
    loop: 'loop' in file ? (file.loop ?? false) : false,
    eventDelayMs: 'eventDelayMs' in file ? file.eventDelayMs : undefined,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type ScriptItem = z.infer<typeof ScriptItemSchema>;
const ITEM_KEYS = ['message', 'reasoning', 'shell', 'apply_patch', 'local_shell', 'function_call', 'custom_tool_call'] as const;

/** Compiles one script turn into a `ScriptedTurn` (turn numbers are 1-based, used for call ids). */
export function compileTurn(t: ScriptTurn, number: number, source = 'script'): ScriptedTurn {
  const items: ScriptItem[] = t.items ? [...t.items] : [];
  const ownItemKeys = ITEM_KEYS.filter((k) => t[k] !== undefined);
  if (ownItemKeys.length > 0) items.unshift(t);
  if (t.events && items.length > 0) throw new ScriptError(`${source}: turn ${number}: "events" cannot be mixed with ${ownItemKeys.join(', ') || 'items'}`);
  const calls = { n: 0 };
  const callId = (explicit: string | undefined): string => explicit ?? `call_${number}${calls.n++ === 0 ? '' : `_${calls.n}`}`;
  const body = items.flatMap((item) => compileItem(item, callId));
  const turn: ScriptedTurn = {};
  if (t.events) turn.events = t.events as StreamEvent[];
  else if (body.length > 0) turn.events = turnBuilders.of(body, { id: t.id, usage: t.usage });
  if (t.chat_chunks) turn.chatChunks = t.chat_chunks;
  const fault = compileFault(t, number, source);
  if (fault) turn.fault = fault;
  if (!turn.events && !turn.chatChunks && !fault) throw new ScriptError(`${source}: turn ${number}: nothing to send; use one of ${ITEM_KEYS.join(', ')}, items, events or fault`);
  if (t.match) turn.match = t.match;
  if (t.label) turn.label = t.label;
  if (t.headers) turn.headers = t.headers;
  if (t.eventDelayMs !== undefined) turn.eventDelayMs = t.eventDelayMs;
  return turn;
}

function asCommand(c: string | string[]): string[] {
  return typeof c === 'string' ? ['bash', '-lc', c] : c;
}

function compileItem(item: ScriptItem, callId: (explicit: string | undefined) => string): StreamEvent[] {
  const out: StreamEvent[] = [];
  for (const key of Object.keys(item)) {
    switch (key) {
      case 'message':
        out.push(...assistantMessage(item.message as string));
        break;
      case 'reasoning':
        out.push(...reasoning({ summary: item.reasoning as string | string[] }));
        break;
      case 'shell':
        out.push(...shellCall(asCommand(item.shell as string | string[]), { call_id: callId(item.call_id), workdir: item.workdir, timeout_ms: item.timeout_ms }));
        break;
      case 'apply_patch':
        out.push(...applyPatchCall(item.apply_patch as string, { call_id: callId(item.call_id), variant: item.variant }));
        break;
      case 'local_shell':
        out.push(...localShellCall({ command: asCommand(item.local_shell as string | string[]), call_id: callId(item.call_id), working_directory: item.workdir, timeout_ms: item.timeout_ms }));
        break;
      case 'function_call': {
        const f = item.function_call as NonNullable<ScriptItem['function_call']>;
        out.push(...functionCall({ ...f, call_id: callId(f.call_id ?? item.call_id) }));
        break;
      }
      case 'custom_tool_call': {
        const c = item.custom_tool_call as NonNullable<ScriptItem['custom_tool_call']>;
        out.push(...customToolCall({ ...c, call_id: callId(c.call_id ?? item.call_id) }));
        break;
      }
      default:
        break; // modifiers (workdir, timeout_ms, call_id, variant) and turn-level keys
    }
  }
  return out;
}

function compileFault(t: ScriptTurn, number: number, source: string): Fault | undefined {
  const need = (value: number | undefined, key: string): number => {
    if (value === undefined) throw new ScriptError(`${source}: turn ${number}: fault "${t.fault}" needs "${key}"`);
    return value;
  };
  switch (t.fault) {
    case undefined:
      return undefined;
    case 'status': {
      const fault: Fault = { fault: 'status', status: need(t.status, 'status') };
      if (t.retryAfter !== undefined) fault.retryAfter = t.retryAfter;
      if (t.body !== undefined) fault.body = t.body;
      return fault;
    }
    case 'cut':
      return { fault: 'cut', after: need(t.after, 'after') };
    case 'stall':
      return { fault: 'stall', ...(t.ms !== undefined && { ms: t.ms }), ...(t.after !== undefined && { after: t.after }) };
    case 'malformed':
      return { fault: 'malformed', ...(t.after !== undefined && { after: t.after }), ...(t.line !== undefined && { line: t.line }) };
    case 'no-headers':
      return { fault: 'no-headers' };
    case 'drop':
      return { fault: 'drop' };
  }
}
