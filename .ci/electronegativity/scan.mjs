/* global process, console */
// Runs Electronegativity once, in its own process, for scripts/check-electron-security.mjs:
//   node .ci/electronegativity/scan.mjs <input dir> <output.csv> <report.json> <electron version> <excluded checks,…>
//
// Why not the CLI: with -o the CLI prints nothing about files it could not parse (they are
// skipped silently), so a file with syntax its parsers do not know would pass unseen. Here the
// same runner the CLI uses writes the same CSV, and report.json adds what the CLI drops: the
// parse errors and how many findings there were (the caller checks the CSV against that count).
// Three small adaptations, each explained where it is made: Babel is asked for standard ESTree
// class fields, the CSV is written in order, and the tool gets no network ('got' always fails;
// it would only fetch translations, which are bundled, and en-US is used).
import Module, { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const [input, output, reportFile, electronVersion, excluded = ''] = process.argv.slice(2);
if (!input || !output || !reportFile || !electronVersion) {
  console.error('usage: scan.mjs <input dir> <output.csv> <report.json> <electron version> [excluded checks]');
  process.exit(2);
}

const toolMain = require.resolve('@doyensec/electronegativity');

// No network: every request of the tool's HTTP client fails at once (offline translations are used).
const gotPath = createRequire(toolMain).resolve('got');
const offlineGot = new Module(gotPath);
offlineGot.filename = gotPath;
offlineGot.loaded = true;
offlineGot.exports = () => Promise.reject(new Error('offline: electronegativity may not use the network here'));
require.cache[gotPath] = offlineGot;

// Babel's ESTree output names class fields (`#private = …`, used by bundled libraries)
// ClassPrivateProperty unless asked for standard ESTree (PropertyDefinition); the tool's
// traversal knows only the standard names and would give up on the whole renderer bundle.
const { Parser } = require(createRequire(toolMain).resolve('./parser'));
const parseBabel = Parser.prototype.parseBabel;
Parser.prototype.parseBabel = function parseBabelWithClassFeatures(content) {
  this.babelPlugins = this.babelPlugins.map((p) => (p === 'estree' ? ['estree', { classFeatures: true }] : p));
  return parseBabel.call(this, content);
};

// The tool writes the CSV header and its rows with two fs.writeFile calls it does not wait for,
// which race (rows can land first and be cut by the header). Writes to our CSV are made in order.
const writeFile = fs.writeFile;
fs.writeFile = function writeFileInOrder(file, data, options, callback) {
  if (path.resolve(String(file)) !== path.resolve(output)) return writeFile.apply(this, arguments);
  const done = typeof options === 'function' ? options : callback;
  try {
    fs.writeFileSync(file, data, typeof options === 'function' ? undefined : options);
  } catch (error) {
    return done?.(error);
  }
  return done?.(null);
};

process.env.LANG = 'en-US';
const toolExports = require('@doyensec/electronegativity');
const run = typeof toolExports === 'function' ? toolExports : toolExports.default;

const result = await run(
  {
    input,
    output,
    isSarif: false,
    customScan: [],
    excludeFromScan: excluded.split(',').map((c) => c.trim()).filter(Boolean),
    isRelative: true,
    isVerbose: true,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

fs.writeFileSync(
  reportFile,
  JSON.stringify({
    version: require('@doyensec/electronegativity/package.json').version,
    globalChecks: result.globalChecks,
    atomicChecks: result.atomicChecks,
    issueCount: result.issues.length,
    errors: result.errors.map((e) => ({ file: e.file, message: String(e.message), tolerable: Boolean(e.tolerable) })),
  }),
);
