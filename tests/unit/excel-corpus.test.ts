import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { readWorkbook, type ReadResult } from '../../electron/excel/read';
import { parseCsv } from '../../electron/excel/read/csv';

/**
 * Every file of the real-world corpus (tests/fixtures/sheets/corpus, see its README and
 * MANIFEST.csv) goes through the worker: each ends in rows or a clean Chinese message — never a
 * crash of the test process, never a hang — within its own time limit.
 */

const dir = path.resolve(import.meta.dirname, '..', 'fixtures', 'sheets', 'corpus');
const manifest = (() => {
  const { rows } = parseCsv(fs.readFileSync(path.join(dir, 'MANIFEST.csv'), 'utf8'), ',', { maxRows: 1000, maxColumns: 20 });
  const [head, ...body] = rows as string[][];
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])) as Record<string, string>);
})();

/**
 * The one file SheetJS 0.18.5 never finished (MANIFEST: TIMEOUT) gets a short limit; the rest a
 * generous one. SheetJS 0.20.3 refuses it at once as damaged (tests/unit/excel-read.test.ts
 * checks the time limit itself).
 */
const timeoutOf = (entry: Record<string, string>) => (entry['sheetjs_0.18.5_result']!.startsWith('TIMEOUT') ? 2_000 : 15_000);
const SLACK_MS = 3_000;
const CHINESE = /[\u4e00-\u9fff]/;

it('reads all 150 files of the corpus: rows or a Chinese message, each within its time limit', async () => {
  expect(manifest).toHaveLength(150);
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const results = new Map<string, { result: ReadResult; ms: number; limit: number }>();
  const queue = [...manifest];
  const lanes = Math.max(2, Math.min(4, os.availableParallelism()));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        const file = entry['local_path']!;
        const bytes = new Uint8Array(fs.readFileSync(path.join(dir, file)));
        expect(bytes.length).toBe(Number(entry['bytes']));
        const limit = timeoutOf(entry);
        const start = performance.now();
        const result = await readWorkbook(bytes, path.basename(file), { timeoutMs: limit });
        results.set(file, { result, ms: performance.now() - start, limit });
      }
    }),
  );
  expect(results.size).toBe(150);

  const summary: Record<string, number> = {};
  for (const entry of manifest) {
    const file = entry['local_path']!;
    const { result, ms, limit } = results.get(file)!;
    expect(ms, file).toBeLessThan(limit + SLACK_MS);
    const outcome = result.ok ? 'ok' : result.error.code;
    summary[outcome] = (summary[outcome] ?? 0) + 1;
    expect(outcome, file).not.toBe('crash');
    if (result.ok) {
      expect(result.value.sheets.length, file).toBeGreaterThan(0);
      for (const sheet of result.value.sheets) {
        if (sheet.problem) expect(sheet.problem, file).toMatch(CHINESE);
        for (const row of sheet.rows) expect(row.length, file).toBe(sheet.width);
      }
    } else {
      expect(result.error.message, file).toMatch(CHINESE);
    }
    // what the corpus says about the file
    if (entry['category'] === 'encrypted_or_password') expect(outcome, file).toBe('encrypted');
    if (timeoutOf(entry) === 2_000) expect(outcome, file).toBe('damaged');
    if (entry['category']!.startsWith('csv') && entry['category'] !== 'csv_encoding_latin1' && entry['category'] !== 'csv_empty') expect(outcome, file).toBe('ok');
    if (entry['sheetjs_0.18.5_result']!.startsWith('ok') && !['malformed_or_expected_failure', 'malformed', 'quirk'].includes(entry['category']!)) {
      // SheetJS reads it: so must we, unless it holds no data or far too much text (or is a Latin-1
      // CSV, which we refuse to guess at rather than show mojibake)
      const allowed = ['ok', 'no-data', 'too-much-text', ...(entry['category'] === 'csv_encoding_latin1' ? ['encoding'] : [])];
      expect(allowed, file).toContain(outcome);
    }
  }
  expect(summary['ok']).toBeGreaterThanOrEqual(110);
  // whatever a crafted file did to SheetJS stayed in its worker
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
}, 240_000);
