/** @codex-ts/test-support: The scripted model server every test uses: OpenAI Responses SSE, Chat Completions SSE, /v1/models and the Ollama API on 127.0.0.1, with builders, request recording and fault injection; also the codex-test-model CLI. */
export const PACKAGE_NAME = '@codex-ts/test-support';
