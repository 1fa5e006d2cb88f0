/** @codex-ts/protocol: zod schemas and inferred types for every Codex wire and file format: ops, events, Responses items, sandbox and approval policies, exec --json events, rollout and history lines, config.toml. */
export const PACKAGE_NAME = '@codex-ts/protocol';
