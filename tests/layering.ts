// The dependency direction of STYLE.md §1, as data, and a checker over package manifests and
// the `@codex-ts/*` imports found in sources. dev dependencies count like the others, except
// that @codex-ts/test-support (the scripted model server every test uses) may be a dev
// dependency of any package.
export const LAYER: Record<string, number> = {
  protocol: 0,
  'apply-patch': 1,
  execpolicy: 1,
  'file-search': 1,
  'linux-sandbox': 1,
  seatbelt: 1,
  'mcp-client': 1,
  login: 1,
  ollama: 1,
  'test-support': 1,
  core: 2,
  exec: 3,
  fleet: 3,
  tui: 3,
  'mcp-server': 3,
  cli: 4,
};

/** Leaves a front end (L3) may use for UI-only needs. */
// tui: file-search for the `@` popup, login for `/status`'s account line and `/logout`.
const UI_LEAVES: Record<string, string[]> = { tui: ['file-search', 'login'] };

/** Third-party packages protocol may depend on (zod only). */
const PROTOCOL_ALLOWED_EXTERNAL = ['zod'];

export interface PackageInfo {
  dir: string;
  dependencies: string[];
  devDependencies: string[];
  /** `@codex-ts/*` specifiers imported by the sources. */
  sourceImports: string[];
}

/** Every violation as a human sentence; empty when the graph is fine. */
export function checkLayering(pkgs: PackageInfo[]): string[] {
  const errors: string[] = [];
  for (const p of pkgs) {
    const from = LAYER[p.dir];
    if (from === undefined) {
      errors.push(`packages/${p.dir} is not in the layer table (tests/layering.ts)`);
      continue;
    }
    const edges = [
      ...p.dependencies.map((d) => ({ d, kind: 'dependency' })),
      ...p.devDependencies.map((d) => ({ d, kind: 'devDependency' })),
    ];
    for (const { d, kind } of edges) {
      if (!d.startsWith('@codex-ts/')) {
        if (p.dir === 'protocol' && kind === 'dependency' && !PROTOCOL_ALLOWED_EXTERNAL.includes(d)) {
          errors.push(`protocol may depend on zod only, but has ${kind} ${d}`);
        }
        continue;
      }
      const to = d.slice('@codex-ts/'.length);
      if (kind === 'devDependency' && to === 'test-support') continue;
      const why = forbidden(p.dir, to);
      if (why) errors.push(`${p.dir} -> ${to} (${kind}): ${why}`);
    }
    const declared = new Set([...p.dependencies, ...p.devDependencies]);
    for (const spec of p.sourceImports) {
      const name = spec.split('/').slice(0, 2).join('/');
      if (name === `@codex-ts/${p.dir}`) continue;
      if (!declared.has(name)) errors.push(`${p.dir} imports ${name} in its sources without declaring it in package.json`);
    }
  }
  return errors;
}

function forbidden(from: string, to: string): string | null {
  const a = LAYER[from]!;
  const b = LAYER[to];
  if (b === undefined) return `unknown package @codex-ts/${to}`;
  if (from === to) return 'a package cannot depend on itself';
  if (a === 0) return 'protocol depends on nothing but zod';
  if (a === 1) return to === 'protocol' ? null : 'a leaf may import only protocol (shared code becomes a new leaf)';
  if (a === 2) return b <= 1 ? null : 'core may import only protocol and leaves';
  if (a === 3) {
    if (to === 'core' || to === 'protocol') return null;
    if ((UI_LEAVES[from] ?? []).includes(to)) return null;
    return 'a front end may import only core and protocol (plus its UI-only leaves)';
  }
  return b < 4 ? null : 'cli is the top';
}
