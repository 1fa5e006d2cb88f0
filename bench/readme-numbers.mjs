#!/usr/bin/env node
// README numbers against the bench JSON they came from.
//
// Each README line that quotes benchmark numbers names the run it quotes with a token
// `bench-<stamp>` (the file bench/index.mjs wrote: bench/results/bench-<stamp>.json; a copy
// is kept in bench/recorded/ so the check works on any checkout). bench/readme-claims.mjs
// says, for each such line, which number comes from which bench row and field. This script:
//
//   node bench/readme-numbers.mjs            check every claim against the JSON its line names
//   node bench/readme-numbers.mjs --update [--from FILE]
//                                            rewrite the claimed numbers (and the line's token)
//                                            from FILE (default bench/results/latest.json) for
//                                            every row FILE has, and record FILE in bench/recorded/
//   --only REGEX                             with --update: only the lines whose entry `line` matches
//   --strict                                 also fail on lines whose JSON is not here and on
//                                            claims whose row was skipped in that run
//
// A number is printed with as many decimals as the README already shows. Exit 1 on any
// mismatch (or, with --strict, anything unverifiable).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOKEN = /bench-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)/g;

/** The stamp a results JSON is named by (`bench-<stamp>.json`). */
export const stampOf = (result) => result.date.replace(/[:.]/g, '-');

/** The results JSON of `stamp` from bench/results or bench/recorded, or null. */
export function findResults(stamp, root = ROOT) {
  for (const dir of ['bench/results', 'bench/recorded']) {
    const p = join(root, dir, `bench-${stamp}.json`);
    if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8'));
  }
  return null;
}

const caseMatches = (want, name) => (want instanceof RegExp ? want.test(name) : name === want);

/** A row getter over one result: get(bench, case) → row (throws when absent). */
function getter(result) {
  return (bench, kase) => {
    const hits = result.rows.filter((r) => r.bench === bench && caseMatches(kase, r.case));
    if (hits.length !== 1) {
      const e = new Error(`${hits.length === 0 ? 'no' : `${hits.length}`} row ${bench} / ${kase} in bench-${stampOf(result)}`);
      e.missing = hits.length === 0;
      throw e;
    }
    return hits[0];
  };
}

/** The claim's value in `result`: a row field, or a function of the row getter. */
function claimValue(claim, result) {
  const get = getter(result);
  if (typeof claim.value === 'function') return claim.value(get);
  const row = get(claim.bench, claim.case);
  if (typeof row.note === 'string' && /^skipped/.test(row.note)) {
    const e = new Error(`row ${claim.bench} / ${claim.case} was skipped in that run (${row.note})`);
    e.skipped = true;
    throw e;
  }
  return row[claim.value ?? 'wallMs'];
}

const decimals = (text) => (text.includes('.') ? text.split('.')[1].length : 0);
const format = (v, like) => (typeof v === 'number' && Number.isFinite(v) ? Math.abs(v).toFixed(decimals(like)) : String(v));

/** Finds the one line of `text` containing `needle`: [index, line]. */
function findLine(lines, needle, readme) {
  const hits = lines.map((l, i) => [i, l]).filter(([, l]) => l.includes(needle));
  if (hits.length !== 1) throw new Error(`${readme}: ${hits.length} lines contain ${JSON.stringify(needle)} (need exactly 1)`);
  return hits[0];
}

/** Where a claim's number is in `line`: { index, text } (the regex's first group). */
function locate(line, claim) {
  const m = new RegExp(claim.at.source, `${claim.at.flags.replace(/[gd]/g, '')}d`).exec(line);
  if (!m || m[1] === undefined) return null;
  return { index: m.indices[1][0], text: m[1] };
}

/**
 * Checks (or with `update`, rewrites) the README texts. `readmes`: { path → text }.
 * Returns { texts, report: [{ readme, line, status, detail }] } where status is
 * ok | mismatch | unverifiable | skipped | error | updated.
 */
