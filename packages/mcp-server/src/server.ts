// `codex mcp-server`: Codex as an MCP server over stdio JSON-RPC. Tools `codex` (start a
// conversation) and `codex-reply` (continue one); several conversations run at once, each
// streaming its events as `codex/event` notifications and asking approvals through
// `elicitation/create`; `notifications/cancelled` interrupts the turn. stdout carries only
// JSON-RPC; logs go to stderr. When stdin closes, every session is shut down.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Codex, loadConfig } from '@codex-ts/core';
import pino, { type Logger } from 'pino';
import { Conversation, type ClientLink } from './conversation.js';
import { ElicitAnswerSchema } from './elicitation.js';
import { CODEX_REPLY_TOOL, CODEX_TOOL, CodexReplyParamsSchema, CodexToolParamsSchema, describeZodError, jsonToToml, type CodexToolParams } from './tool-config.js';

/** Options for {@link runMcpServer}. */
export interface McpServerOptions {
  env?: NodeJS.ProcessEnv;
  /** `-c key=value` overrides applied to every session. */
  overrides?: string[];
  version?: string;
  logger?: Logger;
  stdin?: Readable;
  stdout?: Writable;
}

function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** Serve until stdin closes; resolves after every session shut down. */
export async function runMcpServer(opts: McpServerOptions = {}): Promise<void> {
  const env = opts.env ?? process.env;
  const log = opts.logger ?? pino({ level: env.CODEX_LOG === 'off' ? 'silent' : (env.CODEX_LOG ?? 'info'), base: { component: 'mcp-server' } }, pino.destination(2));
  const version = opts.version ?? '0.0.0';
  const server = new Server({ name: 'codex-mcp-server', title: 'Codex', version }, { capabilities: { tools: { listChanged: true } } });
  const conversations = new Map<string, Conversation>();

  const link: ClientLink = {
    notify: (params, requestId) => server.notification({ method: 'codex/event', params } as never, { relatedRequestId: requestId }),
    elicit: (params, requestId, signal) => server.request({ method: 'elicitation/create', params } as never, ElicitAnswerSchema as never, { relatedRequestId: requestId, signal, timeout: 24 * 3600 * 1000 }),
  };

  async function startConversation(p: CodexToolParams): Promise<Conversation> {
    for (const k of Object.keys(p.config ?? {})) {
      if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(k)) throw new Error(`config: invalid key ${JSON.stringify(k)} (use dotted config.toml keys such as "sandbox_workspace_write.network_access")`);
    }
    if (p.cwd !== undefined && !(existsSync(resolve(p.cwd)) && statSync(resolve(p.cwd)).isDirectory())) throw new Error(`cwd: ${resolve(p.cwd)} is not a directory`);
    const overrides = [...(opts.overrides ?? []), ...Object.entries(p.config ?? {}).map(([k, v]) => `${k}=${jsonToToml(v)}`)];
    const config = loadConfig({
      env,
      overrides,
      cli: {
        ...(p.model !== undefined ? { model: p.model } : {}),
        ...(p.profile !== undefined ? { profile: p.profile } : {}),
        ...(p.cwd !== undefined ? { cwd: resolve(p.cwd) } : {}),
        ...(p['approval-policy'] !== undefined ? { approval_policy: p['approval-policy'] } : {}),
        ...(p.sandbox !== undefined ? { sandbox_mode: p.sandbox } : {}),
        ...(p['base-instructions'] !== undefined ? { base_instructions: p['base-instructions'] } : {}),
      },
    });
    const { codex, sessionId } = await Codex.spawn(config, {
      env,
      originator: 'codex_mcp_server',
      sessionSource: 'mcp',
      logger: log.child({ thread_id: '' }),
      version,
      ...(p['include-plan-tool'] !== undefined ? { includePlanTool: p['include-plan-tool'] } : {}),
    });
    const conv = new Conversation(sessionId, codex, link, log.child({ thread_id: sessionId }));
    conversations.set(sessionId, conv);
    return conv;
  }

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [CODEX_TOOL, CODEX_REPLY_TOOL] as never }));
  server.setRequestHandler(CallToolRequestSchema, async (req, extra): Promise<CallToolResult> => {
    const name = req.params.name;
    const args = req.params.arguments ?? {};
    let conv: Conversation;
    let prompt: string;
    try {
      if (name === 'codex') {
        const parsed = CodexToolParamsSchema.safeParse(args);
        if (!parsed.success) return errorResult(`invalid codex arguments: ${describeZodError(parsed.error)}`);
        conv = await startConversation(parsed.data);
        prompt = parsed.data.prompt;
      } else if (name === 'codex-reply') {
        const parsed = CodexReplyParamsSchema.safeParse(args);
        if (!parsed.success) return errorResult(`invalid codex-reply arguments: ${describeZodError(parsed.error)}`);
        const id = parsed.data.threadId ?? parsed.data.conversationId!;
        const found = conversations.get(id);
        if (!found) return errorResult(`Session not found for thread_id: ${id}`);
        conv = found;
        prompt = parsed.data.prompt;
      } else {
        return errorResult(`Unknown tool '${name}'`);
      }
    } catch (err: unknown) {
      log.error({ err, tool: name }, 'could not start the session');
      return errorResult(`Failed to start Codex session: ${(err as Error).message}`);
    }
    try {
      const r = await conv.run(prompt, extra.requestId, extra.signal);
      return { content: [{ type: 'text', text: r.content }], structuredContent: { threadId: r.threadId, content: r.content } };
    } catch (err: unknown) {
      return errorResult((err as Error).message);
    }
  });

  const transport = new StdioServerTransport(opts.stdin ?? process.stdin, opts.stdout ?? process.stdout);
  const input = opts.stdin ?? process.stdin;
  const closed = new Promise<void>((res) => {
    input.once('end', res);
    input.once('close', res);
    transport.onclose = chainClose(transport.onclose, res);
  });
  await server.connect(transport);
  log.info({ version }, 'codex mcp-server listening on stdio');
  await closed;
  await Promise.all([...conversations.values()].map((c) => c.shutdown()));
  await server.close().catch(() => undefined);
}

function chainClose(a: (() => void) | undefined, b: () => void): () => void {
  return () => {
    a?.();
    b();
  };
}
