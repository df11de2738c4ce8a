import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { ApiError, ApiResult } from '../../shared/api/result';
import { REPO_ROOT } from './test-context';

export const DIVISION_FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'divisions');

/**
 * Reads a plain CSV (UTF-8, header row, no quoted cells — true of every division fixture),
 * accepting LF or CRLF line ends and a leading BOM.
 */
export function readCsv(file: string): Array<Record<string, string>> {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  const header = lines.shift()!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`${file}: expected ${header.length} cells, got ${cells.length}: ${line}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
}

export const readDivisionFixture = (name: string) => readCsv(path.join(DIVISION_FIXTURES, name));

/** True when the text holds at least one CJK ideograph (our messages are Chinese). */
export const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

/** Unwraps a refused result, failing the test if the call succeeded. */
export function refused(result: ApiResult<unknown>): ApiError {
  if (result.ok) throw new Error(`expected a refusal, got ok: ${JSON.stringify(result.value).slice(0, 300)}`);
  expect(hasChinese(result.error.message), `message should be Chinese: ${result.error.message}`).toBe(true);
  return result.error;
}
