/** @codex-ts/linux-sandbox: The Linux sandbox: a native C helper (Landlock + seccomp + rlimits), bubblewrap backend, backend probing, and spawnSandboxed. */
export const PACKAGE_NAME = '@codex-ts/linux-sandbox';
