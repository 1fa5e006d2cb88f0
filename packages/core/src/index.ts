/** @codex-ts/core: The agent engine: the queue pair, session and turn loop, model client (Responses and Chat Completions wires), tool registry and handlers, safety and approvals, command runner, rollout recorder, config loading, AGENTS.md discovery. */
export const PACKAGE_NAME = '@codex-ts/core';
