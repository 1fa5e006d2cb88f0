/** @codex-ts/ollama: Local Ollama support: server probe, model listing and streaming pulls for the oss provider. */
export const PACKAGE_NAME = '@codex-ts/ollama';
