import { z } from 'zod';
import { mutation } from './define';
import { EVERYONE } from '../domain/roles';

/**
 * Printing happens in the window: every print view (renderer/src/features/print/PrintLayout.tsx)
 * offers 打印 (the system print dialog) and 保存为 PDF, and the app records what was printed or
 * saved, by whom and when. Modules declare their printable forms (`printForms` in their
 * module.ts, gathered in ./print-forms.ts); the service refuses a form nobody declared.
 *
 * 保存为 PDF is one call whatever runs the app; the main process decides how:
 *  - desktop: it prints the calling window's page to PDF (A4, the page numbers and repeated table
 *    headers come from the page's own print CSS), asks where to save it (系统“另存为”对话框; the
 *    renderer never sends a path) and logs the saved file;
 *  - browser (headless host, no PDF writer): it logs the print and answers `browser`; the page
 *    then opens the browser's print dialog, where the clerk chooses “另存为 PDF”.
 */
export const RecordPrintInput = z.object({
  form: z.string({ error: '没有这种打印表格' }).regex(/^[a-z][a-z0-9_]{0,39}$/, '没有这种打印表格'),
  /** the records printed (one form each) */
  ids: z.array(z.number().int().positive(), { error: '打印对象不正确' }).min(1, '没有要打印的内容').max(5000, '一次最多打印 5000 份'),
});

export const PRINT_ORIENTATIONS = ['portrait', 'landscape'] as const;
export type PrintOrientation = (typeof PRINT_ORIENTATIONS)[number];

export const SavePdfInput = RecordPrintInput.extend({
  /** the print view's title; the suggested file name starts with it */
  title: z.string({ error: '缺少标题' }).trim().min(1, '缺少标题').max(100, '标题过长'),
  /** A4 portrait or landscape, as the print view lays it out */
  orientation: z.enum(PRINT_ORIENTATIONS, { error: '纸张方向不正确' }),
});

export const SavedPdf = z.discriminatedUnion('outcome', [
  /** written where the user chose; the name without its folder */
  z.object({ outcome: z.literal('saved'), fileName: z.string() }),
  /** the user cancelled the save dialog: nothing written, nothing logged */
  z.object({ outcome: z.literal('cancelled') }),
  /** no PDF writer here (the browser): the print is logged; open the browser's print dialog */
  z.object({ outcome: z.literal('browser') }),
]);
export type SavedPdf = z.infer<typeof SavedPdf>;

export const printApi = {
  record: mutation('记录一次打印（打印前调用，写入操作日志）', EVERYONE, RecordPrintInput, z.object({ done: z.literal(true) })),
  savePdf: mutation('保存为 PDF（桌面版：选择位置并写入文件；浏览器中：记录后由浏览器的打印窗口另存）', EVERYONE, SavePdfInput, SavedPdf),
};
