/**
 * Plain types shared by the builders, the server and the script loader. They describe
 * what goes on the wire (Responses stream events, Chat chunks) loosely on purpose: the
 * server must be able to send malformed or unusual shapes that a strict schema forbids.
 */

/** One Responses API stream event, sent as `event: <type>\ndata: <json>\n\n`. */
export interface StreamEvent {
  type: string;
  [key: string]: unknown;
}

/** A Responses output item (message, reasoning, function_call, custom_tool_call, ...). */
export interface OutputItem {
  type: string;
  id?: string;
  [key: string]: unknown;
}

/** Token usage as the Responses API reports it in `response.completed`. */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** One `chat.completion.chunk` (or any JSON frame) sent as `data: <json>\n\n`. */
export interface ChatChunk {
  [key: string]: unknown;
}

/** One Chat SSE frame: a chunk object, or the literal `'[DONE]'` terminator. */
export type ChatFrame = ChatChunk | '[DONE]';

/** Reply with an HTTP error status instead of a stream. */
export interface StatusFault {
  fault: 'status';
  status: number;
  /** Sent as the `Retry-After` header (seconds, or any raw string). Omitted when absent. */
  retryAfter?: number | string;
  /** JSON body; defaults to an OpenAI-style `{error:{message,type,code}}`. */
  body?: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/** Send `after` frames, then destroy the socket mid-stream. */
export interface CutFault {
  fault: 'cut';
  after: number;
}

/** Send `after` frames (default 0), then go silent for `ms` (default: until the client leaves). */
export interface StallFault {
  fault: 'stall';
  ms?: number;
  after?: number;
}

/** Insert a malformed `data:` line after `after` frames (default 0), then carry on. */
export interface MalformedFault {
  fault: 'malformed';
  after?: number;
  /** The raw text written instead of a good frame; defaults to `data: {not json\n\n`. */
  line?: string;
}

/** Accept the request but never send status or headers, until the client aborts or close(). */
export interface NoHeadersFault {
  fault: 'no-headers';
}

/** Read the request, then close the connection before sending a single response byte. */
export interface DropFault {
  fault: 'drop';
}

/** Every injectable fault. `response.failed` is not a fault: queue the `failed()` event. */
export type Fault = StatusFault | CutFault | StallFault | MalformedFault | NoHeadersFault | DropFault;

/** The name of every fault kind. */
export type FaultKind = Fault['fault'];

/** Checks one request before a turn is served; return `true` or a reason it does not match. */
export type RequestMatcher =
  | ((req: RecordedRequest) => boolean | string)
  | {
      /** The raw request body must contain this text. */
      contains?: string;
      /** The request path must end with this text. */
      path?: string;
      /** The JSON body's `model` must equal this. */
      model?: string;
    };

/** A fully spelled-out scripted turn: what one model request gets back. */
export interface ScriptedTurn {
  /** Responses stream events (rendered to the Chat wire on `/chat/completions`). */
  events?: StreamEvent[];
  /**
   * Events computed from the request when it arrives (wins over `events`): for a reply
   * that depends on what the client sent, e.g. a session id from an earlier tool output.
   */
  respond?: (req: RecordedRequest) => StreamEvent[];
  /** Raw chunks for the Chat wire; when absent, `events` are converted. */
  chatChunks?: ChatFrame[];
  fault?: Fault;
  /** Delay before each frame, overriding the server default. */
  eventDelayMs?: number;
  /** Extra response headers (e.g. `x-codex-primary-used-percent`). */
  headers?: Record<string, string>;
  /** When set, a request that does not match fails loudly instead of consuming the turn. */
  match?: RequestMatcher;
  /** A name shown in logs and errors. */
  label?: string;
}

/** Anything `queueResponses` accepts: a list of events, a fault (optionally with events), or a full turn. */
export type TurnInput =
  | StreamEvent[]
  | ScriptedTurn
  | (Fault & Omit<ScriptedTurn, 'fault'>);

/** Which endpoint a request hit. */
export type EndpointKind =
  | 'responses'
  | 'responses-compact'
  | 'chat'
  | 'models'
  | 'ollama-version'
  | 'ollama-tags'
  | 'ollama-pull'
  | 'unknown';

/** One request as the server received it. */
export interface RecordedRequest {
  /** 0-based arrival order across all endpoints. */
  index: number;
  kind: EndpointKind;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The raw body text. */
  body: string;
  /** The parsed JSON body, or `undefined` when empty or not JSON. */
  json: unknown;
  /** ms since epoch when the body was fully read. */
  receivedAt: number;
}

/** Something that went wrong on the server side of the script (ran out, mismatch). */
export interface ScriptProblem {
  kind: 'exhausted' | 'mismatch' | 'unsupported';
  requestIndex: number;
  message: string;
}

/** One scripted answer of `POST …/responses/compact`: the replacement history, or an HTTP error. */
export type CompactReply = { output: OutputItem[] } | StatusFault;
