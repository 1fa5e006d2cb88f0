// Everything `codex exec` settles before the engine starts: the prompt, the output
// schema, the effective config (approval forced to `never`, as Codex does), the trusted
// directory check, the images, the session to resume and the `user_turn` op.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { featureOverrides } from '@codex-ts/core';
import type { InputItem, Op, ReasoningEffort, ReasoningSummary, SandboxMode } from '@codex-ts/protocol';
import { findLatestRollout, findRollout, forkRollout, loadEngineConfig, type EngineConfig } from './engine.js';
import { ExecError } from './errors.js';
import type { ExecIo, ExecOptions } from './options.js';
import { loadOutputSchema } from './output-schema.js';
import { readPrompt, readPromptWithStdin } from './prompt.js';
import { isTrustedDirectory, NOT_TRUSTED_MESSAGE } from './trust.js';

/** The inputs of one run, ready for the engine. */
export interface PreparedRun {
  prompt: string;
  config: EngineConfig;
  /** The rollout to resume, when `exec resume` found one. */
  resumePath?: string;
  userTurn: Extract<Op, { type: 'user_turn' }>;
}

/** Sandbox mode from the flags: --full-auto, then --yolo, then -s (Codex's order). */
export function sandboxModeFromFlags(opts: ExecOptions): SandboxMode | undefined {
  if (opts.fullAuto) return 'workspace-write';
  if (opts.dangerouslyBypassApprovalsAndSandbox) return 'danger-full-access';
  return opts.sandbox;
}

/** Settle every input; throws ExecError (or core's ConfigError) on bad input. */
export async function prepareRun(opts: ExecOptions, io: ExecIo): Promise<PreparedRun> {
  let promptArg = opts.prompt;
  let sessionId = opts.resume?.sessionId;
  // `resume --last PROMPT`: the lone positional is the prompt, not a session id.
  if (opts.resume?.last && sessionId !== undefined && promptArg === undefined) {
    promptArg = sessionId;
    sessionId = undefined;
  }
  if (opts.outputLastMessage !== undefined) checkWritable(resolve(io.cwd, opts.outputLastMessage), opts.outputLastMessage);
  const schema = opts.outputSchema !== undefined ? loadOutputSchema(opts.outputSchema, io.cwd) : undefined;

  let cwd: string | undefined;
  if (opts.cd !== undefined) {
    cwd = resolve(io.cwd, opts.cd);
    if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
      throw new ExecError('bad_cwd', `Error: --cd ${opts.cd}: ${cwd} is not a directory.`);
    }
  }
  const overrides = [...(opts.config ?? []), ...featureOverrides(opts.enable, opts.disable)];
  const sandboxMode = sandboxModeFromFlags(opts);
  const config = loadEngineConfig({
    env: io.env,
    overrides,
    ...(opts.ignoreUserConfig ? { ignoreUserConfig: true } : {}),
    ...(opts.strictConfig ? { strict: true } : {}),
    cli: {
      ...(opts.model !== undefined ? { model: opts.model } : {}),
      ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
      approval_policy: 'never',
      ...(sandboxMode !== undefined ? { sandbox_mode: sandboxMode } : {}),
      cwd: cwd ?? io.cwd,
      ...(opts.oss ? { oss: true } : {}),
      // Relative --add-dir paths are taken against the session's cwd (-C), as Codex does.
      ...(opts.addDir?.length ? { additional_writable_roots: opts.addDir.map((d) => resolve(cwd ?? io.cwd, d)) } : {}),
    },
  });

  for (const warning of config.warnings ?? []) io.stderr.write(`${warning}\n`);

  // Like Codex, stdin is read only once the configuration loaded.
  // `exec PROMPT` with a pipe appends stdin as a <stdin> block (Codex); `resume` does not.
  const read = opts.resume ? readPrompt : readPromptWithStdin;
  const prompt = await read(promptArg, io.stdin, (line) => io.stderr.write(`${line}\n`));

  // --yolo also skips the check: the caller runs in an externally sandboxed environment.
  const skipCheck = opts.skipGitRepoCheck === true || opts.dangerouslyBypassApprovalsAndSandbox === true;
  if (!skipCheck && !isTrustedDirectory(config.cwd, config.toml)) {
    throw new ExecError('not_trusted', NOT_TRUSTED_MESSAGE);
  }

  const items: InputItem[] = [];
  for (const image of opts.images ?? []) {
    const path = resolve(io.cwd, image);
    if (!existsSync(path)) throw new ExecError('image', `Error: image ${image} does not exist (${path}).`);
    items.push({ type: 'local_image', path });
  }
  items.push({ type: 'text', text: prompt });

  let resumePath: string | undefined;
  if (opts.resume) {
    if (opts.resume.last && sessionId === undefined) {
      // As Codex 0.169: the newest session started in this directory (any with --all); none found starts a new one.
      resumePath = findLatestRollout(config.codex_home, opts.resume.all ? undefined : config.cwd);
      if (resumePath === undefined) {
        const where = opts.resume.all ? '' : ` for ${config.cwd} (use --all for every directory)`;
        io.stderr.write(`warning: no previous session found${where}; starting a new session.\n`);
      }
    } else {
      resumePath = findSession(config.codex_home, sessionId ?? '');
    }
  }
  if (opts.fork) {
    const source = findSession(config.codex_home, opts.fork.sessionId);
    try {
      resumePath = forkRollout(config.codex_home, source, { cwd: config.cwd, version: io.version });
    } catch (err: unknown) {
      throw new ExecError('engine_failed', `Error: could not fork session ${opts.fork.sessionId}: ${(err as Error).message}`, { cause: err });
    }
  }

  const userTurn: Extract<Op, { type: 'user_turn' }> = {
    type: 'user_turn',
    items,
    cwd: config.cwd,
    approval_policy: 'never',
    sandbox_policy: config.sandbox_policy,
    model: config.model,
    ...(config.model_reasoning_effort !== undefined ? { effort: config.model_reasoning_effort as ReasoningEffort } : {}),
    summary: config.model_reasoning_summary as ReasoningSummary,
    ...(schema !== undefined ? { final_output_json_schema: schema } : {}),
  };
  return { prompt, config, ...(resumePath !== undefined ? { resumePath } : {}), userTurn };
}


/** The rollout of session `id`; an unknown id is an error (exit 1) before any request, as in Codex. */
function findSession(codexHome: string, id: string): string {
  const path = id.includes('/') && existsSync(id) ? id : findRollout(codexHome, id);
  if (path === undefined) throw new ExecError('session_not_found', `Error: no rollout found for session id ${id} under ${codexHome}/sessions`);
  return path;
}

/** `-o FILE` must be writable before any model call (Codex would only find out at the end). */
function checkWritable(file: string, given: string): void {
  const fail = (why: string): never => {
    throw new ExecError('bad_output_file', `Error: cannot write the last message to ${given} (${file}): ${why}.`);
  };
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) fail('it is a directory');
    try {
      accessSync(file, constants.W_OK);
    } catch {
      fail('permission denied');
    }
    return;
  }
  const dir = dirname(file);
  if (!existsSync(dir)) fail(`the directory ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) fail(`${dir} is not a directory`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    fail(`the directory ${dir} is not writable`);
  }
}
