import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { readWorkbook, readTimeoutMs, DEFAULT_READ_LIMITS } from '../../electron/excel/read';

/**
 * Crafted workbooks against the spreadsheet library (tests/fixtures/sheets/crafted, written by
 * make-crafted.ts there). SheetJS CE 0.18.5 — the last `xlsx` on the npm registry — has two
 * published advisories on reading such files: prototype pollution (CVE-2023-30533) and slow
 * regular expressions (CVE-2024-22363). The app reads SheetJS 0.20.3 (`@e965/xlsx`, installed
 * under the name xlsx), still inside the worker with its limits, and the time limit now follows
 * the file's size, so a 3 KB file cannot hold a worker for 30 s.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const crafted = (name: string) => new Uint8Array(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'sheets', 'crafted', name)));
const VILLAGE_ROWS = [
  ['村（社区）名称', '党员总数'],
  ['东村村', 56],
];

/** SheetJS as the worker loads it (xlsx/xlsx.mjs), in a thread of its own: what does reading the file do to that thread? */
function readWithSheetJsAlone(bytes: Uint8Array): Promise<{ polluted: boolean; rows: unknown[]; version: string; ms: number }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.lib).then((XLSX) => {
      const t = Date.now();
      const wb = XLSX.read(workerData.bytes, { type: 'array' });
      const ms = Date.now() - t;
      const rows = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1 });
      parentPort.postMessage({ polluted: ({}).c !== undefined, rows, version: XLSX.version, ms });
    });`;
  const lib = new URL(import.meta.resolve('xlsx/xlsx.mjs')).href;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { bytes, lib } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error('SheetJS took longer than 10 s on a few kilobytes'));
    }, 10_000);
    worker.once('message', (m) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m as { polluted: boolean; rows: unknown[]; version: string; ms: number });
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

describe('the spreadsheet library itself', () => {
  it('is SheetJS CE 0.20.2 or later (both advisories fixed)', async () => {
    const { version } = await readWithSheetJsAlone(crafted('proto-pollution-comment.xlsx'));
    const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
    expect(major * 10_000 + minor * 100 + patch).toBeGreaterThanOrEqual(2002);
  });

  it('a comment anchored at __proto__ does not pollute Object.prototype (CVE-2023-30533)', async () => {
    const result = await readWithSheetJsAlone(crafted('proto-pollution-comment.xlsx'));
    expect(result.polluted).toBe(false);
    expect(result.rows).toEqual(VILLAGE_ROWS);
  });

  it.each(['redos-doctype-styles.xlsx', 'redos-xml-comments-styles.xlsx'])('%s is read at once, not in tens of seconds (CVE-2024-22363)', async (name) => {
    const result = await readWithSheetJsAlone(crafted(name));
    expect(result.rows).toEqual(VILLAGE_ROWS);
  });
});

describe('the app reader on crafted files', () => {
  it.each(['proto-pollution-comment.xlsx', 'redos-doctype-styles.xlsx', 'redos-xml-comments-styles.xlsx'])(
    '%s: the rows come back within the size-scaled time limit, and this thread stays clean',
    async (name) => {
      const bytes = crafted(name);
      const result = await readWorkbook(bytes, name);
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
      expect(result.value.sheets.map((s) => [s.name, s.rows])).toEqual([['村情', VILLAGE_ROWS]]);
      expect(({} as Record<string, unknown>).c).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('c');
    },
  );

  it('the time limit follows the file size: seconds for a small file, more for a large one, within bounds', () => {
    const small = readTimeoutMs(3_500, DEFAULT_READ_LIMITS);
    const roster = readTimeoutMs(700_000, DEFAULT_READ_LIMITS);
    const largest = readTimeoutMs(DEFAULT_READ_LIMITS.maxFileBytes, DEFAULT_READ_LIMITS);
    expect(small).toBeLessThanOrEqual(6_000);
    expect(roster).toBeGreaterThan(small);
    expect(largest).toBeGreaterThan(roster);
    expect(largest).toBeLessThanOrEqual(DEFAULT_READ_LIMITS.maxTimeoutMs);
    // a caller's fixed limit still wins
    expect(readTimeoutMs(3_500, { ...DEFAULT_READ_LIMITS, timeoutMs: 1_500 })).toBe(1_500);
  });
});
