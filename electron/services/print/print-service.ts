import type { z } from 'zod';
import type { RecordPrintInput } from '../../../shared/api/print';
import { PRINT_FORMS } from '../../../shared/api/print-forms';
import { writeAudit } from '../audit';
import type { ServiceContext } from '../context';
import { invalid } from '../errors';

/** One 'print' row per print job: which form, how many copies, for which records. */
export async function recordPrint(ctx: ServiceContext, input: z.output<typeof RecordPrintInput>) {
  const form = Object.hasOwn(PRINT_FORMS, input.form) ? PRINT_FORMS[input.form]! : null;
  if (!form) throw invalid('form', '没有这种打印表格');
  await ctx.db.transaction().execute((trx) =>
    writeAudit(trx, ctx, {
      action: 'print',
      entity: form.entity,
      entityId: input.ids.length === 1 ? input.ids[0]! : null,
      after: { form: input.form, formLabel: form.label, count: input.ids.length, ids: input.ids.slice(0, 200) },
    }),
  );
  return { done: true as const };
}
