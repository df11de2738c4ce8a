import type { ReadErrorCode, ReadLimits } from './types';
import { READ_LIMIT_FILE_BYTES } from '../../../shared/domain/parse/limits';

export const DEFAULT_READ_LIMITS: ReadLimits = Object.freeze({
  maxFileBytes: READ_LIMIT_FILE_BYTES,
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxSheets: 200,
  maxRows: 50_000,
  maxColumns: 256,
  maxTotalChars: 20_000_000,
  maxMerges: 100_000,
  // A 0.7 MB roster of 10,000 villages reads in about 1.5 s here; slower office PCs get room to
  // spare, and a 20 MB file (the largest accepted) gets 65 s.
  timeoutBaseMs: 5_000,
  timeoutPerMbMs: 3_000,
  maxTimeoutMs: 90_000,
  maxHeapMb: 768,
});

/** How long the worker may take over a file of this size (a fixed `timeoutMs` wins). */
export function readTimeoutMs(fileBytes: number, limits: ReadLimits): number {
  if (limits.timeoutMs !== undefined) return limits.timeoutMs;
  const scaled = limits.timeoutBaseMs + (fileBytes / (1024 * 1024)) * limits.timeoutPerMbMs;
  return Math.round(Math.min(limits.maxTimeoutMs, scaled));
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The clerk-facing message of each failure. */
export function readErrorMessage(code: ReadErrorCode, limits: ReadLimits): string {
  switch (code) {
    case 'empty':
      return '文件是空的';
    case 'too-large':
      return `文件太大（超过 ${mb(limits.maxFileBytes)}），请删去无关的工作表或分成几个文件后再导入`;
    case 'not-spreadsheet':
      return '不是 Excel 或 CSV 文件，请选择 .xlsx、.xls 或 .csv 文件';
    case 'encrypted':
      return '文件已加密，请在 Excel 中取消密码后再导入';
    case 'damaged':
      return '文件已损坏或格式无法识别，读不出内容。可在 Excel 或 WPS 中打开后另存为 .xlsx 再导入';
    case 'zip-bomb':
      return `文件解压后过大（超过 ${mb(limits.maxUnzippedBytes)}），可能已损坏或不是正常的表格文件`;
    case 'encoding':
      return '无法识别 CSV 文件的文字编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入';
    case 'too-many-sheets':
      return `工作表超过 ${limits.maxSheets} 个，请删去无关的工作表后再导入`;
    case 'no-data':
      return '文件中没有数据（所有工作表都是空的）';
    case 'too-much-text':
      return `表格中的文字太多（超过 ${limits.maxTotalChars / 10_000} 万字），请删去无关的内容或分成几个文件后再导入`;
    case 'timeout':
      return '读取超时：文件可能已损坏，或内容过多。可在 Excel 中打开后另存为 .xlsx 再导入';
    case 'out-of-memory':
      return '文件内容过于复杂，读取时内存不足，请分成几个文件后再导入';
    case 'crash':
      return '读取文件时出错，文件可能已损坏';
  }
}

export const tooManyRowsMessage = (limits: ReadLimits) => `表格行数超过 ${limits.maxRows} 行，请分成几个文件后再导入`;
export const tooManyColumnsMessage = (limits: ReadLimits) => `表格列数超过 ${limits.maxColumns} 列，请删去无关的列后再导入`;
