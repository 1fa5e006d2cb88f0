/**
 * @codex-ts/test-support: the scripted model server every test uses (OpenAI Responses
 * SSE, Chat Completions SSE, /v1/models and the Ollama API on 127.0.0.1), the builders
 * for the stream events it sends, fault injection and request recording.
 */
export const PACKAGE_NAME = '@codex-ts/test-support';

export {
  startModelServer,
  type ModelServerOptions,
  type PullInput,
  type ScriptedModelServer,
  type WaitOptions,
} from './server.js';
export type {
  CompactReply,
  ChatChunk,
  ChatFrame,
  CutFault,
  DropFault,
  EndpointKind,
  Fault,
  FaultKind,
  MalformedFault,
  NoHeadersFault,
  OutputItem,
  RecordedRequest,
  RequestMatcher,
  ResponsesUsage,
  ScriptedTurn,
  ScriptProblem,
  StallFault,
  StatusFault,
  StreamEvent,
  TurnInput,
} from './types.js';
export { ScriptError, TestSupportError, type TestSupportErrorCode } from './errors.js';
export { nextId, resetIds } from './builders/ids.js';
export {
  completed,
  failed,
  incomplete,
  responseCreated,
  responseInProgress,
  usage,
  type CompletedOptions,
  type FailedOptions,
  type UsageInput,
} from './builders/response.js';
export {
  assistantMessage,
  customToolCall,
  functionCall,
  localShellCall,
  outputItemAdded,
  outputItemDone,
  outputTextDelta,
  reasoning,
  type AssistantMessageOptions,
  type CustomToolCallOptions,
  type FunctionCallOptions,
  type LocalShellCallOptions,
  type ReasoningOptions,
} from './builders/items.js';
export {
  applyPatchCall,
  shellArguments,
  shellCall,
  execCommandCall,
  writeStdinCall,
  turn,
  type ApplyPatchCallOptions,
  type ShellCallOptions,
  type TurnOptions,
  type ExecCommandArgs,
  type ExecCommandCallOptions,
  type WriteStdinCallOptions,
} from './builders/turn.js';
export { chatUsage, toChatChunks, type ChatRenderOptions } from './builders/chat.js';
export { finalizeResponseEvents, type FinalizeContext } from './internal/finalize.js';
export { ollamaPullProgress, ollamaTag, type PullProgressOptions } from './internal/ollama.js';
export { normalizeTurn } from './internal/turn-queue.js';
export {
  compileTurn,
  loadScriptFile,
  parseScript,
  ScriptFileSchema,
  ScriptTurnSchema,
  type LoadedScript,
  type ScriptTurn,
} from './script.js';
export { fixturePath, readFixture, startFixtureServer, type FixtureRoute, type FixtureServer } from './fixture-server.js';
export {
  startFakeIssuer,
  fakeJwt,
  type FakeIssuer,
  type FakeIssuerOptions,
  type IssuerRequest,
  type MintedTokens,
} from './fake-issuer.js';
export type { FakePersonalAccessToken } from './fake-issuer.js';
export { FAULTY_MCP_SERVER } from './mcp-fixtures.js';
export { startFakeOAuthIssuer, followAuthorization, type FakeOAuthIssuer } from './fake-oauth.js';
export { canMountTmpfs } from './tmpfs.js';
export { redisMissingReason, redisServerPath, startRedisServer, type RedisServer } from './redis.js';
export { alive, until } from './process-probe.js';
export { tempDirs, type TempDirMaker } from './temp-dirs.js';
export { TEST_USER, usersToRunAs, type RunAs } from './users.js';
