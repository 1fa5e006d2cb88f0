// Containment at the agent level: `codex exec` in workspace-write against a scripted model
// that sends hostile tool calls (workdirs outside, `..`, through symlinks; patches through
// symlinked files and directories; patches into .git and .codex, present and absent; a
// command swapping a directory for a symlink while patches apply), as root and as an
// ordinary user, on each Linux backend that works here. Nothing outside the workspace may
// change, the protected directories stay as they were, and the model reads an error.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionCall, localShellCall, shellCall, applyPatchCall, startModelServer, turn, type ScriptedModelServer, type StreamEvent } from '@codex-ts/test-support';
import { makeFixture, outsideState, removeFixture, runExecAs, snapshot, toolOutputs, usersToRunAs, type Fixture, type RunAs } from './containment-fixture.js';

const isLinux = process.platform === 'linux';
const users = isLinux ? usersToRunAs() : [];
const BACKENDS = ['landlock', 'bwrap'] as const;
type Backend = (typeof BACKENDS)[number];

/**
 * Whether bwrap can make its namespaces for this user here (the default Landlock backend is
 * always required). CODEX_TEST_REQUIRE_BACKENDS=bwrap makes a missing bwrap a failure.
 */
function backendWorks(backend: Backend, as: RunAs): boolean {
  if (backend === 'landlock' || (process.env.CODEX_TEST_REQUIRE_BACKENDS ?? '').split(',').includes(backend)) return true;
  const r = spawnSync('bwrap', ['--ro-bind', '/', '/', '--dev', '/dev', '--unshare-user', '--unshare-pid', '--proc', '/proc', '--', 'true'], { stdio: 'ignore', uid: as.uid, gid: as.gid, timeout: 30_000 });
  return r.status === 0;
}

const add = (path: string, text = 'pwned'): string => `*** Begin Patch\n*** Add File: ${path}\n+${text}\n*** End Patch\n`;
const heredoc = (patch: string): string => `apply_patch <<'EOF'\n${patch}EOF\n`;

/** A failed shell command: a non-zero exit with the kernel's refusal in its output. */
const DENIED = /Exit code: [1-9][\s\S]*(Permission denied|Read-only file system|Operation not permitted)/;
const OUTSIDE_PROJECT = /^patch rejected: writing outside of the project; rejected by user approval settings$/;
/** A patch the child refused: lexically (resolves outside) or the kernel's error. */
const PATCH_REFUSED = /^Exit code: 1\n[\s\S]*(Refusing to touch|Permission denied|Read-only file system|Operation not permitted)/;
const protectedRejected = (display: string, name: string): RegExp =>
  new RegExp(`^patch rejected: writing to ${display.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not allowed: ${name.replace('.', '\\.')} stays read-only inside the workspace`);

interface Case {
  id: string;
  call: StreamEvent[];
  expect: RegExp;
}

