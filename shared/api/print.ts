import { z } from 'zod';
import { mutation } from './define';
import { EVERYONE } from '../domain/roles';

/**
 * Printing happens in the window (the system print dialog); the app only records what was
 * printed, by whom and when, before the dialog opens. Every printable form is listed here.
 */
export const PRINT_FORMS = {
  village_brief: { label: '村情简表', entity: 'org_unit' },
  /** ids: programme ids */
  fund_ledger: { label: '经费台账', entity: 'fund_programme' },
  /** ids: unit ids */
  fund_statement: { label: '经费对账单', entity: 'org_unit' },
  /** a person's statement (书记津贴 …): ids are the allocations it lists */
  fund_statement_person: { label: '经费对账单（个人）', entity: 'fund_allocation' },
} as const;
export type PrintForm = keyof typeof PRINT_FORMS;
const FORM_KEYS = Object.keys(PRINT_FORMS) as [PrintForm, ...PrintForm[]];

export const RecordPrintInput = z.object({
  form: z.enum(FORM_KEYS, { error: '没有这种打印表格' }),
  /** the records printed (one form each) */
  ids: z.array(z.number().int().positive(), { error: '打印对象不正确' }).min(1, '没有要打印的内容').max(5000, '一次最多打印 5000 份'),
});

export const printApi = {
  record: mutation('记录一次打印（打印前调用，写入操作日志）', EVERYONE, RecordPrintInput, z.object({ done: z.literal(true) })),
};
