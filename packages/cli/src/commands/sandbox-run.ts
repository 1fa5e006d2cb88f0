// The work behind `codex sandbox`: resolve the policy (config + -c + flags), then run the
// command with inherited stdio under the platform's sandbox; its exit code is ours.
import { loadConfig, ConfigError } from '@codex-ts/core';
import type { SandboxMode } from '@codex-ts/protocol';

/** Options parsed from argv. */
export interface SandboxDebugOptions {
  platform: string;
  command: string[];
  fullAuto: boolean;
  sandbox?: string;
  backend?: string;
  cd?: string;
  overrides: string[];
}

/** Run it; returns the exit code (2 for usage errors, 1 when the sandbox cannot run it). */
export async function runSandboxDebug(o: SandboxDebugOptions): Promise<number> {
  if (o.command.length === 0) {
    process.stderr.write('error: no command given. Usage: codex sandbox [-P PROFILE] -- CMD [ARGS...]\n');
    return 2;
  }
  const mac = o.platform === 'macos' || o.platform === 'seatbelt';
  if (mac !== (process.platform === 'darwin')) {
    process.stderr.write(`error: the ${mac ? 'macOS Seatbelt' : 'Linux'} sandbox cannot run on ${process.platform}; use \`codex sandbox ${process.platform === 'darwin' ? 'macos' : 'linux'}\`.\n`);
    return 1;
  }
  let config;
  try {
    const mode = (o.sandbox ?? (o.fullAuto ? 'workspace-write' : undefined)) as SandboxMode | undefined;
    config = loadConfig({ overrides: o.overrides, cli: { ...(mode ? { sandbox_mode: mode } : {}), ...(o.cd ? { cwd: o.cd } : {}) } });
  } catch (err: unknown) {
    process.stderr.write(`error: ${err instanceof ConfigError ? err.message : String(err)}\n`);
    return 1;
  }
  for (const warning of config.warnings) process.stderr.write(`${warning}\n`);
  const table = (config.toml.sandbox ?? {}) as { backend?: string; limits?: Record<string, number> };
  if (mac) {
    const { seatbeltArgv, seatbeltEnv } = await import('@codex-ts/seatbelt');
    const { spawnSync } = await import('node:child_process');
    const [file, ...args] = seatbeltArgv({ policy: config.sandbox_policy, cwd: config.cwd, command: o.command });
    const r = spawnSync(file!, args, { cwd: config.cwd, env: seatbeltEnv(config.sandbox_policy), stdio: 'inherit' });
    return r.status ?? 1;
  }
  const { runSandboxedCommand, SandboxError } = await import('@codex-ts/linux-sandbox');
  try {
    return await runSandboxedCommand({
      argv: o.command,
      cwd: config.cwd,
      policy: config.sandbox_policy,
      env: process.env,
      backend: (o.backend ?? table.backend ?? 'auto') as 'auto',
      ...(table.limits ? { limits: table.limits } : {}),
    });
  } catch (err: unknown) {
    process.stderr.write(`error: ${err instanceof SandboxError ? err.message : String(err)}\n`);
    return 1;
  }
}
