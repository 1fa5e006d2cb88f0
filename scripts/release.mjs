#!/usr/bin/env node
// `npm run release -- <version>`: sets <version> in the root and every package's
// package.json (one version for the whole workspace; `workspace:*` ranges stay and become
// this version at pack time), and prepends a CHANGELOG.md section built from the commit
// subjects since the previous release (the last `vX.Y.Z` tag, else the whole history).
// It writes files only; committing, tagging and `npm run pack` are the next steps it prints.
// `--dry-run` prints the changelog section and changes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const version = args.find((a) => !a.startsWith('--'));
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/;

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
}

if (!version) fail('usage: npm run release -- <version>   (e.g. npm run release -- 0.2.0)');
if (!SEMVER.test(version)) fail(`\`${version}\` is not a semantic version (MAJOR.MINOR.PATCH[-PRERELEASE])`);

const files = [join(root, 'package.json')];
for (const d of readdirSync(join(root, 'packages'))) {
  const f = join(root, 'packages', d, 'package.json');
  if (existsSync(f)) files.push(f);
}
const current = JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8')).version;
const cmp = (a, b) => {
  const pa = a.split(/[.-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
};
if (cmp(version, current) < 0) fail(`${version} is lower than the current version ${current}`);

function git(gitArgs) {
  const r = spawnSync('git', gitArgs, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
const lastTag = git(['describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*']);
const range = lastTag ? [`${lastTag}..HEAD`] : [];
const subjects = (git(['log', '--no-merges', '--format=%s', ...range]) ?? '').split('\n').filter(Boolean);

// Group by the area prefix commits use (`core: ...`, `cli: ...`); the rest under "Other".
const groups = new Map();
for (const s of subjects) {
  const m = /^([a-z0-9@/_-]+(?:, ?[a-z0-9@/_-]+)*): (.+)$/i.exec(s);
  const area = m ? m[1] : 'other';
  if (!groups.has(area)) groups.set(area, []);
  groups.get(area).push(m ? m[2] : s);
}
const date = new Date().toISOString().slice(0, 10);
let section = `## ${version} (${date})\n\n`;
section += lastTag ? `Changes since ${lastTag}.\n\n` : 'First release.\n\n';
for (const area of [...groups.keys()].sort((a, b) => (a === 'other') - (b === 'other') || a.localeCompare(b))) {
  section += `### ${area}\n\n${groups.get(area).map((s) => `- ${s}`).join('\n')}\n\n`;
}
if (subjects.length === 0) section += '- No changes recorded in git.\n\n';

if (dryRun) {
  process.stdout.write(section);
  process.exit(0);
}

for (const f of files) {
  const json = JSON.parse(readFileSync(f, 'utf8'));
  json.version = version;
  writeFileSync(f, `${JSON.stringify(json, null, 2)}\n`);
}
const changelog = join(root, 'CHANGELOG.md');
const previous = existsSync(changelog) ? readFileSync(changelog, 'utf8').replace(/^# Changelog\n+/, '') : '';
writeFileSync(changelog, `# Changelog\n\n${section}${previous}`);

process.stdout.write(
  `release: ${files.length} package.json files set to ${version}; CHANGELOG.md has a ${version} section (${subjects.length} commits).\n` +
    'Next: npm run build (the version is baked into the cli), review CHANGELOG.md, then\n' +
    `  git commit -am "release ${version}" && git tag v${version} && npm run pack\n`,
);
