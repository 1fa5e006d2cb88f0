// Which README numbers come from which bench rows (checked and rewritten by
// bench/readme-numbers.mjs). An entry names one README line (`line`: a substring found on
// exactly one line; that line names its run as `bench-<stamp>`), and its claims: `at` finds
// the number (its first group), `bench`/`case` pick the row (a string is the exact case, a
// RegExp matches it), `value` is the row field (default wallMs) or a function of
// get(bench, case) for derived numbers. A line is rewritten only when the new run has every
// row it claims (all or nothing), so one line never mixes two runs.
const note = (re) => (row) => Number(re.exec(row.note ?? '')?.[1]);

/** @type {Array<{ readme: string, line: string, claims: Array<{ at: RegExp, bench?: string, case?: string | RegExp, value?: string | ((get: (bench: string, kase: string | RegExp) => any) => number) }> }>} */
export default [
  {
    readme: 'README.md',
    line: '| `codex --version` vs `node -e 0`',
    claims: [
      { at: /\| ([\d.]+)x wall/, bench: 'startup', case: 'codex --version', value: 'ratio' },
      { at: /x wall, ([\d.]+) MiB/, bench: 'startup', case: 'codex --version', value: 'peakMiB' },
    ],
  },
  {
    readme: 'README.md',
    line: '| `codex --help` (',
    claims: [
      { at: /\| ([\d.]+)x `node -e 0`/, bench: 'startup', case: 'codex --help', value: 'ratio' },
      { at: /`node -e 0`, ([\d.]+) MiB/, bench: 'startup', case: 'codex --help', value: 'peakMiB' },
    ],
  },
  {
    readme: 'README.md',
    line: '| global install from the release tarballs',
    claims: [
      { at: /\*\*([\d.]+) MB\*\*/, bench: 'install', case: 'global install size (MB)', value: 'ratio' },
      { at: /\*\*([\d.]+) s\*\*/, value: (get) => get('install', 'npm install -g ./release/*.tgz (offline)').wallMs / 1000 },
      { at: /from it \*\*([\d.]+)x\*\*/, bench: 'install', case: 'codex --version (global install)', value: 'ratio' },
      { at: /first error ([\d.]+) ms/, bench: 'install', case: /^codex exec - \(empty stdin/ },
      { at: /first error [\d.]+ ms vs `node -e 0` ([\d.]+) ms/, bench: 'install', case: 'node -e 0' },
    ],
  },
  {
    readme: 'README.md',
    line: '| `true` under the sandbox',
    claims: [
      { at: /\*\*\+([\d.]+) ms\*\* workspace-write/, bench: 'sandbox', case: /^added per command \[landlock\] workspace-write/ },
      { at: /\*\*\+([\d.]+) ms\*\* read-only/, bench: 'sandbox', case: /^added per command \[landlock\] read-only/ },
      { at: /\+([\d.]+) ms reaper only/, bench: 'sandbox', case: /^added per command \[landlock\] reaper only/ },
      { at: /bubblewrap fallback ([\d.]+) ms/, bench: 'sandbox', case: 'helpers + bwrap [bwrap]: workspace-write' },
      { at: /vs bare ([\d.]+) ms/, bench: 'sandbox', case: 'true (bare)' },
      { at: /-- true` ([\d.]+) ms/, bench: 'sandbox', case: 'ours: codex sandbox linux -- true [landlock], read-only' },
    ],
  },
  {
    readme: 'README.md',
    line: '| apply_patch, 1-file update: in process vs the sandboxed child',
    claims: [
      { at: /\| ([\d.]+) ms in process/, bench: 'apply_patch', case: '1-file update, in process (danger-full-access)' },
      { at: /\*\*([\d.]+) ms\*\* in the Landlock child/, bench: 'apply_patch', case: '1-file update, sandboxed child (landlock)' },
      { at: /\(([\d.]+) ms over a bare node start\)/, value: (get) => get('apply_patch', '1-file update, sandboxed child (landlock)').wallMs - get('apply_patch', 'reference: node empty.js (unsandboxed)').wallMs },
      { at: /([\d.]+) ms in the bwrap child/, bench: 'apply_patch', case: '1-file update, sandboxed child (bwrap)' },
    ],
  },
  {
    readme: 'README.md',
    line: '| 3-turn `codex exec --json` session (shell, apply_patch, message)',
    claims: [
      { at: /\| ([\d.]+) ms, [\d.]+ MiB vs real/, bench: 'session', case: '3-turn exec --json, codex-ts' },
      { at: /\| [\d.]+ ms, ([\d.]+) MiB vs real/, bench: 'session', case: '3-turn exec --json, codex-ts', value: 'peakMiB' },
      { at: /`exec_command`\) ([\d.]+) ms/, bench: 'session', case: /^3-turn exec --json, real Codex/ },
      { at: /`exec_command`\) [\d.]+ ms, ([\d.]+) MiB/, bench: 'session', case: /^3-turn exec --json, real Codex/, value: 'peakMiB' },
      { at: /\*\*([\d.]+)x wall/, bench: 'session', case: '3-turn exec --json, codex-ts', value: 'ratio' },
      { at: /x wall, ([\d.]+)x memory\*\*/, bench: 'session', case: '3-turn exec --json, codex-ts', value: (get) => note(/mem ([\d.]+)x/)(get('session', '3-turn exec --json, codex-ts')) },
    ],
  },
  ...['one line', 'yes (100M lines)'].map((kind) => ({
    readme: 'README.md',
    line: kind === 'one line' ? '| one shell call printing 200 MB on one line' : '| the same with `yes',
    claims: [
      { at: /\| ([\d.]+) ms, \*\*/, bench: 'session', case: `200 MB output, ${kind}, codex-ts exec` },
      { at: /\*\*([\d.]+) MiB\*\*/, bench: 'session', case: `200 MB output, ${kind}, codex-ts exec`, value: 'peakMiB' },
      { at: /bare (?:command )?([\d.]+) ms/, bench: 'session', case: `200 MB output, ${kind}, bare bash` },
      { at: /real Codex ([\d.]+) ms/, bench: 'session', case: new RegExp(`^200 MB output, ${kind.replace(/[()]/g, '\\$&')}, real Codex`) },
      { at: /real Codex [\d.]+ ms, ([\d.]+) MiB/, bench: 'session', case: new RegExp(`^200 MB output, ${kind.replace(/[()]/g, '\\$&')}, real Codex`), value: 'peakMiB' },
    ],
  })),
  {
    readme: 'README.md',
    line: '| unified exec: `exec_command` call to first output',
    claims: [
      { at: /\+([\d.]+) ms pipes/, bench: 'unified-exec', case: /pipes, no sandbox/, value: (get) => get('unified-exec', /pipes, no sandbox/).wallMs - get('unified-exec', 'first output of `echo hi`: plain spawn').wallMs },
      { at: /\+([\d.]+) ms PTY unsandboxed/, value: (get) => get('unified-exec', /PTY, no sandbox/).wallMs - get('unified-exec', 'first output of `echo hi`: plain spawn').wallMs },
      { at: /; \+([\d.]+) \/ \+[\d.]+ ms under workspace-write/, value: (get) => get('unified-exec', /pipes, workspace-write/).wallMs - get('unified-exec', 'first output of `echo hi`: plain spawn').wallMs },
      { at: /; \+[\d.]+ \/ \+([\d.]+) ms under workspace-write/, value: (get) => get('unified-exec', /PTY, workspace-write/).wallMs - get('unified-exec', 'first output of `echo hi`: plain spawn').wallMs },
    ],
  },
  {
    readme: 'README.md',
    line: '| 16 live PTY sessions',
    claims: [
      { at: /\+([\d.]+) MiB in codex/, bench: 'unified-exec', case: '16 live PTY sessions: our RSS growth', value: 'peakMiB' },
      { at: /([\d.]+) MiB per session/, value: (get) => note(/([\d.]+) MiB each/)(get('unified-exec', '16 live PTY sessions: their process trees')) },
    ],
  },
  {
    readme: 'README.md',
    line: '| TUI in a PTY, 120x40',
    claims: [
      { at: /first frame \*\*([\d.]+) ms\*\*/, bench: 'tui', case: 'launch → first frame (PTY 120x40)' },
      { at: /\(([\d.]+)x the node floor/, bench: 'tui', case: 'launch → first frame (PTY 120x40)', value: 'ratio' },
      { at: /node floor of ([\d.]+) ms/, bench: 'tui', case: 'node floor: launch → same bytes printed (PTY)' },
      { at: /composer usable \*\*([\d.]+) ms\*\*/, bench: 'tui', case: 'launch → composer usable (key typed at the first frame echoed)' },
      { at: /line painted ([\d.]+) ms/, bench: 'tui', case: 'streamed line: delta forwarded → painted' },
      { at: /\(max ([\d.]+); target <= 20 ms/, value: (get) => note(/max ([\d.]+) ms/)(get('tui', 'streamed line: delta forwarded → painted')) },
      { at: /no frame over ([\d.]+) ms/, value: (get) => note(/max ([\d.]+) ms/)(get('tui-render', '10,000 deltas streamed (inline, 120x40)')) },
      { at: /idle \*\*([\d.]+) MiB/, bench: 'tui', case: 'idle RSS / CPU over 10s', value: 'peakMiB' },
      { at: /MiB, ([\d.]+) % CPU\*\* over 10 s from/, value: (get) => note(/CPU ([\d.]+) %/)(get('tui', 'idle RSS / CPU over 10s')) },
      { at: /after a turn \*\*([\d.]+) MiB/, bench: 'tui', case: 'idle RSS / CPU over 10s after a turn', value: 'peakMiB' },
      { at: /after a turn \*\*[\d.]+ MiB, ([\d.]+) % CPU\*\*/, value: (get) => note(/CPU ([\d.]+) %/)(get('tui', 'idle RSS / CPU over 10s after a turn')) },
      { at: /2,000-message transcript \*\*([\d.]+) MiB\*\*/, bench: 'tui', case: '2,000-message transcript resumed: RSS / CPU over 10s', value: 'peakMiB' },
    ],
  },
  {
    readme: 'README.md',
    line: '| ChatGPT token refresh',
    claims: [{ at: /\| ([\d.]+) ms; 2 and 8 processes/, bench: 'login', case: 'refresh expired token (lock + HTTP + atomic write; issuer adds 20 ms)' }],
  },
{
    readme: 'README.md',
    line: '| approval decisions (',
    claims: [
      { at: /\| ([\d]+)\/s with 21 rules/, value: (get) => note(/([\d,]+) decisions/)({ note: get('safety', 'assessCommandSafety 10k commands, 21 rules').note.replace(/,/g, '') }) },
      { at: /rule matching alone ([\d]+)\/s/, value: (get) => note(/([\d,]+) decisions/)({ note: get('execpolicy', 'check 10k commands x10 (in-process)').note.replace(/,/g, '') }) },
      { at: /\/s with 21 rules loaded, ([\d]+)\/s with none/, value: (get) => note(/([\d,]+) decisions/)({ note: get('safety', 'assessCommandSafety 10k commands, no rules').note.replace(/,/g, '') }) },
    ],
  },
  {
    readme: 'README.md',
    line: '| SSE parsing through the model client',
    claims: [
      { at: /Responses ([\d.]+) MB\/s/, value: (get) => note(/([\d.]+) MB\/s/)(get('sse', 'responses 50 MB deltas')) },
      { at: /Chat ([\d.]+) MB\/s/, value: (get) => note(/([\d.]+) MB\/s/)(get('sse', 'chat 50 MB deltas')) },
    ],
  },
  {
    readme: 'README.md',
    line: '| fleet throughput,',
    claims: [
      { at: /\*\*([\d.]+)x\*\* at 2/, bench: 'fleet', case: /^throughput, 2 workers/, value: 'ratio' },
      { at: /\*\*([\d.]+)x\*\* at 4/, bench: 'fleet', case: /^throughput, 4 workers/, value: 'ratio' },
      { at: /queue overhead \*\*([\d.]+) ms/, bench: 'fleet', case: /^queue overhead per task/ },
    ],
  },
  {
    readme: 'README.md',
    line: '| fleet bucket cost per task',
    claims: [
      { at: /\| ([\d.]+) ms per checkpoint/, bench: 'fleet-storage', case: /^checkpoint upload/ },
      { at: /([\d.]+) ms final upload/, bench: 'fleet-storage', case: /^final upload per task/ },
      { at: /([\d.]+) s of worker time/, value: (get) => get('fleet-storage', /^bucket cost per task/).wallMs / 1000 },
      { at: /and ([\d.]+) KiB per task/, value: (get) => note(/([\d.]+) KiB sent/)(get('fleet-storage', /^bucket cost per task/)) },
    ],
  },
  {
    readme: 'README.md',
    line: '| `apply_patch` binary, 50k-line',
    claims: [
      { at: /\| ([\d.]+) ms, 58 MiB/, bench: 'apply-patch', case: '50k-line file, 500 hunks' },
      { at: /\*\*([\d.]+)x\*\*/, bench: 'apply-patch', case: '50k-line file, 500 hunks', value: 'ratio' },
    ],
  },
  {
    readme: 'README.md',
    line: '| `codex exec` spawn → first model request with 3 MCP',
    claims: [
      { at: /\| ([\d.]+) vs [\d.]+ ms/, bench: 'mcp-startup', case: /3 servers \(fast/ },
      { at: /\*\*([\d.]+)x\*\* \(target/, bench: 'mcp-startup', case: /3 servers \(fast/, value: 'ratio' },
    ],
  },
];
