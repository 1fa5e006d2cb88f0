// The choices of `/model` (models and their reasoning efforts) and `/approvals` (approval
// policy + sandbox presets), as Codex offers them.
import type { AskForApproval, ReasoningEffort, SandboxPolicy } from '@codex-ts/protocol';

export interface ModelPreset {
  model: string;
  description: string;
  efforts: Array<{ effort: ReasoningEffort; description: string }>;
  defaultEffort: ReasoningEffort;
}

const CODEX_EFFORTS: ModelPreset['efforts'] = [
  { effort: 'low', description: 'Fastest responses with limited reasoning' },
  { effort: 'medium', description: 'Dynamically adjusts reasoning based on the task' },
  { effort: 'high', description: 'Maximizes reasoning depth for complex or ambiguous problems' },
];

export const MODEL_PRESETS: readonly ModelPreset[] = [
  { model: 'gpt-5-codex', description: 'Optimized for coding tasks with many tools.', efforts: CODEX_EFFORTS, defaultEffort: 'medium' },
  { model: 'gpt-5-codex-mini', description: 'Cheaper and faster, less capable.', efforts: CODEX_EFFORTS.filter((e) => e.effort !== 'low'), defaultEffort: 'medium' },
  {
    model: 'gpt-5',
    description: 'Broad world knowledge with strong general reasoning.',
    efforts: [{ effort: 'minimal', description: 'Fastest responses with little reasoning' }, ...CODEX_EFFORTS],
    defaultEffort: 'medium',
  },
];

/** Presets plus the current model when it is not one of them (a custom provider's model). */
export function modelChoices(current: string): ModelPreset[] {
  if (MODEL_PRESETS.some((p) => p.model === current)) return [...MODEL_PRESETS];
  return [{ model: current, description: 'The model from your configuration.', efforts: CODEX_EFFORTS, defaultEffort: 'medium' }, ...MODEL_PRESETS];
}

export interface ApprovalPreset {
  id: 'read-only' | 'auto' | 'full-access';
  label: string;
  description: string;
  approval: AskForApproval;
  sandbox: SandboxPolicy;
  sandboxMode: 'read-only' | 'workspace-write' | 'danger-full-access';
}

export const APPROVAL_PRESETS: readonly ApprovalPreset[] = [
  {
    id: 'read-only',
    label: 'Read Only',
    description: 'Codex can read files and answer questions; edits, commands and network access need your approval.',
    approval: 'on-request',
    sandbox: { mode: 'read-only' },
    sandboxMode: 'read-only',
  },
  {
    id: 'auto',
    label: 'Auto',
    description: 'Codex can read and edit files and run commands in the workspace; anything outside it or the network needs approval.',
    approval: 'on-request',
    sandbox: { mode: 'workspace-write' },
    sandboxMode: 'workspace-write',
  },
  {
    id: 'full-access',
    label: 'Full Access',
    description: 'Codex can edit files outside the workspace and use the network without asking. Use with caution.',
    approval: 'never',
    sandbox: { mode: 'danger-full-access' },
    sandboxMode: 'danger-full-access',
  },
];

/** `/permissions` (Codex 0.169's picker): the same settings under its newer names and order. */
export const PERMISSION_PRESETS: readonly ApprovalPreset[] = [
  { ...APPROVAL_PRESETS[1]!, label: 'Ask for approval', description: 'Read and edit files in the workspace and run commands; ask before network access or edits outside it.' },
  { ...APPROVAL_PRESETS[2]!, description: 'Edit files anywhere and use the network without asking. Use with caution.' },
  { ...APPROVAL_PRESETS[0]!, description: 'Read files in the workspace; ask before edits or network access.' },
];
