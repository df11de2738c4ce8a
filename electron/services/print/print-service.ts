import type { z } from 'zod';
import type { RecordPrintInput, SavedPdf, SavePdfInput } from '../../../shared/api/print';
import { PRINT_FORMS } from '../../../shared/api/print-forms';
import type { PrintFormDef } from '../../../shared/api/module';
import { fileStamp, safeFileName } from '../../core/exports';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import { DomainError, invalid } from '../errors';
import { saveError } from '../files/files-service';

type PrintJob = z.output<typeof RecordPrintInput>;

function formOf(name: string): PrintFormDef {
  const form = Object.hasOwn(PRINT_FORMS, name) ? PRINT_FORMS[name]! : null;
  if (!form) throw invalid('form', '没有这种打印表格');
  return form;
}

/** What a print or PDF row records about the job: which form, how many, for which records. */
function jobDetail(input: PrintJob, form: PrintFormDef) {
  return { form: input.form, formLabel: form.label, count: input.ids.length, ids: input.ids.slice(0, 200) };
}
const entityIdOf = (input: PrintJob) => (input.ids.length === 1 ? input.ids[0]! : null);

/** One 'print' row per print job, written before the print dialog opens. */
export async function recordPrint(ctx: ServiceContext, input: PrintJob) {
  const form = formOf(input.form);
  await writeAudit(ctx.db, ctx, { action: 'print', entity: form.entity, entityId: entityIdOf(input), after: jobDetail(input, form) });
  return { done: true as const };
}

/** The suggested name: the print view's title and the time, as exported files are named. */
export const pdfFileName = (title: string, now: Date) => safeFileName(`${title}_${fileStamp(now)}.pdf`);

/**
 * 保存为 PDF. Desktop (the platform prints to PDF): the calling window's page as a PDF, the save
 * dialog, then the file written and its 'export' row (form, records, file name) in one
 * transaction around the write — a cancelled dialog writes and logs nothing, a failed write logs
 * nothing, a failed log writes nothing. Browser (no PDF writer): the print is logged as print.record
 * does, and the page opens the browser's print dialog (“另存为 PDF” there).
 */
export async function savePdf(ctx: ServiceContext, input: z.output<typeof SavePdfInput>): Promise<SavedPdf> {
  const form = formOf(input.form);
  const { printToPdf, saveFile } = ctx.platform;
  if (!printToPdf || !saveFile) {
    await recordPrint(ctx, input);
    return { outcome: 'browser' };
  }
  const windowId = ctx.caller.webContentsId;
  if (windowId === undefined) throw new DomainError('INTERNAL', '无法确定要保存的页面，请在打印预览中重试');
  let bytes: Uint8Array;
  try {
    bytes = await printToPdf.call(ctx.platform, windowId, { landscape: input.orientation === 'landscape' });
  } catch {
    throw new DomainError('INTERNAL', '未能生成 PDF，请重试；若仍失败，请用“打印”在打印窗口中另存为 PDF');
  }
  const job = jobDetail(input, form);
  const saved = await saveFile.call(ctx.platform, pdfFileName(input.title, ctx.now()), bytes, {
    around: (fileName, write) =>
      ctx.db.transaction().execute(async (trx) => {
        await writeAudit(trx, ctx, { action: 'export', entity: form.entity, entityId: entityIdOf(input), after: { fileName, ...job } });
        // why the file could not be written, in the clerk's words; the row goes with it
        await write().catch((error: unknown) => {
          throw saveError(error);
        });
      }),
  });
  return saved ? { outcome: 'saved', fileName: saved.fileName } : { outcome: 'cancelled' };
}
