/** The reading half of the Excel engine: readWorkbook (worker thread, limits) and its plain data. */
export { readWorkbook, builtWorkerUrl, WORKER_FILE_NAME } from './read-workbook';
export { DEFAULT_READ_LIMITS, readErrorMessage, readTimeoutMs } from './limits';
export type * from './types';
