import { describe, expect, it } from 'vitest';
import { maybeParseApplyPatch } from './invocation.js';

const PATCH = "*** Begin Patch\n*** Add File: foo\n+hi\n*** End Patch";
const heredoc = (prefix: string, suffix = ''): string => `${prefix}apply_patch <<'PATCH'\n${PATCH}\nPATCH${suffix}`;
const body = (workdir: string | null) => ({
  type: 'body',
  patch: PATCH,
  hunks: [{ type: 'add', path: 'foo', contents: 'hi\n' }],
  workdir,
});

describe('maybeParseApplyPatch', () => {
  it('recognises the direct forms', () => {
    expect(maybeParseApplyPatch(['apply_patch', `${PATCH}\n`])).toEqual(body(null));
    expect(maybeParseApplyPatch(['applypatch', PATCH])).toEqual(body(null));
  });

  it('recognises heredocs in shell scripts', () => {
    expect(maybeParseApplyPatch(['bash', '-lc', heredoc('')])).toEqual(body(null));
    expect(maybeParseApplyPatch(['bash', '-c', heredoc('')])).toEqual(body(null));
    expect(maybeParseApplyPatch(['/bin/zsh', '-lc', heredoc('')])).toEqual(body(null));
    expect(maybeParseApplyPatch(['bash', '-lc', `applypatch <<EOF\n${PATCH}\nEOF\n`])).toEqual(body(null));
    expect(maybeParseApplyPatch(['bash', '-lc', `apply_patch <<"EOF"\n${PATCH}\nEOF`])).toEqual(body(null));
    expect(maybeParseApplyPatch(['powershell.exe', '-Command', heredoc('')])).toEqual(body(null));
    expect(maybeParseApplyPatch(['pwsh', '-NoProfile', '-Command', heredoc('')])).toEqual(body(null));
    expect(maybeParseApplyPatch(['cmd.exe', '/c', heredoc('cd foo && ')])).toEqual(body('foo'));
    expect(
      maybeParseApplyPatch(['/bin/bash', '-c', '. "$0" && exec "$@"', '/tmp/snap.sh', '/bin/bash', '-lc', heredoc('')]),
    ).toEqual(body(null));
  });

  it('takes the workdir from a leading cd', () => {
    expect(maybeParseApplyPatch(['bash', '-lc', heredoc('cd foo && ')])).toEqual(body('foo'));
    expect(maybeParseApplyPatch(['bash', '-lc', heredoc("cd 'foo bar' && ")])).toEqual(body('foo bar'));
    expect(maybeParseApplyPatch(['bash', '-lc', heredoc('cd "foo bar" && ')])).toEqual(body('foo bar'));
  });

  it('ignores anything else', () => {
    const not = { type: 'not_apply_patch' };
    for (const script of [
      heredoc('cd foo; '),
      heredoc('cd bar || '),
      heredoc('cd bar | '),
      heredoc('echo foo && '),
      heredoc('cd foo && cd bar && '),
      heredoc('cd foo bar && '),
      heredoc('cd bar && ', ' && echo done'),
      heredoc('echo foo; cd bar && '),
      `apply_patch foo <<'PATCH'\n${PATCH}\nPATCH`,
      `apply_patch <<'PATCH'\n${PATCH}\n`,
    ]) {
      expect(maybeParseApplyPatch(['bash', '-lc', script])).toEqual(not);
    }
    expect(maybeParseApplyPatch(['ls', '-la'])).toEqual(not);
    expect(maybeParseApplyPatch(['fish', '-c', heredoc('')])).toEqual(not);
  });

  it('reports a bad patch inside an apply_patch call', () => {
    const r = maybeParseApplyPatch(['apply_patch', 'nope']);
    expect(r.type === 'patch_parse_error' ? { code: r.error.code, message: r.error.message } : r).toEqual({
      code: 'invalid_patch',
      message: "Invalid patch: The first line of the patch must be '*** Begin Patch'",
    });
  });
});
