import type { OpenedImport } from '../../../shared/api/imports';
import { detectHeader } from '../../../shared/domain/parse/header';
import { readWorkbook } from '../../excel/read';
import { OPEN_IMPORT_TTL_MS } from '../../core/open-imports';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';
import { importerFor } from './importers';

const ENCODING_LABELS: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8（带 BOM）', gb18030: 'GBK', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' };

/**
 * imports.open: reads the clerk's file in the reader's worker (limits, hostile files → Chinese
 * messages) and keeps it for this session; nothing is written anywhere. Proposes the visible
 * sheet whose header fits the record type best.
 */
export async function openImport(ctx: ServiceContext, input: { kind: string; fileName: string; contentBase64: string }): Promise<OpenedImport> {
  if (!ctx.session) throw new DomainError('UNAUTHENTICATED', '请先登录');
  const importer = importerFor(ctx, input.kind);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const read = await readWorkbook(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), input.fileName);
  if (!read.ok) throw new DomainError('VALIDATION', `“${input.fileName}”无法导入：${read.error.message}`, { file: read.error.message });
  const book = read.value;
  const sheets = book.sheets.map((s, index) => {
    const header = s.problem || s.rows.length === 0 ? null : detectHeader(s.rows, s.merges, importer.definition);
    return { index, name: s.name, hidden: s.hidden, rowCount: s.rows.length, problem: s.problem, matchedColumns: header?.matched ?? 0 };
  });
  const usable = sheets.filter((s) => !s.problem && s.rowCount > 0);
  if (usable.length === 0) {
    const message = sheets.find((s) => s.problem)?.problem ?? '文件中没有数据（所有工作表都是空的）';
    throw new DomainError('VALIDATION', `“${input.fileName}”无法导入：${message}`, { file: message });
  }
  // visible before hidden, then the best header fit, then the first
  const suggested = [...usable].sort((a, b) => Number(a.hidden) - Number(b.hidden) || b.matchedColumns - a.matchedColumns || a.index - b.index)[0]!;
  const entry = ctx.imports.put({ kind: input.kind, fileName: input.fileName, book, sessionToken: ctx.session.token });
  return {
    importId: entry.id,
    kind: input.kind,
    fileName: input.fileName,
    format: book.format,
    encoding: book.csv ? (ENCODING_LABELS[book.csv.encoding] ?? book.csv.encoding) : null,
    sheets,
    suggestedSheet: suggested.index,
    expiresAt: new Date(ctx.now().getTime() + OPEN_IMPORT_TTL_MS).toISOString(),
  };
}

export function closeImport(ctx: ServiceContext, input: { importId: string }): { done: true } {
  ctx.imports.close(input.importId, ctx.session?.token);
  return { done: true };
}
