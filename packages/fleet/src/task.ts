// A fleet task (one line of a tasks file) and its parsing: every line is validated before
// anything is queued, each problem is reported with its line number, and each task gets a
// job id derived from its content, so submitting the same file again adds nothing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

const safeWord = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(200)
    .refine((s) => !s.startsWith('-') && !/[\s\0]/.test(s), `${what} must not start with "-" or contain whitespace`);

/** A user-chosen task id: becomes the BullMQ job id (no ":" and not all digits, as BullMQ requires). */
const TaskIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'id: letters, digits, ".", "_" and "-" only (1-100, starting with a letter or digit)')
  .refine((s) => !/^\d+$/.test(s), 'id must not be all digits');

/** One line of a tasks file, as written. */
export const TaskLineSchema = z.strictObject({
  id: TaskIdSchema.optional(),
  prompt: z.string().trim().min(1, 'prompt must not be empty'),
  /** A repository path (relative to the tasks file) or a git URL. */
  repo: z.string().min(1, 'repo must not be empty'),
  ref: safeWord('ref').optional(),
  model: safeWord('model').optional(),
  profile: safeWord('profile').optional(),
  sandbox: z.enum(['read-only', 'workspace-write', 'danger-full-access']).optional(),
  approval: z.enum(['untrusted', 'on-failure', 'on-request', 'never']).optional(),
  /** A JSON Schema object, or a path to one (relative to the tasks file; inlined at submit). */
  output_schema: z.union([z.record(z.string(), z.unknown()), z.string().min(1)]).optional(),
  labels: z.union([z.record(z.string(), z.string()), z.array(z.string())]).optional(),
  /** Tries when a failure may pass (default `fleet.attempts`); not part of the task's identity. */
  attempts: z.number().int('attempts must be a whole number').min(1, 'attempts must be at least 1').max(100, 'attempts must be at most 100').optional(),
});
/** A task line as written. */
export type TaskLine = z.infer<typeof TaskLineSchema>;

/** A queued task as a worker reads it back from Redis (checked again: Redis is input too). */
export const FleetTaskSchema = z.strictObject({
  prompt: z.string().min(1),
  repo: z.string().refine((r) => isGitUrl(r) || isAbsolute(r), 'repo must be an absolute path or a git URL'),
  ref: safeWord('ref').optional(),
  model: safeWord('model').optional(),
  profile: safeWord('profile').optional(),
  sandbox: z.enum(['read-only', 'workspace-write', 'danger-full-access']).optional(),
  approval: z.enum(['untrusted', 'on-failure', 'on-request', 'never']).optional(),
  output_schema: z.record(z.string(), z.unknown()).optional(),
  labels: z.union([z.record(z.string(), z.string()), z.array(z.string())]).optional(),
});

/** A task as queued: repo resolved, schema inlined; what the worker runs. */
export interface FleetTask {
  prompt: string;
  /** Absolute path or git URL. */
  repo: string;
  ref?: string;
  model?: string;
  profile?: string;
  sandbox?: 'read-only' | 'workspace-write' | 'danger-full-access';
  approval?: 'untrusted' | 'on-failure' | 'on-request' | 'never';
  output_schema?: Record<string, unknown>;
  labels?: Record<string, string> | string[];
}

/** The job data stored with each queued task. */
export interface TaskJobData {
  task: FleetTask;
  /** Where it came from, for messages and results. */
  source: { file: string; line: number };
  submitted_at: string;
}

/** A parsed line. */
export interface ParsedTask {
  jobId: string;
  line: number;
  task: FleetTask;
  /** The line's own `attempts`, if any. */
  attempts?: number;
}

/** `https://…`, `ssh://…`, `git://…`, `file://…` or scp-like `user@host:path`. */
export function isGitUrl(repo: string): boolean {
  return /^(https?|ssh|git|file):\/\//i.test(repo) || /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/]/.test(repo);
}

