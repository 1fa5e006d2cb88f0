// The bundle's start-up rewrites (packages/cli/build/lean-deps.ts): they apply to the
// dependency versions installed, keep behaviour, refuse code of an unexpected shape, and the
// built bundle evaluates no Segmenter or emoji-set regex at load.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazifyStringWidth, yargsRootBesideBundle, zodLocalesEnOnly } from '../build/lean-deps.js';

const root = join(import.meta.dirname, '..', '..', '..');
const pnpmDir = join(root, 'node_modules', '.pnpm');
const installed = (name: string, rel: string): string[] =>
  readdirSync(pnpmDir)
    .filter((d) => d.startsWith(`${name}@`))
    .map((d) => join(pnpmDir, d, 'node_modules', name, rel));

/** Evaluates a rewritten module body (no imports) and returns its named bindings. */
function evaluate(body: string, names: string[]): Record<string, unknown> {
  return new Function(`${body}\nreturn { ${names.join(', ')} };`)() as Record<string, unknown>;
}

describe('lean-deps rewrites', () => {
  it('every installed string-width gets a lazy Segmenter (and RGI_Emoji regex when it has one)', () => {
    const files = installed('string-width', 'index.js');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      const out = lazifyStringWidth(src, f);
      expect(out).not.toMatch(/^const \w+ = new Intl\.Segmenter\(\);$/m);
      expect(out).not.toMatch(/^const \w+ = \/[^\n]*RGI_Emoji[^\n]*;$/m);
      expect(out).toMatch(/\$real \?\?= new Intl\.Segmenter\(\)/);
    }
  });

  it('the stand-ins behave as the originals and build them only on first use', () => {
    const src = 'const seg = new Intl.Segmenter();\nconst rgi = /^\\p{RGI_Emoji}$/v;\nconst f = (s) => [...seg.segment(s)].map((x) => x.segment + (rgi.test(x.segment) ? "!" : ""));';
    const out = lazifyStringWidth(src, 'synthetic.js');
    const { f, seg$real, rgi$real } = evaluate(out, ['f', 'seg$real', 'rgi$real']);
    expect(seg$real).toBeUndefined();
    expect(rgi$real).toBeUndefined();
    expect((f as (s: string) => string[])('a👍🏽b')).toEqual(['a', '👍🏽!', 'b']);
  });

  it('refuses a string-width whose shape changed instead of bundling it unpatched', () => {
    expect(() => lazifyStringWidth('const seg = new Intl.Segmenter({granularity: "word"});', 'x.js')).toThrow(/update packages\/cli\/build\/lean-deps\.ts/);
    expect(() => lazifyStringWidth('const seg = new Intl.Segmenter();\nexport { seg };', 'x.js')).toThrow(/uses seg other than \.segment\(\)/);
  });

  it("zod's locales index keeps only en (and refuses one without it)", () => {
    const files = installed('zod', join('v4', 'locales', 'index.js'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(zodLocalesEnOnly(readFileSync(f, 'utf8'), f)).toMatch(/^export \{ default as en \} from "\.\/en\.js";$/m);
    expect(() => zodLocalesEnOnly('export { default as fr } from "./fr.js";', 'x.js')).toThrow(/update/);
  });

  it("yargs' package-root lookup starts beside the bundle, not in the cwd (and a changed shim is refused)", () => {
    const files = installed('yargs', join('lib', 'platform-shims', 'esm.mjs'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const out = yargsRootBesideBundle(readFileSync(f, 'utf8'), f);
      expect(out).toContain('mainFilename: mainFilename || __dirname,');
      expect(out).not.toContain('process.cwd()');
    }
    expect(() => yargsRootBesideBundle('export default { mainFilename: process.cwd() }', 'x.mjs')).toThrow(/update/);
    const dist = join(root, 'packages', 'cli', 'dist');
    const shim = readdirSync(dist).filter((f) => f.endsWith('.js') && readFileSync(join(dist, f), 'utf8').includes('mainFilename: mainFilename ||'));
    expect(shim.length).toBe(1);
    expect(readFileSync(join(dist, shim[0]!), 'utf8')).not.toMatch(/mainFilename: mainFilename \|\| process\.cwd\(\)/);
  });

  it('the built codex bundle creates no Segmenter or RGI_Emoji regex at module level', () => {
    const dist = join(root, 'packages', 'cli', 'dist');
    const chunks = readdirSync(dist).filter((f) => f.endsWith('.js'));
    const offenders = chunks.filter((f) => /^var \w+ = (new Intl\.Segmenter\(|new RegExp\("[^"]*RGI_Emoji)/m.test(readFileSync(join(dist, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
