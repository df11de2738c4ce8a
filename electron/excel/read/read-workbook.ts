import { Worker } from 'node:worker_threads';
import type { CellRange, CellValue } from '../../../shared/domain/parse/cells';
import { DEFAULT_READ_LIMITS, readErrorMessage, readTimeoutMs } from './limits';
import type { ReadErrorCode, ReadLimits, ReadResult, SheetData, WorkbookData, WorkbookFormat } from './types';

/**
 * Reading a spreadsheet a clerk chose (.xlsx, .xls, .xlsb, .ods, .csv/.tsv in UTF-8, GBK or
 * UTF-16, HTML tables saved as .xls): in a worker thread with a wall-clock limit (the worker is
 * terminated), a heap limit, and limits on file size, unzipped size, sheets, rows and columns.
 * Never throws and never hangs: the answer is the workbook as plain frozen data, or a Chinese
 * message ({ ok: false, error: { code, message } }). It writes nothing anywhere.
 *
 * HOW THE WORKER IS FOUND
 * - Built app (electron-vite): parse-worker.ts is its own entry of the main build
 *   (electron.vite.config.ts → out/main/excel-parse-worker.js). This module is bundled either
 *   into an entry file in out/main/ or into a chunk in out/main/chunks/ (electron-vite's fixed
 *   chunk folder), so the worker is next to it or one folder up.
 * - Source (vitest, and any run straight from the TypeScript): the worker is parse-worker.ts
 *   beside this one, run by Node 24 itself: a small bootstrap (data: URL) installs module hooks
 *   that resolve the extension-less relative imports to .ts files and serve their code with the
 *   types stripped (see SOURCE_BOOTSTRAP). Only the worker's own small import graph runs this way
 *   (node:*, xlsx, electron/excel/read/*, shared/domain/parse/excel-date) — those files use only
 *   erasable TypeScript and `import type`, which the tests check by running them.
 */

export const WORKER_FILE_NAME = 'excel-parse-worker.js';

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * Source tree only: the worker's TypeScript, with types stripped once in this thread (Node's
 * module.stripTypeScriptTypes) and handed to each worker, whose synchronous hooks
 * (module.registerHooks) resolve the extension-less relative imports to these .ts files and load
 * the stripped code. (Letting every worker strip its own files costs ~130 ms each.) Node's
 * compile cache (in the system temp folder) spares each new worker compiling SheetJS again —
 * tests start ~150 workers.
 */
const SOURCE_BOOTSTRAP = `
import { enableCompileCache, registerHooks } from 'node:module';
enableCompileCache();
import { workerData } from 'node:worker_threads';
const sources = workerData.sources;
registerHooks({
  resolve(specifier, context, next) {
    try { return next(specifier, context); } catch (error) {
      if (/^\\.{1,2}\\//.test(specifier) && !/\\.[cm]?[jt]s$/.test(specifier)) return next(specifier + '.ts', context);
      throw error;
    }
  },
  load(url, context, next) {
    const source = sources[url];
    return source === undefined ? next(url, context) : { format: 'module', source, shortCircuit: true };
  },
});
await import(workerData.entry);`;

let sourceGraph: Record<string, string> | null = null;