function workdirCases(f: Fixture): Case[] {
  const write = (name: string) => ['bash', '-lc', `echo pwned > ${name}`];
  return [
    { id: 'wd_abs', call: shellCall(write('pwned-abs.txt'), { call_id: 'wd_abs', workdir: f.out }), expect: DENIED },
    { id: 'wd_dotdot', call: shellCall(write('pwned-dotdot.txt'), { call_id: 'wd_dotdot', workdir: '../out' }), expect: DENIED },
    { id: 'wd_link', call: shellCall(write('pwned-link.txt'), { call_id: 'wd_link', workdir: 'link' }), expect: DENIED },
    { id: 'wd_deeplink', call: shellCall(write('pwned-deep.txt'), { call_id: 'wd_deeplink', workdir: 'sub/deeplink' }), expect: DENIED },
    { id: 'wd_local', call: localShellCall({ call_id: 'wd_local', command: write('pwned-local.txt'), working_directory: f.out }), expect: DENIED },
    { id: 'wd_missing', call: shellCall(['true'], { call_id: 'wd_missing', workdir: 'no/such/dir' }), expect: /^workdir "no\/such\/dir" \(.*\/ws\/no\/such\/dir\) does not exist/ },
    { id: 'ap_cmd_abs', call: shellCall(['apply_patch', add('pwned-ap-abs.txt')], { call_id: 'ap_cmd_abs', workdir: f.out }), expect: OUTSIDE_PROJECT },
    { id: 'ap_cmd_cd', call: shellCall(['bash', '-lc', `cd ../out && ${heredoc(add('pwned-ap-cd.txt'))}`], { call_id: 'ap_cmd_cd' }), expect: OUTSIDE_PROJECT },
    { id: 'ap_cmd_link', call: shellCall(['apply_patch', add('pwned-ap-link.txt')], { call_id: 'ap_cmd_link', workdir: 'link' }), expect: PATCH_REFUSED },
    { id: 'ap_cmd_local', call: localShellCall({ call_id: 'ap_cmd_local', command: ['apply_patch', add('pwned-ap-local.txt')], working_directory: '../out' }), expect: OUTSIDE_PROJECT },
    // Controls: the sandbox still lets the workspace be written.
    { id: 'ok_shell', call: shellCall(['bash', '-lc', 'echo ok > ok-shell.txt'], { call_id: 'ok_shell', workdir: 'sub' }), expect: /^Exit code: 0\n/ },
    { id: 'ok_patch_cmd', call: shellCall(['apply_patch', add('ok-cmd.txt', 'ok')], { call_id: 'ok_patch_cmd', workdir: 'sub' }), expect: /^Exit code: 0\n[\s\S]*Success\. Updated the following files:\nA ok-cmd\.txt\n/ },
  ];
}

function patchCases(f: Fixture, present: boolean): Case[] {
  const p = (id: string, patch: string, expect: RegExp): Case => ({ id, call: applyPatchCall(patch, { call_id: id }), expect });
  const cases = [
    p('sym_add_dir', add('link/pwned-add.txt'), PATCH_REFUSED),
    p('sym_add_deep', add('sub/deeplink/pwned-deep-add.txt'), PATCH_REFUSED),
    p('sym_update_file', '*** Begin Patch\n*** Update File: flink\n@@\n-outside\n+pwned\n*** End Patch\n', PATCH_REFUSED),
    p('sym_update_dir', '*** Begin Patch\n*** Update File: link/secret.txt\n@@\n-outside\n+pwned\n*** End Patch\n', PATCH_REFUSED),
    p('sym_move_dest', '*** Begin Patch\n*** Update File: inside.txt\n*** Move to: link/moved.txt\n@@\n-inside\n+moved\n*** End Patch\n', PATCH_REFUSED),
    p('sym_move_src', '*** Begin Patch\n*** Update File: link/secret.txt\n*** Move to: stolen.txt\n@@\n-outside\n+stolen\n*** End Patch\n', PATCH_REFUSED),
    p('sym_delete', '*** Begin Patch\n*** Delete File: link/secret.txt\n*** End Patch\n', PATCH_REFUSED),
    p('sym_add_onto_file_link', add('flink'), PATCH_REFUSED),
    p('sym_move_onto_file_link', '*** Begin Patch\n*** Update File: sub/../inside.txt\n*** Move to: flink\n@@\n-inside\n+moved\n*** End Patch\n', PATCH_REFUSED),
    // A hard link shares the outside file's inode: the patch replaces the workspace name (a
    // new file by rename) and never writes through to the outside file.
    p('hard_link_update', '*** Begin Patch\n*** Update File: hard\n@@\n-shared inode\n+changed here\n*** End Patch\n', /^Exit code: 0\n[\s\S]*M hard\n/),
    p('abs_outside', add(join(f.out, 'pwned-abs-patch.txt')), OUTSIDE_PROJECT),
    p('dotdot_outside', add('../out/pwned-dotdot-patch.txt'), OUTSIDE_PROJECT),
    p('codex_home', add(join(f.home, 'config.toml')), OUTSIDE_PROJECT),
    p('git_hook', add('.git/hooks/pre-commit', '#!/bin/sh'), protectedRejected('.git/hooks/pre-commit', '.git')),
    p('git_config_add', add('.git/config', '[core]'), protectedRejected('.git/config', '.git')),
    p('codex_config', add('.codex/config.toml', 'approval_policy = "never"'), protectedRejected('.codex/config.toml', '.codex')),
    p('git_upper', add('.GIT/hooks/post-merge', '#!/bin/sh'), protectedRejected('.GIT/hooks/post-merge', '.GIT')),
    p('ok_patch', add('ok.txt', 'ok'), /^Exit code: 0\n[\s\S]*A ok\.txt\n/),
  ];
  if (present) {
    cases.push(
      p('git_config_update', '*** Begin Patch\n*** Update File: .git/config\n@@\n [core]\n+\tfsmonitor = touch /var/tmp/pwned-fsmonitor\n*** End Patch\n', protectedRejected('.git/config', '.git')),
      p('git_via_link', add('gitlink/hooks/post-checkout', '#!/bin/sh'), protectedRejected('.git/hooks/post-checkout', '.git')),
    );
  } else {
    // `gitlink -> .git` dangles: creating through it must not bring a .git into being.
    cases.push(p('git_via_dangling_link', add('gitlink/hooks/post-checkout', '#!/bin/sh'), PATCH_REFUSED_OR_FAILED));
  }
  return cases;
}

