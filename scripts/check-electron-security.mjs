// `npm run check:electron`: the Electron hardening gate. Runs Electronegativity (pinned in
// .ci/electronegativity/, installed apart from the app so it brings its own TypeScript) over
//   sources: electron/, shared/, renderer/ (index.html and src/) and package.json
//   built:   out/ (main, preload, renderer), built first if it is missing (--build: always)
// and checks its CSV output: every finding must be explained in .ci/electronegativity-allowlist.json
// (check + file + a line of the flagged code, with the reason it is not a problem). Exit 1 on any
// unexplained finding, on an allowlist entry that no longer matches anything, on a file the tool
// could not parse, or when the CSV is missing or does not agree with the tool's own count: the
// tool itself exits 0 in all of these cases.
//
// The tool reads only .js/.jsx/.ts/.tsx/.html/.htm and package files, so each target is copied
// to a temporary folder first, .cjs/.mjs/.cts/.mts files under a name it reads (out/preload is
// preload.cjs); findings are reported under the real paths.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimatch } from 'minimatch';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOOL_DIR = path.join(ROOT, '.ci', 'electronegativity');
const TOOL_PACKAGE = path.join(TOOL_DIR, 'node_modules', '@doyensec', 'electronegativity', 'package.json');
const ALLOWLIST_FILE = path.join(ROOT, '.ci', 'electronegativity-allowlist.json');
/**
 * Not code checks. AvailableSecurityFixesGlobalCheck downloads Electron's release list from
 * GitHub (no network here); ElectronVersionJSONCheck only reports package.json's Electron version
 * for it, as an informational "finding". The version is passed to the tool instead (see below).
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck', 'ElectronVersionJSONCheck'];
const CSV_HEADER = 'issue, severity, confidence, filename, location, sample, description, url';
const READABLE = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);
const RENAMED = { '.cjs': '.js', '.mjs': '.js', '.cts': '.ts', '.mts': '.ts' };
const BUILT_ENTRIES = ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'];

const TARGETS = [
  { name: 'sources', roots: ['electron', 'shared', 'renderer/index.html', 'renderer/src', 'package.json'] },
  { name: 'built', roots: ['out'] },
];

const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');

function fail(message) {
  console.error(`\n✗ ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) fail(`${command} ${args.join(' ')}: ${result.error.message}`);
  return result.status;
}

function ensureTool() {
  const wanted = JSON.parse(fs.readFileSync(path.join(TOOL_DIR, 'package.json'), 'utf8')).dependencies['@doyensec/electronegativity'];
  const installed = fs.existsSync(TOOL_PACKAGE) ? JSON.parse(fs.readFileSync(TOOL_PACKAGE, 'utf8')).version : null;
  if (installed === wanted) return installed;
  console.log(`Installing @doyensec/electronegativity ${wanted} into ${rel(TOOL_DIR)}/ …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (run(npm, ['ci', '--prefix', TOOL_DIR, '--no-audit', '--no-fund'], { shell: process.platform === 'win32' }) !== 0) fail(`npm ci --prefix ${rel(TOOL_DIR)} failed`);
  const now = JSON.parse(fs.readFileSync(TOOL_PACKAGE, 'utf8')).version;
  if (now !== wanted) fail(`${rel(TOOL_DIR)} installed electronegativity ${now}, expected ${wanted}`);
  return now;
}

function ensureBuilt(force) {
  const missing = BUILT_ENTRIES.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (!force && missing.length === 0) return;
  console.log(force ? 'Building out/ (--build) …' : `Building out/ (missing: ${missing.join(', ')}) …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (run(npm, ['run', 'build'], { shell: process.platform === 'win32' }) !== 0) fail('npm run build failed');
  const still = BUILT_ENTRIES.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (still.length > 0) fail(`the build did not produce ${still.join(', ')}`);
}

/** The Electron the app really runs: the installed package, else the pinned devDependency. */
function electronVersion() {
  const installed = path.join(ROOT, 'node_modules', 'electron', 'package.json');
  const version = fs.existsSync(installed)
    ? JSON.parse(fs.readFileSync(installed, 'utf8')).version
    : JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies?.electron?.replace(/^[^\d]*/, '');
  if (!/^\d+\.\d+\.\d+/.test(version ?? '')) fail('cannot tell which Electron version the app uses');
  return version;
}

