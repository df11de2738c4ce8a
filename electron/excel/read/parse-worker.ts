import { parentPort, workerData } from 'node:worker_threads';
import type * as XLSX from 'xlsx';
import { parseFile, type WorkerReply } from './parse-file';
import type { ReadLimits } from './types';

/**
 * The worker thread that reads one untrusted file and exits (started by read-workbook.ts; built
 * as its own entry, out/main/excel-parse-worker.js — see electron.vite.config.ts). SheetJS is
 * loaded here and only here: whatever a crafted file does to it (prototype pollution, a regular
 * expression that never ends, a huge allocation) stays in this thread, which the main process
 * terminates on its time and memory limits. One file per worker: nothing is reused.
 */

interface Job {
  bytes: Uint8Array;
  fileName: string;
  limits: ReadLimits;
}

// Specifiers in variables: resolved by Node at run time from node_modules (xlsx is a runtime
// dependency of the app), not bundled. The ES module build loads in a third of the time of the
// CommonJS one, whose code pages only old .xls files need.
const SHEETJS = 'xlsx/xlsx.mjs';
const CODE_PAGES = 'xlsx/dist/cpexcel.full.mjs';

async function loadSheetJs(withCodePages: boolean): Promise<typeof XLSX> {
  const lib = (await import(SHEETJS)) as typeof XLSX & { set_cptable: (cp: unknown) => void };
  if (withCodePages) lib.set_cptable(await import(CODE_PAGES));
  return lib;
}

const failed: WorkerReply = { ok: false, code: 'damaged', message: '文件已损坏或格式无法识别，读不出内容。可在 Excel 或 WPS 中打开后另存为 .xlsx 再导入' };

async function run(job: Job): Promise<WorkerReply> {
  try {
    return await parseFile(job.bytes, String(job.fileName), job.limits, loadSheetJs);
  } catch {
    return failed;
  }
}

if (parentPort) {
  const port = parentPort;
  void run(workerData as Job).then((reply) => port.postMessage(reply));
}
