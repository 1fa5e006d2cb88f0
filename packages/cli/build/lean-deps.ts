// esbuild plugin for the bundled `codex` binary: three dependencies do expensive work when
// their module is merely loaded, on every start of every subcommand, for features a plain
// `codex exec` never uses. The bundle defers that work to first use; behaviour is unchanged.
//  - string-width (yargs/cliui/wrap-ansi lay out help with it): a top-level
//    `new Intl.Segmenter()` (~20 ms: loads ICU break data) and `/^\p{RGI_Emoji}$/v` (~50 ms:
//    V8 expands the emoji sequence set when the literal is evaluated). Both become objects
//    that build the real one on the first `.segment()` / `.test()`.
//  - yargs: `yargs()` guesses a version by walking up from its own package root reading every
//    directory listing until a package.json; bundled, it has no node_modules root and starts
//    from the process's cwd instead (a cwd in /tmp with 7,000 entries: readdir of all of them
//    on every start, and a user's own package.json parsed). It starts from the bundle's own
//    file instead: dist/, then the cli package's package.json.
//  - zod: `z.locales` re-exports all 64 error-message locales (~310 KB of source that V8 must
//    parse at start-up, ~20 ms); only `en` (the default, imported by zod directly) is used.
// Every rewrite checks the shape it expects and fails the build otherwise, so a dependency
// upgrade that changes the code is noticed instead of silently bundled unpatched.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/** The lazy stand-ins for string-width's module-level Segmenter and RGI_Emoji regex. */
export function lazifyStringWidth(source: string, file: string): string {
  let out = source;
  const lazy: Array<{ name: string; method: string }> = [];
  out = out.replace(/^(?:const|var|let) (\w+) = new Intl\.Segmenter\(\);$/gm, (_m, name: string) => {
    lazy.push({ name, method: 'segment' });
    return `let ${name}$real;\nconst ${name} = { segment: (s) => (${name}$real ??= new Intl.Segmenter()).segment(s) };`;
  });
  out = out.replace(/^(?:const|var|let) (\w+) = (\/[^\n]*\\p\{RGI_Emoji\}[^\n]*\/[a-z]*|new RegExp\("[^\n]*RGI_Emoji[^\n]*"\));$/gm, (_m, name: string, literal: string) => {
    lazy.push({ name, method: 'test' });
    return `let ${name}$real;\nconst ${name} = { test: (s) => (${name}$real ??= ${literal}).test(s) };`;
  });
  if (lazy.length === 0 || !lazy.some((l) => l.method === 'segment')) {
    throw new Error(`lean-deps: ${file} no longer has a top-level \`const x = new Intl.Segmenter();\`; update packages/cli/build/lean-deps.ts`);
  }
  // Each stand-in offers one method: every other use of the name would break.
  const code = out.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const { name, method } of lazy) {
    const uses = [...code.matchAll(new RegExp(`\\b${name}\\b(?!\\$real)(.{0,${method.length + 2}})`, 'g'))].map((m) => m[1]!);
    const bad = uses.filter((rest) => !rest.startsWith(`.${method}(`) && !rest.startsWith(' = {'));
    if (bad.length > 0) throw new Error(`lean-deps: ${file} uses ${name} other than .${method}(): update packages/cli/build/lean-deps.ts`);
  }
  return out;
}

/** zod's locales index reduced to the one locale zod itself uses. */
export function zodLocalesEnOnly(source: string, file: string): string {
  if (!/^export \{ default as en \} from "\.\/en\.js";$/m.test(source)) {
    throw new Error(`lean-deps: ${file} has no \`export { default as en } from "./en.js"\`; update packages/cli/build/lean-deps.ts`);
  }
  return '// codex-ts bundle: only the default locale (see packages/cli/build/lean-deps.ts)\nexport { default as en } from "./en.js";\n';
}

/** string-width itself, and the copy the TUI bundles into its own dist (loaded after its first frame). */
/** yargs' ESM platform shim with its package-root lookup starting beside the bundle. */
export function yargsRootBesideBundle(source: string, file: string): string {
  const from = 'mainFilename: mainFilename || process.cwd(),';
  if (!source.includes(from) || !/^const __dirname = fileURLToPath\(import\.meta\.url\);$/m.test(source)) {
    throw new Error(`lean-deps: ${file} no longer has \`${from}\`; update packages/cli/build/lean-deps.ts`);
  }
  return source.replace(from, 'mainFilename: mainFilename || __dirname,');
}

export const YARGS_SHIM_FILE = /[\\/]node_modules[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/;
export const STRING_WIDTH_FILE = /([\\/]node_modules[\\/]string-width[\\/]index|[\\/]tui[\\/]dist[\\/]string-width-[A-Z0-9]+)\.js$/;
export const ZOD_LOCALES_FILE = /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/;

/** The plugin (tsup `esbuildPlugins`). */
export function leanDeps(): Plugin {
  return {
    name: 'codex-lean-deps',
    setup(build) {
      build.onLoad({ filter: STRING_WIDTH_FILE }, (args) => ({
        contents: lazifyStringWidth(readFileSync(args.path, 'utf8'), args.path),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
      build.onLoad({ filter: YARGS_SHIM_FILE }, (args) => ({
        contents: yargsRootBesideBundle(readFileSync(args.path, 'utf8'), args.path),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
      build.onLoad({ filter: ZOD_LOCALES_FILE }, (args) => ({
        contents: zodLocalesEnOnly(readFileSync(args.path, 'utf8'), args.path),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}