/** Entries written under `dir` (none when it is absent or an empty stub). */
function contentsOf(dir: string): string[] {
  return existsSync(dir) ? Object.keys(snapshot(dir)).filter((k) => k !== '') : [];
}

/** Refused, failed in the child, or (once the sandbox leaves a read-only placeholder `.git`) failed planning. */
const PATCH_REFUSED_OR_FAILED = /^(Exit code: 1\n|patch rejected: |apply_patch verification failed: .*Permission denied)/;

function runnable(backend: Backend): string[] {
  return ['--skip-git-repo-check', '-s', 'workspace-write', '-c', `sandbox.backend="${backend}"`, 'attack'];
}

for (const as of users) {
  for (const backend of BACKENDS.filter((b) => backendWorks(b, as))) {
    for (const present of [true, false]) {
      describe(`codex exec containment (${backend}, ${as.label}, .git/.codex ${present ? 'present' : 'absent'})`, () => {
        let f: Fixture;
        let server: ScriptedModelServer;
        let before: Record<string, unknown>;
        let gitBefore: Record<string, string> | null;
        let outputs: Record<string, string>;
        let cases: Case[];
        let code: number | null;
        let stderr: string;
        beforeAll(async () => {
          f = makeFixture(as, { protectedPresent: present });
          server = await startModelServer();
          cases = [...workdirCases(f), ...patchCases(f, present)];
          const half = Math.ceil(cases.length / 2);
          server.queueResponses(turn.of(cases.slice(0, half).map((c) => c.call)), turn.of(cases.slice(half).map((c) => c.call)), turn.message('done'));
          before = outsideState(f);
          gitBefore = present ? snapshot(join(f.ws, '.git')) : null;
          const r = await runExecAs(f, server, runnable(backend));
          code = r.code;
          stderr = r.stderr;
          outputs = toolOutputs(server);
        }, 120_000);
        afterAll(async () => {
          await server?.close();
          if (f) removeFixture(f);
        });

        it('the run completes (or the backend refuses clearly)', () => {
          expect({ code, sandboxError: /sandbox error/.test(stderr) ? stderr : '' }).toEqual({ code: 0, sandboxError: '' });
        });
        it('changes nothing outside the workspace', () => {
          expect(outsideState(f)).toEqual(before);
        });
        it('keeps .git and .codex as they were', () => {
          if (present) {
            expect(snapshot(join(f.ws, '.git'))).toEqual(gitBefore);
            expect(snapshot(join(f.ws, '.codex'))).toEqual({ '': 'dir 755' });
          } else {
            // Absent, or (if the sandbox protects absent names with an empty stub) empty.
            expect({ git: contentsOf(join(f.ws, '.git')), codex: contentsOf(join(f.ws, '.codex')), GIT: contentsOf(join(f.ws, '.GIT')) }).toEqual({ git: [], codex: [], GIT: [] });
          }
        });
        it('the model reads an error for every hostile call, and the controls succeed', () => {
          const got = Object.fromEntries(cases.map((c) => [c.id, c.expect.test(outputs[c.id] ?? '') ? 'as expected' : (outputs[c.id] ?? '<no output>')]));
          expect(got).toEqual(Object.fromEntries(cases.map((c) => [c.id, 'as expected'])));
        });
        it('writes what the controls wrote, and no patch half-applied', () => {
          expect({
            shell: readFileSync(join(f.ws, 'sub', 'ok-shell.txt'), 'utf8'),
            cmd: readFileSync(join(f.ws, 'sub', 'ok-cmd.txt'), 'utf8'),
            tool: readFileSync(join(f.ws, 'ok.txt'), 'utf8'),
            inside: readFileSync(join(f.ws, 'inside.txt'), 'utf8'),
            stolen: existsSync(join(f.ws, 'stolen.txt')),
            hard: readFileSync(join(f.ws, 'hard'), 'utf8'),
          }).toEqual({ shell: 'ok\n', cmd: 'ok\n', tool: 'ok\n', inside: 'inside\n', stolen: false, hard: 'changed here\n' });
        });
      });
    }
  }
}

