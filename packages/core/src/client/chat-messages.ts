// Responses history -> Chat Completions request (`wire_api = "chat"`): system message
// from the instructions, user/assistant messages, tool calls merged into the assistant
// turn that made them (Chat requires tool messages right after it), tool outputs as
// `tool` messages, and tools as function tools (freeform tools as `{input}` functions).
import { ModelClientError } from './errors.js';
import type { Prompt, ResponseItem, ToolSpec } from './types.js';

/** One Chat Completions message (loose: providers accept a few extra fields). */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null | Array<Record<string, unknown>>;
  tool_calls?: ChatToolCall[];
  tool_call_id?: string;
  reasoning?: string;
}

/** An assistant tool call in a Chat request. */
export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** Names of tools sent as functions but declared freeform (custom) in the prompt. */
export function customToolNames(tools: ToolSpec[]): Set<string> {
  return new Set(tools.filter((t) => t.type === 'custom' && typeof t.name === 'string').map((t) => t.name as string));
}

/** Builds the Chat body: `{model, messages, stream, stream_options, tools}`. */
export function buildChatBody(prompt: Prompt): Record<string, unknown> {
  if (prompt.output_schema !== undefined) {
    throw new ModelClientError('invalid_request', 'output_schema is not supported for Chat Completions API');
  }
  const body: Record<string, unknown> = {
    model: prompt.model,
    messages: toChatMessages(prompt.instructions, prompt.input),
    stream: true,
    // OpenAI-compatible servers send token usage in a final chunk only when asked.
    stream_options: { include_usage: true },
  };
  const tools = toChatTools(prompt.tools);
  if (tools.length > 0) body['tools'] = tools;
  return body;
}

/** Converts tool specs: function tools as is, custom tools as a function taking `{input}`. */
export function toChatTools(tools: ToolSpec[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const t of tools) {
    if (t.type === 'function') {
      const fn: Record<string, unknown> = { name: t.name, description: t.description ?? '' };
      if (t['strict'] !== undefined) fn['strict'] = t['strict'];
      fn['parameters'] = t['parameters'] ?? { type: 'object', properties: {} };
      out.push({ type: 'function', function: fn });
    } else if (t.type === 'custom') {
      out.push({
        type: 'function',
        function: {
          name: t.name,
          description: t.description ?? '',
          strict: false,
          parameters: {
            type: 'object',
            properties: { input: { type: 'string', description: `The raw input for ${String(t.name)}.` } },
            required: ['input'],
            additionalProperties: false,
          },
        },
      });
    }
    // local_shell, web_search and other hosted tools have no Chat equivalent (Codex drops them).
  }
  return out;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((p: { type?: string; text?: unknown }) => (typeof p.text === 'string' ? p.text : ''))
    .join('');
}

function userContent(content: unknown): ChatMessage['content'] {
  if (!Array.isArray(content) || !content.some((p: { type?: string }) => p.type === 'input_image')) {
    return textOf(content);
  }
  return content.flatMap((p: { type?: string; text?: string; image_url?: string }): Array<Record<string, unknown>> => {
    if (p.type === 'input_image' && typeof p.image_url === 'string') {
      return [{ type: 'image_url', image_url: { url: p.image_url } }];
    }
    return typeof p.text === 'string' ? [{ type: 'text', text: p.text }] : [];
  });
}

function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (Array.isArray(output)) return textOf(output);
  if (output && typeof output === 'object' && typeof (output as { content?: unknown }).content === 'string') {
    return (output as { content: string }).content;
  }
  return JSON.stringify(output ?? '');
}

function reasoningText(item: ResponseItem): string {
  const content = textOf(item['content']);
  return content !== '' ? content : textOf(item['summary']);
}

function toolCallOf(item: ResponseItem): ChatToolCall | undefined {
  const id = String(item['call_id'] ?? item.id ?? '');
  switch (item.type) {
    case 'function_call':
      return { id, type: 'function', function: { name: String(item['name']), arguments: String(item['arguments'] ?? '') } };
    case 'custom_tool_call':
      return {
        id,
        type: 'function',
        function: { name: String(item['name']), arguments: JSON.stringify({ input: item['input'] ?? '' }) },
      };
    case 'local_shell_call': {
      const action = (item['action'] ?? {}) as { command?: string[]; working_directory?: string; timeout_ms?: number };
      const args: Record<string, unknown> = { command: action.command ?? [] };
      if (action.working_directory !== undefined) args['workdir'] = action.working_directory;
      if (action.timeout_ms !== undefined) args['timeout_ms'] = action.timeout_ms;
      return { id, type: 'function', function: { name: 'shell', arguments: JSON.stringify(args) } };
    }
    default:
      return undefined;
  }
}

/** Converts the Responses history to Chat messages. */
export function toChatMessages(instructions: string, input: ResponseItem[]): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: instructions }];
  let pendingReasoning = '';
  // The assistant message that tool calls may still join (until a non-call item intervenes).
  let openAssistant: ChatMessage | undefined;
  const assistant = (): ChatMessage => {
    if (openAssistant) return openAssistant;
    const msg: ChatMessage = { role: 'assistant', content: null };
    if (pendingReasoning !== '') {
      msg.reasoning = pendingReasoning;
      pendingReasoning = '';
    }
    messages.push(msg);
    openAssistant = msg;
    return msg;
  };
  for (const item of input) {
    const call = toolCallOf(item);
    if (call) {
      const msg = assistant();
      (msg.tool_calls ??= []).push(call);
      continue;
    }
    switch (item.type) {
      case 'message': {
        const role = item['role'];
        if (role === 'assistant') {
          openAssistant = undefined;
          const msg = assistant();
          msg.content = textOf(item['content']);
        } else {
          openAssistant = undefined;
          messages.push({ role: role === 'user' ? 'user' : 'system', content: userContent(item['content']) });
        }
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output':
        openAssistant = undefined;
        messages.push({ role: 'tool', tool_call_id: String(item['call_id'] ?? ''), content: outputText(item['output']) });
        break;
      case 'reasoning':
        openAssistant = undefined;
        pendingReasoning += reasoningText(item);
        break;
      default:
        // web_search_call and unknown items have no Chat form.
        break;
    }
  }
  return messages;
}