function listFiles(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return [];
  if (stat.isFile()) return [entry];
  return fs
    .readdirSync(entry, { withFileTypes: true })
    .filter((d) => d.name !== 'node_modules')
    .flatMap((d) => listFiles(path.join(entry, d.name)));
}

/** Copies a target's files into a fresh folder under names the tool reads; returns the name map. */
function stage(target, dir) {
  const realName = new Map();
  for (const root of target.roots) {
    for (const file of listFiles(path.join(ROOT, root))) {
      const ext = path.extname(file).toLowerCase();
      const base = path.basename(file);
      if (!READABLE.has(ext) && !RENAMED[ext] && base !== 'package.json') continue;
      const staged = rel(file) + (RENAMED[ext] ?? '');
      fs.mkdirSync(path.join(dir, path.dirname(staged)), { recursive: true });
      fs.copyFileSync(file, path.join(dir, staged));
      realName.set(staged, rel(file));
    }
  }
  if (realName.size === 0) fail(`${target.name}: nothing to scan in ${target.roots.join(', ')}`);
  return realName;
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** One Electronegativity run over a staged target; its CSV must agree with the count it reports. */
function scan(target, workDir, version) {
  const input = path.join(workDir, target.name);
  fs.mkdirSync(input);
  const realName = stage(target, input);
  const csvFile = path.join(workDir, `${target.name}.csv`);
  const reportFile = path.join(workDir, `${target.name}.json`);
  const child = spawnSync(process.execPath, [path.join(TOOL_DIR, 'scan.mjs'), input, csvFile, reportFile, version, EXCLUDED_CHECKS.join(',')], {
    cwd: workDir,
    encoding: 'utf8',
  });
  const output = `${child.stdout ?? ''}${child.stderr ?? ''}`.replace(/^Could not retrieve updated translations for the current locale\n/gm, '').trim();
  if (child.status !== 0 || !fs.existsSync(reportFile)) fail(`${target.name}: Electronegativity failed (exit ${child.status})\n${output}`);
  if (output) console.log(output);
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  if (!(report.atomicChecks > 0 && report.globalChecks > 0)) fail(`${target.name}: Electronegativity loaded no checks`);
  const unparsed = report.errors.map((e) => `  ${realName.get(rel2(input, e.file)) ?? e.file}: ${e.message}${e.tolerable ? ' (recovered)' : ''}`);
  if (unparsed.length > 0) fail(`${target.name}: Electronegativity could not fully parse ${unparsed.length} file(s), so it did not check them:\n${unparsed.join('\n')}`);
  if (!fs.existsSync(csvFile)) fail(`${target.name}: Electronegativity wrote no CSV`);
  let rows;
  try {
    rows = parseCsv(fs.readFileSync(csvFile, 'utf8'));
  } catch (error) {
    fail(`${target.name}: the CSV does not parse (${error.message})`);
  }
  if (rows.length === 0 || rows[0].join(',') !== CSV_HEADER) fail(`${target.name}: the CSV does not start with Electronegativity's header`);
  const bad = rows.slice(1).find((r) => !(r.length === 8 && /^[A-Z0-9_]+$/.test(r[0]) && /^\d+:\d+$/.test(r[4])));
  if (bad) fail(`${target.name}: malformed CSV row: ${bad.join(',').slice(0, 300)}`);
  if (rows.length - 1 !== report.issueCount) fail(`${target.name}: the CSV holds ${rows.length - 1} finding(s), the tool reported ${report.issueCount}`);
  const findings = rows.slice(1).map(([check, severity, confidence, file, location, sample, description]) => ({
    target: target.name,
    check,
    severity,
    confidence,
    file: file === 'N/A' ? 'N/A' : (realName.get(file.split(path.sep).join('/')) ?? file),
    location,
    sample: sample === 'N/A' ? '' : sample,
    description,
  }));
  return { files: realName.size, findings };
}

function rel2(base, file) {
  return path.relative(base, file).split(path.sep).join('/');
}

/**
 * .ci/electronegativity-allowlist.json: { "findings": [ { "check", "where": [ { "target", "file",
 * "sample" } ], "why" } ] }. Each place names one target, one file (a glob only where the build
 * hashes names, never "everything") and a piece of the flagged line; "N/A" is the file of a
 * finding about the whole application. Every place must still match a finding.
 */
function loadAllowlist() {
  const list = JSON.parse(fs.readFileSync(ALLOWLIST_FILE, 'utf8'));
  if (!Array.isArray(list.findings)) fail(`${rel(ALLOWLIST_FILE)}: expected { "findings": [ … ] }`);
  const places = [];
  list.findings.forEach((e, i) => {
    const at = `${rel(ALLOWLIST_FILE)} findings[${i}]`;
    if (typeof e.check !== 'string' || !/^[A-Z0-9_]+$/.test(e.check)) fail(`${at}: "check" must be an Electronegativity check id`);
    if (typeof e.why !== 'string' || e.why.trim().length < 40) fail(`${at}: "why" must explain in a sentence or more why this is not a problem`);
    if (!Array.isArray(e.where) || e.where.length === 0) fail(`${at}: "where" must list the places it explains`);
    e.where.forEach((w, j) => {
      const here = `${at}.where[${j}]`;
      if (!TARGETS.some((t) => t.name === w.target)) fail(`${here}: "target" must be ${TARGETS.map((t) => `"${t.name}"`).join(' or ')}`);
      if (typeof w.file !== 'string' || w.file === '' || /(^|\/)\*\*?(\/|$)/.test(w.file)) fail(`${here}: "file" must name one file (or N/A), not a folder pattern`);
      if (w.file !== 'N/A' && (typeof w.sample !== 'string' || w.sample.trim() === '')) fail(`${here}: "sample" must be a piece of the flagged line`);
      places.push({ check: e.check, why: e.why, ...w });
    });
  });
  return places;
}

const matches = (place, f) =>
  place.target === f.target &&
  place.check === f.check &&
  (place.file === 'N/A' ? f.file === 'N/A' : minimatch(f.file, place.file)) &&
  (place.sample === undefined || f.sample.includes(place.sample));

function main() {
  const started = Date.now();
  const force = process.argv.includes('--build');
  const toolVersion = ensureTool();
  ensureBuilt(force);
  const version = electronVersion();
  const allowlist = loadAllowlist();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  process.on('exit', () => fs.rmSync(workDir, { recursive: true, force: true }));
  const results = TARGETS.map((t) => scan(t, workDir, version));

  const findings = results.flatMap((r) => r.findings);
  const used = new Set();
  const unexplained = [];
  for (const f of findings) {
    const hits = allowlist.flatMap((place, i) => (matches(place, f) ? [i] : []));
    if (hits.length === 0) unexplained.push(f);
    hits.forEach((i) => used.add(i));
  }
  const stale = allowlist.filter((_e, i) => !used.has(i));

  console.log(`Electronegativity ${toolVersion}, Electron ${version}, excluded: ${EXCLUDED_CHECKS.join(', ')}`);
  TARGETS.forEach((t, i) => console.log(`  ${t.name}: ${results[i].files} files (${t.roots.join(', ')}), ${results[i].findings.length} finding(s)`));
  for (const f of findings) {
    if (unexplained.includes(f)) continue;
    const entry = allowlist.find((e) => matches(e, f));
    console.log(`  explained  ${f.target}  ${f.check}  ${f.file}:${f.location}\n             ${entry.why.slice(0, 160)}${entry.why.length > 160 ? '…' : ''}`);
  }
  for (const f of unexplained) {
    console.error(
      `\n  UNEXPLAINED  [${f.target}] ${f.check} (${f.severity}, ${f.confidence})  ${f.file}:${f.location}\n    ${f.description}\n    ${f.sample ? `code: ${f.sample.slice(0, 300)}\n    ` : ''}see https://github.com/doyensec/electronegativity/wiki/${f.check}`,
    );
  }
  for (const p of stale) console.error(`\n  STALE allowlist place (matches no finding any more; remove it): [${p.target}] ${p.check} ${p.file}${p.sample ? ` "${p.sample}"` : ''}`);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = `Electronegativity: ${findings.length} findings, ${findings.length - unexplained.length} explained, ${unexplained.length} unexplained (${seconds}s)`;
  if (unexplained.length > 0 || stale.length > 0) {
    console.error(`\n${summary}`);
    if (unexplained.length > 0) console.error(`Fix the code, or explain each finding in ${rel(ALLOWLIST_FILE)} (check + file + sample + why).`);
    process.exit(1);
  }
  console.log(summary);
}

main();