export function checkClaims(entries, readmes, { update = null, results = (stamp) => findResults(stamp) } = {}) {
  const texts = { ...readmes };
  const report = [];
  for (const entry of entries) {
    const lines = texts[entry.readme].split('\n');
    let idx;
    let line;
    try {
      [idx, line] = findLine(lines, entry.line, entry.readme);
    } catch (err) {
      report.push({ readme: entry.readme, line: entry.line, status: 'error', detail: err.message });
      continue;
    }
    const named = [...line.matchAll(TOKEN)].map((m) => m[1]);
    const push = (status, detail, claim) => report.push({ readme: entry.readme, line: entry.line, claim: claim?.at?.source, status, detail });
    if (update) {
      // All or nothing: the line is rewritten only when the new run has every row it claims,
      // and then names that run.
      const edits = [];
      let why = null;
      for (const claim of entry.claims) {
        const at = locate(line, claim);
        if (!at) {
          why = { status: 'error', detail: `number not found by ${claim.at}` };
          break;
        }
        try {
          edits.push({ at, next: format(claimValue(claim, update), at.text) });
        } catch (err) {
          why = { status: err.missing || err.skipped ? 'skipped' : 'error', detail: `${err.message}; line left as it was` };
          break;
        }
      }
      if (why) {
        push(why.status, why.detail);
        continue;
      }
      for (const { at, next } of edits.sort((a, b) => b.at.index - a.at.index)) {
        line = line.slice(0, at.index) + next + line.slice(at.index + at.text.length);
      }
      const token = `bench-${stampOf(update)}`;
      if (named.length > 0) line = line.replace(TOKEN, token);
      // No run named yet: into the first cell's closing parenthesis, or a new one.
      else line = line.replace(/^(\|(?:[^|\\]|\\.)*?)( \|)/, (_m, cell, bar) => (cell.endsWith(')') ? `${cell.slice(0, -1)}, \`${token}\`)${bar}` : `${cell} (\`${token}\`)${bar}`));
      lines[idx] = line;
      texts[entry.readme] = lines.join('\n');
      push('updated', edits.map((e) => `${e.at.text} -> ${e.next}`).join(', '));
      continue;
    }
    if (named.length !== 1) {
      push('unverifiable', named.length === 0 ? 'the line names no bench-<stamp> JSON' : `the line names ${named.length} runs (one per line)`);
      continue;
    }
    const result = results(named[0]);
    if (!result) {
      push('unverifiable', `bench-${named[0]}.json is in neither bench/results nor bench/recorded`);
      continue;
    }
    for (const claim of entry.claims) {
      const at = locate(line, claim);
      if (!at) {
        push('error', `number not found by ${claim.at}`, claim);
        continue;
      }
      let v;
      try {
        v = claimValue(claim, result);
      } catch (err) {
        push(err.skipped ? 'skipped' : 'error', err.message, claim);
        continue;
      }
      const want = format(v, at.text);
      push(want === at.text ? 'ok' : 'mismatch', want === at.text ? at.text : `README says ${at.text}, bench-${named[0]} says ${want}`, claim);
    }
  }
  return { texts, report };
}

/** Rows of the root README's benchmark table that no claims entry covers (not checked yet). */
export function unclaimedRows(readme, entries) {
  const section = readme.split(/^## Benchmarks$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| benchmark |') && !/^\|[-| ]+\|$/.test(l))
    .filter((l) => !entries.some((e) => e.readme === 'README.md' && l.includes(e.line)));
}

async function main(argv) {
  const updateAt = argv.indexOf('--update');
  const fromAt = argv.indexOf('--from');
  const strict = argv.includes('--strict');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? new RegExp(argv[onlyAt + 1]) : null;
  const { default: allEntries } = await import(pathToFileURL(join(ROOT, 'bench', 'readme-claims.mjs')).href);
  const entries = only && updateAt >= 0 ? allEntries.filter((e) => only.test(e.line)) : allEntries;
  const readmes = Object.fromEntries([...new Set(entries.map((e) => e.readme))].map((r) => [r, readFileSync(join(ROOT, r), 'utf8')]));
  let update = null;
  let fromFile = null;
  if (updateAt >= 0) {
    fromFile = fromAt >= 0 ? argv[fromAt + 1] : join(ROOT, 'bench', 'results', 'latest.json');
    if (!existsSync(fromFile)) throw new Error(`${fromFile} does not exist: run npm run bench first`);
    update = JSON.parse(readFileSync(fromFile, 'utf8'));
  }
  const { texts, report } = checkClaims(entries, readmes, update ? { update } : {});
  const counts = {};
  for (const r of report) {
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    if (r.status !== 'ok' && r.status !== 'updated') process.stdout.write(`${r.status.padEnd(12)} ${r.readme}: ${r.line}${r.claim ? ` [${r.claim}]` : ''}: ${r.detail}\n`);
  }
  if (update) {
    for (const [r, t] of Object.entries(texts)) if (t !== readmes[r]) writeFileSync(join(ROOT, r), t);
    mkdirSync(join(ROOT, 'bench', 'recorded'), { recursive: true });
    copyFileSync(fromFile, join(ROOT, 'bench', 'recorded', `bench-${stampOf(update)}.json`));
    process.stdout.write(`recorded bench/recorded/bench-${stampOf(update)}.json\n`);
  }
  const unclaimed = unclaimedRows(readFileSync(join(ROOT, 'README.md'), 'utf8'), allEntries);
  for (const row of unclaimed) process.stdout.write(`unclaimed    README.md: ${row.slice(0, 100)}\n`);
  if (unclaimed.length) counts['unclaimed rows'] = unclaimed.length;
  process.stdout.write(`${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}\n`);
  const bad = (counts.mismatch ?? 0) + (counts.error ?? 0) + (strict ? (counts.unverifiable ?? 0) + (counts.skipped ?? 0) : 0);
  return bad > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`readme-numbers: ${err.message}\n`);
      process.exitCode = 2;
    },
  );
}
