import { describe, expect, it } from 'vitest';
import { resolveFeatures } from '../config/features.js';
import { ConfigError } from '../config/errors.js';
import { modelFamily } from './model-info.js';
import { chooseToolSet, prefersUnifiedExec } from './tool-set.js';

const pick = (slug: string, wire: 'responses' | 'chat', features = {}) => chooseToolSet(modelFamily(slug, wire), wire, features);

describe('tool sets per model family', () => {
  it('gives current gpt-5.x models unified exec and the freeform patch tool on the Responses wire', () => {
    expect(pick('gpt-5.5', 'responses')).toEqual({ shell: 'unified_exec', applyPatch: 'freeform' });
    expect(pick('gpt-5.1-codex', 'responses')).toEqual({ shell: 'unified_exec', applyPatch: 'freeform' });
    expect(pick('gpt-6.1-sol', 'responses').shell).toBe('unified_exec');
  });

  it('keeps shell for older models and for Chat providers', () => {
    expect(pick('gpt-5-codex', 'responses')).toEqual({ shell: 'shell', applyPatch: 'freeform' });
    expect(pick('gpt-4.1', 'responses')).toEqual({ shell: 'shell', applyPatch: 'function' });
    expect(pick('gpt-5.5', 'chat')).toEqual({ shell: 'shell', applyPatch: 'function' });
    expect(pick('gpt-oss:20b', 'chat')).toEqual({ shell: 'shell', applyPatch: 'function' });
    expect(['gpt-50', 'gpt-5', 'o3', 'codex-mini-latest'].map(prefersUnifiedExec)).toEqual([true, false, false, false]);
  });

  it('follows explicit features: unified_exec, shell_tool, apply_patch_freeform', () => {
    expect(pick('gpt-4.1', 'responses', { unified_exec: true })).toEqual({ shell: 'unified_exec', applyPatch: 'function' });
    expect(pick('gpt-5.5', 'responses', { unified_exec: false })).toEqual({ shell: 'shell', applyPatch: 'freeform' });
    expect(pick('gpt-5.5', 'responses', { shell_tool: false, unified_exec: true }).shell).toBe('disabled');
    expect(pick('gpt-5.5', 'responses', { apply_patch_freeform: false }).applyPatch).toBe('function');
    expect(pick('gpt-4.1', 'responses', { apply_patch_freeform: true }).applyPatch).toBe('freeform');
    expect(pick('gpt-4.1', 'chat', { apply_patch_freeform: true }).applyPatch).toBe('function');
  });
});

describe('resolveFeatures', () => {
  it('layers legacy keys, [features], the profile, then --enable/--disable', () => {
    const doc = { experimental_use_unified_exec_tool: false, features: { shell_tool: true, apply_patch_freeform: false, made_up: true } };
    expect(resolveFeatures({ doc, profile: {} })).toEqual({ unified_exec: false, shell_tool: true, apply_patch_freeform: false });
    expect(resolveFeatures({ doc, profile: { features: { unified_exec: true } } })).toEqual({ unified_exec: true, shell_tool: true, apply_patch_freeform: false });
    expect(resolveFeatures({ doc, profile: {}, enable: ['unified_exec'], disable: ['shell_tool'] })).toEqual({ unified_exec: true, shell_tool: false, apply_patch_freeform: false });
  });

  it('names an unknown feature given on the command line', () => {
    expect(() => resolveFeatures({ doc: {}, profile: {}, enable: ['unified-exec'] })).toThrow(ConfigError);
    expect(() => resolveFeatures({ doc: {}, profile: {}, disable: ['nope'] })).toThrow(/--disable nope: unknown feature\. Known features: unified_exec, shell_tool/);
  });
});
