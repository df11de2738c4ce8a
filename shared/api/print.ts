import { z } from 'zod';
import { mutation } from './define';
import { EVERYONE } from '../domain/roles';

/**
 * Printing happens in the window (the system print dialog); the app only records what was
 * printed, by whom and when, before the dialog opens. Modules declare their printable forms
 * (`printForms` in their module.ts, gathered in ./print-forms.ts); the service refuses a form
 * nobody declared.
 */
export const RecordPrintInput = z.object({
  form: z.string({ error: '没有这种打印表格' }).regex(/^[a-z][a-z0-9_]{0,39}$/, '没有这种打印表格'),
  /** the records printed (one form each) */
  ids: z.array(z.number().int().positive(), { error: '打印对象不正确' }).min(1, '没有要打印的内容').max(5000, '一次最多打印 5000 份'),
});

export const printApi = {
  record: mutation('记录一次打印（打印前调用，写入操作日志）', EVERYONE, RecordPrintInput, z.object({ done: z.literal(true) })),
};
