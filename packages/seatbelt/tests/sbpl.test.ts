// The generated profile read as SBPL, on every platform: it parses (balanced, terminated),
// every path reaches it only as a quoted (param "...") bound by a -D argument, every
// writable root is granted exactly once, and each root's protected subpaths are carved
// out of that grant. Paths with spaces, quotes and parentheses never enter the text.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SEATBELT_BASE_POLICY, seatbeltArgv, type SandboxPolicy } from '../src/index.js';
import { allLists, head, parseSbpl, show, type Sexp } from './sbpl.js';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'codex-sbpl-')));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const ws = join(base, 'ws');
mkdirSync(join(ws, '.git'), { recursive: true });
const extra = join(base, 'extra dir (with "quotes") and ;semicolon');
mkdirSync(join(extra, '.codex'), { recursive: true });
const ownTmp = join(base, 'tmp');
mkdirSync(ownTmp);

interface Checked {
  /** Writable roots in grant order. */
  roots: string[];
  /** Protected (read-only) subpaths per root. */
  protectedPaths: Record<string, string[]>;
}

const paramName = (s: Sexp): string => {
  if (s.kind !== 'list' || head(s) !== 'param' || s.items.length !== 2 || s.items[1]!.kind !== 'string') {
    throw new Error(`not a quoted (param "NAME"): ${show(s)}`);
  }
  return s.items[1].value;
};
const subpathParam = (s: Sexp): string => {
  if (s.kind !== 'list' || head(s) !== 'subpath' || s.items.length !== 2) throw new Error(`not (subpath (param ...)): ${show(s)}`);
  return paramName(s.items[1]!);
};

/** Validates a whole sandbox-exec argv and returns what it grants. */
function checkArgv(argv: string[]): Checked {
  expect(argv.slice(0, 2)).toEqual(['/usr/bin/sandbox-exec', '-p']);
  const profile = argv[2]!;
  const dashDash = argv.indexOf('--');
  const defs = argv.slice(3, dashDash).map((a) => {
    const m = /^-D([A-Z0-9_]+)=(.*)$/s.exec(a);
    if (!m) throw new Error(`not a -DNAME=VALUE parameter: ${a}`);
    return [m[1]!, m[2]!] as const;
  });
  const params = new Map(defs);
  expect(params.size).toBe(defs.length); // each parameter defined once

  const forms = parseSbpl(profile);
  const lists = allLists(forms);
  // Every (param ...) is a quoted name, and the names used are exactly the names defined.
  const used = lists.filter((l) => head(l) === 'param').map(paramName);
  expect(new Set(used)).toEqual(new Set(params.keys()));
  // No path is written into the profile text itself.
  for (const value of params.values()) expect(profile.includes(value)).toBe(false);

  const writes = forms.filter((f) => head(f) === 'allow' && f.kind === 'list' && f.items[1]?.kind === 'symbol' && f.items[1].name === 'file-write*');
  const rootNames = [...params.keys()].filter((k) => /^WRITABLE_ROOT_\d+$/.test(k));
  if (rootNames.length === 0) return { roots: [], protectedPaths: {} };
  expect(writes).toHaveLength(1);
  const clauses = (writes[0] as Extract<Sexp, { kind: 'list' }>).items.slice(2);
  const out: Checked = { roots: [], protectedPaths: {} };
  for (const clause of clauses) {
    let rootParam: string;
    let roParams: string[] = [];
    if (head(clause) === 'subpath') rootParam = subpathParam(clause);
    else if (head(clause) === 'require-all' && clause.kind === 'list') {
      rootParam = subpathParam(clause.items[1]!);
      roParams = clause.items.slice(2).map((r) => {
        if (r.kind !== 'list' || head(r) !== 'require-not' || r.items.length !== 2) throw new Error(`not (require-not ...): ${show(r)}`);
        return subpathParam(r.items[1]!);
      });
    } else throw new Error(`unexpected write clause ${show(clause)}`);
    const root = params.get(rootParam)!;
    const ro = roParams.map((p) => params.get(p)!);
    // Every read-only parameter of this root is carved out, and lies inside the root.
    expect(roParams.sort()).toEqual([...params.keys()].filter((k) => k.startsWith(`${rootParam}_RO_`)).sort());
    for (const p of ro) expect(p.startsWith(`${root}/`)).toBe(true);
    out.roots.push(root);
    out.protectedPaths[root] = ro;
  }
  expect(out.roots.length).toBe(rootNames.length);
  return out;
}

const WW: SandboxPolicy = { mode: 'workspace-write', writable_roots: [extra], network_access: false, exclude_tmpdir_env_var: false, exclude_slash_tmp: true };
const argvFor = (policy: SandboxPolicy, env: Record<string, string> = { TMPDIR: ownTmp }, cwd = ws) =>
  seatbeltArgv({ policy, cwd, env, command: ['/bin/echo', 'hi'] });

describe('generated SBPL, parsed', () => {
  it('the base policy parses, and the reader rejects unbalanced or unterminated text', () => {
    expect(head(parseSbpl(SEATBELT_BASE_POLICY)[0]!)).toBe('version');
    expect(() => parseSbpl('(allow (subpath "x")')).toThrow(/unclosed \(/);
    expect(() => parseSbpl('(allow file-read*))')).toThrow(/unbalanced \)/);
    expect(() => parseSbpl('(param "WRITABLE_ROOT_0)')).toThrow(/unterminated string/);
  });

  it('workspace-write: configured root, cwd and $TMPDIR, each granted once, .git/.codex carved out where present', () => {
    const { roots, protectedPaths } = checkArgv(argvFor(WW));
    expect(roots).toEqual([extra, ws, ownTmp]);
    expect(protectedPaths[ws]).toEqual(expect.arrayContaining([join(ws, '.git')]));
    expect(protectedPaths[extra]).toEqual(expect.arrayContaining([join(extra, '.codex')]));
  });

  it('the same directory named four ways is one root', () => {
    symlinkSync(ws, join(base, 'ws-link'));
    const policy: SandboxPolicy = { ...WW, writable_roots: [ws, `${ws}/`, join(base, 'ws-link'), join(extra, '..', 'ws')] };
    const { roots } = checkArgv(argvFor(policy, { TMPDIR: ws }));
    expect(roots).toEqual([ws]);
  });

  it('with /tmp: the real /tmp is one root, and only paths inside it are carved out (whatever the host keeps there)', () => {
    const { roots, protectedPaths } = checkArgv(argvFor({ ...WW, writable_roots: [], exclude_slash_tmp: false, exclude_tmpdir_env_var: true }));
    const slashTmp = realpathSync('/tmp');
    expect(roots).toEqual([ws, slashTmp]);
    for (const p of protectedPaths[slashTmp]!) expect(p.startsWith(`${slashTmp}/`)).toBe(true);
  });

  it('read-only grants no writes and binds no parameters; danger-full-access writes anywhere', () => {
    const ro = argvFor({ mode: 'read-only' });
    expect(checkArgv(ro)).toEqual({ roots: [], protectedPaths: {} });
    expect(allLists(parseSbpl(ro[2]!)).filter((l) => head(l) === 'allow' && l.items[1]?.kind === 'symbol' && l.items[1].name.startsWith('file-write*'))).toEqual([]);
    const full = parseSbpl(argvFor({ mode: 'danger-full-access' })[2]!);
    expect(full.filter((f) => head(f) === 'allow' && f.kind === 'list' && f.items[1]?.kind === 'symbol' && f.items[1].name === 'file-write*').map(show)).toEqual([
      '(allow file-write* (regex #"^/"))',
    ]);
  });
});