/** The worker's own modules (relative imports from parse-worker.ts), read and type-stripped once. */
async function workerSources(entry: string): Promise<Record<string, string>> {
  if (sourceGraph) return sourceGraph;
  const [{ readFileSync }, { stripTypeScriptTypes }] = await Promise.all([import('node:fs'), import('node:module')]);
  const sources: Record<string, string> = {};
  const visit = (url: string) => {
    if (url in sources) return;
    const code = readFileSync(new URL(url), 'utf8');
    sources[url] = stripTypeScriptTypes(code, { mode: 'strip' });
    for (const m of code.matchAll(/^(import|export)\s(?!type\s)[^'"]*?\sfrom\s+'(\.{1,2}\/[^']+)'/gm)) visit(new URL(`${m[2]}.ts`, url).href);
  };
  visit(entry);
  sourceGraph = sources;
  return sources;
}

/** Where the built worker is, seen from the built file this code ended up in. */
export function builtWorkerUrl(moduleUrl: string): URL {
  const here = new URL('.', moduleUrl);
  const root = here.pathname.endsWith('/chunks/') ? new URL('../', here) : here;
  return new URL(WORKER_FILE_NAME, root);
}

async function workerTarget(): Promise<{ url: URL; extra: Record<string, unknown> }> {
  if (!FROM_SOURCE) return { url: builtWorkerUrl(import.meta.url), extra: {} };
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(SOURCE_BOOTSTRAP)}`), extra: { entry, sources: await workerSources(entry) } };
}

const failed = (code: ReadErrorCode, limits: ReadLimits): ReadResult => ({ ok: false, error: { code, message: readErrorMessage(code, limits) } });

export async function readWorkbook(bytes: Uint8Array, fileName: string, limits: Partial<ReadLimits> = {}): Promise<ReadResult> {
  const lim: ReadLimits = { ...DEFAULT_READ_LIMITS, ...limits };
  if (bytes.byteLength === 0) return failed('empty', lim);
  if (bytes.byteLength > lim.maxFileBytes) return failed('too-large', lim);
  // a copy the worker owns (transferred, not cloned): the caller's buffer stays usable
  const copy = new Uint8Array(bytes);
  let worker: Worker;
  try {
    const target = await workerTarget();
    worker = new Worker(target.url, {
      workerData: { ...target.extra, bytes: copy, fileName: String(fileName), limits: lim },
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: lim.maxHeapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
      env: {},
      stdout: true,
      stderr: true,
      name: 'excel-reader',
    });
  } catch {
    return failed('crash', lim);
  }
  // SheetJS may print warnings; they are not the clerk's business (and must not block the pipe)
  worker.stdout.resume();
  worker.stderr.resume();
  return new Promise<ReadResult>((resolve) => {
    let settled = false;
    const settle = (result: ReadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate().catch(() => undefined);
      resolve(result);
    };
    const timer = setTimeout(() => settle(failed('timeout', lim)), readTimeoutMs(bytes.byteLength, lim));
    worker.once('message', (reply: unknown) => settle(fromReply(reply, String(fileName), lim)));
    worker.once('error', (err: Error & { code?: string }) => settle(failed(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crash', lim)));
    worker.once('exit', () => settle(failed('crash', lim)));
  });
}

const FORMATS = new Set<WorkbookFormat>(['xlsx', 'xlsb', 'xls', 'ods', 'csv', 'html', 'xml']);
const CODES = new Set<ReadErrorCode>(['empty', 'too-large', 'not-spreadsheet', 'encrypted', 'damaged', 'zip-bomb', 'encoding', 'too-many-sheets', 'no-data', 'too-much-text', 'timeout', 'out-of-memory', 'crash']);

const isCell = (v: unknown): v is CellValue => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The worker's answer, checked and rebuilt as frozen plain data (anything malformed counts as a crash). */
function fromReply(reply: unknown, fileName: string, lim: ReadLimits): ReadResult {
  const r = reply as { ok?: unknown; code?: unknown; book?: unknown } | null;
  if (!r || typeof r !== 'object') return failed('crash', lim);
  if (r.ok === false) return failed(CODES.has(r.code as ReadErrorCode) ? (r.code as ReadErrorCode) : 'crash', lim);
  const book = r.book as { format?: unknown; csv?: unknown; sheets?: unknown } | null;
  if (r.ok !== true || !book || !FORMATS.has(book.format as WorkbookFormat) || !Array.isArray(book.sheets)) return failed('crash', lim);
  const sheets: SheetData[] = [];
  for (const s of book.sheets as unknown[]) {
    const sheet = s as { name?: unknown; hidden?: unknown; width?: unknown; rows?: unknown; merges?: unknown; problem?: unknown } | null;
    if (!sheet || typeof sheet.name !== 'string' || !isIndex(sheet.width) || !Array.isArray(sheet.rows) || !Array.isArray(sheet.merges)) return failed('crash', lim);
    const width = sheet.width;
    const rows: Array<readonly CellValue[]> = [];
    for (const row of sheet.rows as unknown[]) {
      if (!Array.isArray(row) || row.length !== width || !row.every(isCell)) return failed('crash', lim);
      rows.push(Object.freeze(row.slice() as CellValue[]));
    }
    const merges: CellRange[] = [];
    for (const m of sheet.merges as Array<{ s?: { r?: unknown; c?: unknown }; e?: { r?: unknown; c?: unknown } } | null>) {
      if (!m?.s || !m.e || !isIndex(m.s.r) || !isIndex(m.s.c) || !isIndex(m.e.r) || !isIndex(m.e.c)) return failed('crash', lim);
      merges.push(Object.freeze({ s: Object.freeze({ r: m.s.r, c: m.s.c }), e: Object.freeze({ r: m.e.r, c: m.e.c }) }));
    }
    sheets.push(
      Object.freeze({
        name: sheet.name,
        hidden: sheet.hidden === true,
        width,
        rows: Object.freeze(rows),
        merges: Object.freeze(merges),
        problem: typeof sheet.problem === 'string' ? sheet.problem : null,
      }),
    );
  }
  const csvIn = book.csv as { encoding?: unknown; delimiter?: unknown } | null;
  const csv =
    csvIn && typeof csvIn === 'object' && typeof csvIn.encoding === 'string' && typeof csvIn.delimiter === 'string'
      ? (Object.freeze({ encoding: csvIn.encoding, delimiter: csvIn.delimiter }) as WorkbookData['csv'])
      : null;
  const value: WorkbookData = Object.freeze({ fileName, format: book.format as WorkbookFormat, csv, sheets: Object.freeze(sheets) });
  return { ok: true, value };
}
