import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AuthDotJsonSchema,
  CONFIG_TOML_KEYS,
  ConfigTomlSchema,
  HistoryLineSchema,
  ROLLOUT_ITEM_TYPES,
  RolloutLineSchema,
} from '../src/index.js';
import { expectRoundTrip, fixtureJson, fixtureLines, issuesOf } from './helpers.js';

describe('rollout lines', () => {
  it('round-trips a 0.47 rollout covering every line kind', () => {
    const lines = fixtureLines('rollout-0.47.jsonl').map((line) => expectRoundTrip(RolloutLineSchema, line));
    expect(new Set(lines.map((line) => line.type))).toEqual(new Set(ROLLOUT_ITEM_TYPES));
  });

  it('round-trips a rollout captured from Codex 0.169 (exec, then exec resume: ordinal, metadata, world_state, token_usage_record, new events)', () => {
    const lines = fixtureLines('rollout-0.169.jsonl').map((line) => expectRoundTrip(RolloutLineSchema, line));
    const kinds = lines.map((line) => (line.type === 'event_msg' || line.type === 'response_item' ? `${line.type}/${(line.payload as { type: string }).type}` : line.type));
    expect(kinds).toEqual([
      'session_meta',
      'event_msg/task_started',
      'response_item/message',
      'response_item/message',
      'world_state',
      'turn_context',
      'event_msg/thread_settings_applied',
      'response_item/message',
      'event_msg/item_completed',
      'response_item/function_call',
      'token_usage_record',
      'response_item/function_call_output',
      'event_msg/token_count',
      'event_msg/item_completed',
      'response_item/message',
      'token_usage_record',
      'event_msg/token_count',
      'event_msg/task_complete',
      'event_msg/thread_settings_applied',
      'event_msg/task_started',
      'turn_context',
      'response_item/message',
      'event_msg/item_completed',
      'event_msg/item_completed',
      'response_item/message',
      'token_usage_record',
      'event_msg/token_count',
      'event_msg/task_complete',
    ]);
    expect(lines.map((line) => line.ordinal)).toEqual([...Array(28).keys()]);
  });

  it('round-trips every line of the other 0.169 captures (a paginated fork, a local compaction, a codex-ts rollout 0.169 appended to)', () => {
    const dir = 'captured-0.169';
    const files = readdirSync(join(import.meta.dirname, 'fixtures', dir));
    expect(files).toHaveLength(4);
    const kinds = new Set<string>();
    for (const f of files) for (const line of fixtureLines(`${dir}/${f}`)) kinds.add(expectRoundTrip(RolloutLineSchema, line).type);
    expect([...kinds].sort()).toEqual(['compacted', 'event_msg', 'response_item', 'session_meta', 'token_usage_record', 'turn_context', 'world_state']);
  });

  it('rejects bad known lines with paths', () => {
    expect(
      issuesOf(RolloutLineSchema, { timestamp: 't', type: 'event_msg', payload: { type: 'agent_message', message: 1 } }),
    ).toEqual([{ path: ['payload', 'message'], code: 'invalid_type' }]);
    expect(
      issuesOf(RolloutLineSchema, {
        timestamp: 't',
        type: 'turn_context',
        payload: { cwd: '/', approval_policy: 'sometimes', model: 'm' },
      }),
    ).toEqual([{ path: ['payload', 'approval_policy'], code: 'invalid_union' }]);
    expect(issuesOf(RolloutLineSchema, { type: 'compacted', payload: { message: 'x' } })).toEqual([
      { path: ['timestamp'], code: 'invalid_type' },
    ]);
  });
});

describe('history.jsonl', () => {
  it('round-trips every line', () => {
    const lines = fixtureLines('history.jsonl').map((line) => expectRoundTrip(HistoryLineSchema, line));
    expect(lines[0]).toEqual({ session_id: '0199f1a6-7c2b-7a30-9a3e-3b7e2f0c9d11', ts: 1760688000, text: 'List the files' });
  });

  it('rejects a string timestamp', () => {
    expect(issuesOf(HistoryLineSchema, { session_id: 's', ts: '1760688000', text: 'x' })).toEqual([
      { path: ['ts'], code: 'invalid_type' },
    ]);
  });
});

