/** @codex-ts/seatbelt: macOS Seatbelt: the SBPL profile for a sandbox policy and the exact sandbox-exec argv. */
export const PACKAGE_NAME = '@codex-ts/seatbelt';
