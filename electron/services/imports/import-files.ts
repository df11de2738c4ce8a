import { deliverExport } from '../files/deliver-export';
import type { ExportedFile } from '../../../shared/api/files';
import type { PreviewImportInput } from '../../../shared/api/imports';
import { fileStamp } from '../../core/exports';
import { writeRejectedRows } from '../../excel/write-rejected';
import { writeImportTemplate } from '../../excel/write-template';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';
import { analyse, type Analysis } from './import-analysis';
import { importerFor } from './importers';
import type { z } from 'zod';

/** The two workbooks of the import: the blank template, and the rows an import did not take. */

/** imports.template: header row, dropdowns for dictionary and 是/否 columns, a 填写说明 sheet. */
export async function importTemplate(ctx: ServiceContext, input: { kind: string }): Promise<ExportedFile> {
  const importer = importerFor(ctx, input.kind);
  const dictionaries = await importer.dictionaries(ctx.db);
  const bytes = await writeImportTemplate({ definition: importer.definition, title: importer.templateTitle, dictionaries, notes: importer.templateNotes });
  const fileName = `${importer.templateTitle}.xlsx`;
  return deliverExport(ctx, { fileName, bytes }, { entity: 'import_template', after: { kind: input.kind } });
}

/** The rejected rows with their original cells, 原行号 and 错误原因, ready to fix and import again. */
export async function rejectedRowsFile(ctx: ServiceContext, a: Analysis): Promise<ExportedFile | null> {
  const rejected = a.plans.filter((p) => p.status === 'rejected');
  if (rejected.length === 0) return null;
  const base = a.file.fileName.replace(/\.[^.]+$/, '');
  const bytes = await writeRejectedRows({
    sheetTitle: '未导入的行',
    // the unit a title line gave ('单位：万元') must survive, or a re-import would read 元; near
    // the start, since the header detection reads only the first 30 characters of a title cell
    title: `以下 ${rejected.length} 行未导入${a.header.unitHint ? `（金额单位：${a.header.unitHint}）` : ''}，请按“错误原因”修改后重新导入（原文件：${a.file.fileName}，工作表：${a.sheet.name}）`,
    headers: a.header.labels,
    rows: rejected.map((p) => ({ row: p.row, cells: a.rows[p.row - 1] ?? [], reasons: p.problems.map((x) => x.message) })),
  });
  // logged as part of the import (or its preview's download, below)
  return deliverExport(ctx, { fileName: `${base}_未导入的行_${fileStamp(ctx.now())}.xlsx`, bytes }, null);
}

/** imports.exportProblems: the rejected rows of the current preview. */
export async function exportImportProblems(ctx: ServiceContext, input: z.output<typeof PreviewImportInput>): Promise<ExportedFile> {
  const a = await analyse(ctx, ctx.db, input);
  const file = await rejectedRowsFile(ctx, a);
  if (!file) throw new DomainError('VALIDATION', '预览中没有有问题的行，无需下载');
  await writeAudit(ctx.db, ctx, { action: 'export', entity: 'import_problems', entityId: null, after: { fileName: file.fileName, sourceFile: a.file.fileName, rows: a.plans.filter((p) => p.status === 'rejected').length } });
  return file;
}