/** The racing command: swaps `d` between a directory and a symlink to the outside for `secs`. */
function racer(out: string, secs: number): string[] {
  const js = `const fs=require('fs');fs.mkdirSync('aside',{recursive:true});const end=Date.now()+${secs * 1000};let n=0;
const t=(f)=>{try{f()}catch(e){}};
while(Date.now()<end){n++;t(()=>fs.renameSync('d','aside/'+n));t(()=>fs.symlinkSync(${JSON.stringify(out)},'d'));t(()=>fs.unlinkSync('d'));t(()=>fs.mkdirSync('d'));}
console.log('swaps',n);`;
  return [process.execPath, '-e', js];
}

const ROUNDS = 3;
const PATCHES_PER_ROUND = 6;

for (const as of users) {
  for (const backend of BACKENDS.filter((b) => backendWorks(b, as))) {
    describe(`codex exec containment: a command swaps a directory for a symlink while patches apply (${backend}, ${as.label})`, () => {
      let f: Fixture;
      let server: ScriptedModelServer;
      let before: Record<string, unknown>;
      let outputs: Record<string, string>;
      let code: number | null;
      beforeAll(async () => {
        f = makeFixture(as, { protectedPresent: true });
        server = await startModelServer();
        const rounds: StreamEvent[][] = [];
        for (let r = 0; r < ROUNDS; r++) {
          const calls: StreamEvent[][] = [shellCall(racer(f.out, 1), { call_id: `race_${r}`, timeout_ms: 20_000 })];
          for (let i = 0; i < PATCHES_PER_ROUND; i++) {
            const id = `p_${r}_${i}`;
            calls.push(
              i % 2 === 0
                ? applyPatchCall(add(`d/${id}.txt`, id), { call_id: id })
                : functionCall({ name: 'shell', call_id: id, arguments: { command: ['apply_patch', `*** Begin Patch\n*** Update File: inside.txt\n*** Move to: d/${id}.txt\n@@\n-inside\n+inside\n*** End Patch\n`] } }),
            );
          }
          rounds.push(turn.of(calls));
        }
        server.queueResponses(...rounds, turn.message('done'));
        before = outsideState(f);
        const r = await runExecAs(f, server, runnable(backend));
        code = r.code;
        outputs = toolOutputs(server);
      }, 180_000);
      afterAll(async () => {
        await server?.close();
        if (f) removeFixture(f);
      });

      it('nothing outside changes, and every patch either applied inside or failed', () => {
        const racers = Object.entries(outputs).filter(([id]) => id.startsWith('race_')).map(([, o]) => /swaps \d+/.test(o));
        const patches = Object.entries(outputs).filter(([id]) => id.startsWith('p_')).map(([, o]) => /^Exit code: [01]\n/.test(o) || /^(patch rejected|apply_patch verification failed): /.test(o));
        expect({ code, outside: outsideState(f), racers, patches }).toEqual({
          code: 0,
          outside: before,
          racers: Array(ROUNDS).fill(true),
          patches: Array(ROUNDS * PATCHES_PER_ROUND).fill(true),
        });
      });
    });
  }
}