/** JSON with object keys sorted at every depth: equal content, equal text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The job id of a task: its own `id`, else `t-` and 20 hex digits of the hash of its content. */
export function jobIdFor(task: FleetTask, id?: string): string {
  if (id !== undefined) return id;
  return `t-${createHash('sha256').update(canonicalJson(task)).digest('hex').slice(0, 20)}`;
}

function describeIssues(err: z.ZodError, input: Record<string, unknown>): string[] {
  return err.issues.map((i) => {
    const key = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys') return `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    if (i.code === 'invalid_type' && i.input === undefined) return `"${key}" is required`;
    if (i.code === 'invalid_value') return `"${key}" must be one of ${i.values.map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(input[key])})`;
    return key === '' ? i.message : `"${key}": ${i.message}`;
  });
}

/** Options for {@link parseTasks}. */
export interface ParseTasksOptions {
  /** Name used in messages. */
  file: string;
  /** Directory relative repo paths and schema paths are resolved against. */
  baseDir: string;
  /** Read a schema file (default: readFileSync utf8). */
  readFile?: (path: string) => string;
  /** Whether `danger-full-access` may be asked for. */
  allowDangerFullAccess?: boolean;
}

/** Every task of a tasks file, or every problem with `file:line:`; never both. */
export function parseTasks(text: string, opts: ParseTasksOptions): { tasks: ParsedTask[]; errors: string[] } {
  const tasks: ParsedTask[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  const read = opts.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const where = `${opts.file}:${lineNo}`;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err: unknown) {
      errors.push(`${where}: not valid JSON (${(err as Error).message})`);
      return;
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      errors.push(`${where}: a task must be a JSON object`);
      return;
    }
    const parsed = TaskLineSchema.safeParse(json);
    if (!parsed.success) {
      for (const m of describeIssues(parsed.error, json as Record<string, unknown>)) errors.push(`${where}: ${m}`);
      return;
    }
    const t = parsed.data;
    if (t.sandbox === 'danger-full-access' && opts.allowDangerFullAccess !== true) {
      errors.push(`${where}: sandbox "danger-full-access" is refused (set fleet.allow_danger_full_access = true to allow it)`);
      return;
    }
    const repo = isGitUrl(t.repo) ? t.repo : isAbsolute(t.repo) ? t.repo : resolve(opts.baseDir, t.repo);
    let schema: Record<string, unknown> | undefined;
    if (typeof t.output_schema === 'string') {
      const path = resolve(opts.baseDir, t.output_schema);
      try {
        const v: unknown = JSON.parse(read(path));
        if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not a JSON object');
        schema = v as Record<string, unknown>;
      } catch (err: unknown) {
        errors.push(`${where}: output_schema ${path}: ${(err as Error).message}`);
        return;
      }
    } else schema = t.output_schema;
    const task: FleetTask = {
      prompt: t.prompt,
      repo,
      ...(t.ref !== undefined ? { ref: t.ref } : {}),
      ...(t.model !== undefined ? { model: t.model } : {}),
      ...(t.profile !== undefined ? { profile: t.profile } : {}),
      ...(t.sandbox !== undefined ? { sandbox: t.sandbox } : {}),
      ...(t.approval !== undefined ? { approval: t.approval } : {}),
      ...(schema !== undefined ? { output_schema: schema } : {}),
      ...(t.labels !== undefined ? { labels: t.labels } : {}),
    };
    const jobId = jobIdFor(task, t.id);
    const earlier = seen.get(jobId);
    if (earlier !== undefined) {
      errors.push(
        t.id !== undefined
          ? `${where}: id "${t.id}" is already used on line ${earlier}`
          : `${where}: the same task as line ${earlier} (give one an "id" to run it twice)`,
      );
      return;
    }
    seen.set(jobId, lineNo);
    tasks.push({ jobId, line: lineNo, task, ...(t.attempts !== undefined ? { attempts: t.attempts } : {}) });
  });
  if (errors.length === 0 && tasks.length === 0) errors.push(`${opts.file}: no tasks (one JSON object a line)`);
  return errors.length > 0 ? { tasks: [], errors } : { tasks, errors };
}
