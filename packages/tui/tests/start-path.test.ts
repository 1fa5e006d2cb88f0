// The first frame's code path: what `codex` loads before it paints. dist/index.js (and the
// chunks it imports statically) must hold the first frame only; the App, popups, slash
// commands, pager, onboarding, sessions, file search and the TOML writer load after it
// (start.ts imports run-tui.ts with `await import()`). Reads the built dist.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
/** Bytes of our code allowed before the first frame (the split left ~35 KB). */
const BUDGET = 60_000;

/** Static imports of an ESM file (`import … from "x"`, `export … from "x"`, `import "x"`); dynamic ones excluded. */
export function staticImports(src: string): string[] {
  const out = new Set<string>();
  for (const m of src.matchAll(/^\s*(?:import|export)\s+(?:[^'"()]*?\s+from\s+)?["']([^"']+)["'];?\s*$/gm)) out.add(m[1]!);
  return [...out];
}

/** The files and bare specifiers reachable from `entry` through static imports. */
function staticGraph(entry: string): { files: string[]; bare: string[] } {
  const files: string[] = [];
  const bare = new Set<string>();
  const todo = [entry];
  while (todo.length) {
    const f = todo.pop()!;
    if (files.includes(f)) continue;
    files.push(f);
    for (const spec of staticImports(readFileSync(f, 'utf8'))) {
      if (spec.startsWith('.')) todo.push(join(dirname(f), spec));
      else bare.add(spec);
    }
  }
  return { files, bare: [...bare] };
}

const isBuiltin = (s: string): boolean => s.startsWith('node:') || builtinModules.includes(s);

describe('the first-frame path of dist/index.js', () => {
  it('finds static imports and re-exports, not dynamic ones', () => {
    const src = `import { a } from "./a.js";\nexport { b } from './b.js';\nimport "./c.js";\nimport {\n  d\n} from "pkg";\nconst e = await import("./e.js");\n`;
    expect(staticImports(src)).toEqual(['./a.js', './b.js', './c.js', 'pkg']);
  });

  it('loads no package and no module beyond the first frame before painting', () => {
    const entry = join(DIST, 'index.js');
    expect(existsSync(entry), 'build @codex-ts/tui first').toBe(true);
    const { files, bare } = staticGraph(entry);
    expect(bare.filter((s) => !isBuiltin(s))).toEqual([]);
    const code = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    // The App and everything behind it are not there; the second stage is a dynamic import.
    for (const marker of ['var App = class', 'ComposerPopups', 'SlashCommands', 'TranscriptPager', 'SessionHost', 'runOnboarding', 'setProjectTrusted']) expect(code).not.toContain(marker);
    expect(code).toMatch(/import\("\.\/run-tui-[\w-]+\.js"\)/);
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    expect(bytes).toBeLessThan(BUDGET);
  });

  it('keeps the full API in dist/embed.js', async () => {
    const embed = (await import(join(DIST, 'embed.js'))) as Record<string, unknown>;
    for (const name of ['runTui', 'App', 'InlineRenderer', 'AltScreenRenderer', 'SessionHost', 'ResumePicker', 'setProjectTrusted', 'onboardingNeeds', 'permissionsFromFlags']) expect(typeof embed[name], name).toBe('function');
  });
});
