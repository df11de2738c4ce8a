/**
 * The largest file the import engine reads (the reader's other limits are in
 * electron/excel/read/limits.ts). Here because the renderer refuses a larger file before
 * sending it, and the API bounds the upload by it.
 */
export const READ_LIMIT_FILE_BYTES = 20 * 1024 * 1024;
