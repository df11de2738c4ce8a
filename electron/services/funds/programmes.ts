import type { z } from 'zod';
import type { CreateProgrammeInput, Programme, UpdateProgrammeInput } from '../../../shared/api/funds/records';
import { writeAudit } from '../audit';
import { isoNow, type Db, type ServiceContext } from '../context';
import { requireActiveValue } from '../dictionaries/dictionaries-service';
import { conflict, invalid } from '../errors';
import { findUnit } from '../units/unit-row';
import { programmeAudit } from './fund-audit';
import { loadProgramme } from './fund-query';
import { allocatedSum, fundTransaction, requireProgramme, yuan, type ProgrammeRecord } from './fund-rules';
import { personMisfit, recipientRule, unitMisfit } from './recipients';

type Parsed<T extends z.ZodType> = z.output<T>;
type ProgrammeValues = Parsed<typeof CreateProgrammeInput>;

/**
 * 经费项目: one per name and year, with its budget and the kind of recipient it pays. The budget
 * never drops below what is already allocated; a programme is deleted only while nothing is
 * allocated. Each change writes its audit row ('fund_programme') in the same transaction.
 */

/** Dictionary values must exist and be in use, unless the programme already holds them. */
async function checkValues(db: Db, input: ProgrammeValues, current: ProgrammeRecord | null): Promise<void> {
  await requireActiveValue(db, 'fund_category', input.category, { field: 'category', current: current?.category ?? null });
  await requireActiveValue(db, 'fund_source_level', input.sourceLevel, { field: 'sourceLevel', current: current?.source_level ?? null });
  await requireActiveValue(db, 'fund_recipient_kind', input.recipientKind, { field: 'recipientKind', current: current?.recipient_kind ?? null });
}

async function checkNameFree(db: Db, year: number, name: string, exceptId?: number): Promise<void> {
  let q = db.selectFrom('fund_programmes').select('id').where('year', '=', year).where('name', '=', name);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw conflict('name', `${year}年度已有名为“${name}”的经费项目，请换一个名称`);
}

const columns = (input: ProgrammeValues) => ({
  year: input.year,
  name: input.name,
  category: input.category,
  source_level: input.sourceLevel,
  budget_fen: input.budgetFen,
  document_no: input.documentNo,
  standard_text: input.standardText,
  standard_fen: input.standardFen,
  recipient_kind: input.recipientKind,
  due_on: input.dueOn,
  note: input.note,
});

export async function createProgramme(ctx: ServiceContext, input: Parsed<typeof CreateProgrammeInput>): Promise<Programme> {
  return fundTransaction(ctx, async (trx) => {
    await checkValues(trx, input, null);
    await checkNameFree(trx, input.year, input.name);
    const at = isoNow(ctx);
    const row = await trx
      .insertInto('fund_programmes')
      .values({ ...columns(input), created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', entity: 'fund_programme', entityId: row.id, after: programmeAudit(row) });
    return loadProgramme(trx, row.id);
  });
}

/** When the recipient kind changes, every allocation made must fit the new kind. */
async function checkAllocationsFit(db: Db, programmeId: number, recipientKind: string): Promise<void> {
  const rule = await recipientRule(db, recipientKind);
  const allocations = await db.selectFrom('fund_allocations').select(['unit_id', 'person_name']).where('programme_id', '=', programmeId).orderBy('id').execute();
  for (const a of allocations) {
    const unit = a.unit_id === null ? undefined : await findUnit(db, a.unit_id);
    const misfit = unit ? unitMisfit(rule, unit, { existing: true }) : personMisfit(rule);
    if (misfit) throw invalid('recipientKind', `已有的分配对象不符合新的拨付对象类别：${misfit}`);
  }
}

export async function updateProgramme(ctx: ServiceContext, input: Parsed<typeof UpdateProgrammeInput>): Promise<Programme> {
  return fundTransaction(ctx, async (trx) => {
    const current = await requireProgramme(trx, input.id);
    await checkValues(trx, input, current);
    if (input.year !== current.year || input.name !== current.name) await checkNameFree(trx, input.year, input.name, current.id);
    const allocated = await allocatedSum(trx, current.id);
    if (input.budgetFen < allocated) {
      throw invalid('budgetFen', `预算 ${yuan(input.budgetFen)} 低于已分配的合计 ${yuan(allocated)}，请先调减分配或提高预算`);
    }
    if (input.recipientKind !== current.recipient_kind) await checkAllocationsFit(trx, current.id, input.recipientKind);
    const row = await trx
      .updateTable('fund_programmes')
      .set({ ...columns(input), updated_at: isoNow(ctx) })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'update', entity: 'fund_programme', entityId: row.id, before: programmeAudit(current), after: programmeAudit(row) });
    return loadProgramme(trx, row.id);
  });
}

export async function deleteProgramme(ctx: ServiceContext, input: { id: number }): Promise<{ done: true }> {
  return fundTransaction(ctx, async (trx) => {
    const current = await requireProgramme(trx, input.id);
    const { n } = await trx
      .selectFrom('fund_allocations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('programme_id', '=', current.id)
      .executeTakeFirstOrThrow();
    if (Number(n) > 0) throw conflict('id', `“${current.name}”已分配给 ${n} 个对象，不能删除；请先删除这些分配`);
    await trx.deleteFrom('fund_programmes').where('id', '=', current.id).execute();
    await writeAudit(trx, ctx, { action: 'delete', entity: 'fund_programme', entityId: current.id, before: programmeAudit(current) });
    return { done: true as const };
  });
}
