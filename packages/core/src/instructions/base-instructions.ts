// The base instructions sent on every request (written for codex-ts). They are assembled
// per session from prompt-sections.ts so the prompt names exactly the tools the model gets
// (exec_command/write_stdin or shell, freeform or JSON apply_patch) and adds a short note
// for the model family. `model_instructions_file` / `experimental_instructions_file` in
// config.toml replace the whole text.
import * as s from './prompt-sections.js';

/** What the prompt depends on: the model slug and the tool set chosen for it. */
export interface InstructionsFor {
  slug: string;
  shell: 'unified_exec' | 'shell' | 'disabled';
  applyPatch: 'freeform' | 'function';
}

const OTHER_TOOLS = `# Other tools

- \`view_image\` attaches a local image (a screenshot, a diagram, a rendered page) to the conversation so you can look at it; use it when the user points you at an image file.
- \`web_search\`, when present, searches the web; use it for documentation or error messages you cannot resolve from the workspace, and prefer the project's pinned versions over the latest ones.
- MCP tools, when present, are named \`server__tool\`; use them as their descriptions say.
`;

function familyNote(slug: string): string {
  const s2 = slug.toLowerCase();
  if (s2.includes('codex')) return s.FAMILY_CODEX;
  const reasoning = s2.startsWith('gpt-5') || /^gpt-([6-9]|\d{2,})/.test(s2) || s2.startsWith('o3') || s2.startsWith('o4');
  return reasoning ? '' : s.FAMILY_NON_REASONING;
}

/** The base instructions for a model and its tool set. */
export function baseInstructionsFor(family: { slug: string }, toolSet: { shell: InstructionsFor['shell']; applyPatch: InstructionsFor['applyPatch'] }): string {
  const tools = toolSet.shell === 'unified_exec' ? s.TOOLS_UNIFIED_EXEC : toolSet.shell === 'shell' ? s.TOOLS_SHELL : s.TOOLS_NO_SHELL;
  const patch = (toolSet.applyPatch === 'freeform' ? s.APPLY_PATCH_FREEFORM : s.APPLY_PATCH_FUNCTION) + s.PATCH_LANGUAGE;
  const escalation = toolSet.shell === 'unified_exec' ? s.ESCALATION_UNIFIED_EXEC : toolSet.shell === 'shell' ? s.ESCALATION_SHELL : '';
  const parts = [s.IDENTITY, s.EXPLORING, tools, toolSet.shell === 'disabled' ? '' : s.COMMAND_HABITS, patch, s.PLANNING, OTHER_TOOLS, s.AGENTS_MD, s.SANDBOX_AND_APPROVALS + escalation, s.VERIFYING, s.JUDGEMENT, s.PROGRESS, s.FINAL_ANSWER, familyNote(family.slug)];
  return parts
    .filter((p) => p !== '')
    .map((p) => p.trimEnd())
    .join('\n\n')
    .concat('\n');
}

/** The instructions for Codex's default model (gpt-5-codex: `shell` + freeform apply_patch). */
export const BASE_INSTRUCTIONS = baseInstructionsFor({ slug: 'gpt-5-codex' }, { shell: 'shell', applyPatch: 'freeform' });
