import { z } from 'zod';
import { ProgrammeFields, fundYear, type Programme } from '../../../../shared/api/funds/records';
import { fenToMoney, optionalMoney, requiredMoney } from './moneyInput';

/** '' from an empty select or date: not chosen (so the contract's own “请选择…” message shows). */
const blankAs = <S extends z.ZodType>(empty: null | undefined, schema: S) => z.preprocess((v) => (v === '' ? empty : v), schema);

/**
 * The programme dialog's schema: the contract's fields (shared/api/funds.ts), with the year from a
 * select and the amounts typed in 元 or 万元.
 */
export const programmeFormSchema = ProgrammeFields.extend({
  year: z.preprocess((v) => (v === '' ? undefined : Number(v)), fundYear),
  category: blankAs(undefined, ProgrammeFields.shape.category),
  sourceLevel: blankAs(undefined, ProgrammeFields.shape.sourceLevel),
  recipientKind: blankAs(undefined, ProgrammeFields.shape.recipientKind),
  budgetFen: requiredMoney('预算'),
  standardFen: optionalMoney('标准金额'),
  dueOn: blankAs(null, ProgrammeFields.shape.dueOn),
});

/** A programme (or a new one of `year`) as the dialog holds it; budgets are typed in 万元 by default. */
export function programmeFormValues(year: number, p: Programme | null): Record<string, unknown> {
  return {
    year: String(p?.year ?? year),
    name: p?.name ?? '',
    category: p?.category ?? '',
    sourceLevel: p?.sourceLevel ?? '',
    recipientKind: p?.recipientKind ?? '',
    budgetFen: fenToMoney(p?.budgetFen, '万元'),
    documentNo: p?.documentNo ?? '',
    standardText: p?.standardText ?? '',
    standardFen: fenToMoney(p?.standardFen, '万元'),
    dueOn: p?.dueOn ?? '',
    note: p?.note ?? '',
  };
}