describe('auth.json', () => {
  it('round-trips the ChatGPT and API-key forms', () => {
    expectRoundTrip(AuthDotJsonSchema, fixtureJson('auth-chatgpt.json'));
    expect(expectRoundTrip(AuthDotJsonSchema, fixtureJson('auth-api-key.json'))).toEqual({ OPENAI_API_KEY: 'sk-test-1234' });
  });

  it('rejects tokens without a refresh_token', () => {
    expect(issuesOf(AuthDotJsonSchema, { tokens: { id_token: 'a', access_token: 'b' } })).toEqual([
      { path: ['tokens', 'refresh_token'], code: 'invalid_type' },
    ]);
  });
});

describe('config.toml', () => {
  it('round-trips the config that drove Codex 0.169 against the mock', () => {
    expectRoundTrip(ConfigTomlSchema, fixtureJson('config-0.169.json'));
  });

  it('round-trips a config using every known key and keeps unknown keys', () => {
    const config = expectRoundTrip(ConfigTomlSchema, fixtureJson('config-full.json'));
    expect(config['some_future_key']).toEqual({ nested: [1, 2, 3] });
    const used = Object.keys(fixtureJson('config-full.json') as object).filter((key) => key !== 'some_future_key');
    expect(new Set(used)).toEqual(new Set(CONFIG_TOML_KEYS));
  });

  it('accepts an empty config', () => {
    expect(ConfigTomlSchema.parse({})).toEqual({});
  });

  it('rejects known keys with a wrong type, naming the key path', () => {
    expect(issuesOf(ConfigTomlSchema, { model_providers: { mock: { wire_api: 'grpc', request_max_retries: '2' } } })).toEqual([
      { path: ['model_providers', 'mock', 'wire_api'], code: 'invalid_value' },
      { path: ['model_providers', 'mock', 'request_max_retries'], code: 'invalid_type' },
    ]);
    expect(issuesOf(ConfigTomlSchema, { sandbox_workspace_write: { network_access: 'yes' } })).toEqual([
      { path: ['sandbox_workspace_write', 'network_access'], code: 'invalid_type' },
    ]);
    expect(issuesOf(ConfigTomlSchema, { profiles: { fast: { model_reasoning_effort: 'max' } } })).toEqual([
      { path: ['profiles', 'fast', 'model_reasoning_effort'], code: 'invalid_value' },
    ]);
    expect(issuesOf(ConfigTomlSchema, { fleet: { concurrency: 0, providers: [{ provider: 'x', weight: -1 }], redis: 'r' } })).toEqual([
      { path: ['fleet', 'concurrency'], code: 'too_small' },
      { path: ['fleet', 'providers', 0, 'weight'], code: 'too_small' },
      { path: ['fleet'], code: 'unrecognized_keys' },
    ]);
  });

  it('enforces the MCP server transport rules', () => {
    expect(issuesOf(ConfigTomlSchema, { mcp_servers: { both: { command: 'x', url: 'https://y' } } })).toEqual([
      { path: ['mcp_servers', 'both'], code: 'custom' },
    ]);
    expect(issuesOf(ConfigTomlSchema, { mcp_servers: { s: { command: 'x', bearer_token_env_var: 'T' } } })).toEqual([
      { path: ['mcp_servers', 's', 'bearer_token_env_var'], code: 'custom' },
    ]);
    expect(issuesOf(ConfigTomlSchema, { mcp_servers: { h: { url: 'https://y', bearer_token: 'secret' } } })).toEqual([
      { path: ['mcp_servers', 'h', 'bearer_token'], code: 'custom' },
    ]);
    expect(issuesOf(ConfigTomlSchema, { mcp_servers: { 'bad name': { command: 'x' } } })).toEqual([
      { path: ['mcp_servers', 'bad name'], code: 'invalid_key' },
    ]);
  });
});
