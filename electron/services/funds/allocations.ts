import type { z } from 'zod';
import type { Allocation, AllocateInput, UpdateAllocationInput } from '../../../shared/api/funds/records';
import { writeAudit } from '../audit';
import { isoNow, type Db, type ServiceContext } from '../context';
import { conflict, invalid } from '../errors';
import type { OrgUnitRecord } from '../units/unit-row';
import { allocationAudit, allocationNames } from './fund-audit';
import { loadAllocation } from './fund-query';
import { allocatedSum, disbursedSum, fundTransaction, localToday, overBudgetMessage, requireAllocation, requireProgramme, yuan, type ProgrammeRecord } from './fund-rules';
import { personMisfit, recipientRule, requireRecipientUnit } from './recipients';

type Parsed<T extends z.ZodType> = z.output<T>;

/**
 * 分配: a planned amount of a programme for one recipient (a unit, or a person). Σ allocations
 * stays within the budget; a unit is allocated at most once per programme; an allocation never
 * drops below what is disbursed from it, and is deleted only while nothing is. Each change writes
 * its audit row ('fund_allocation') in the same transaction.
 */

/** The unit's allocation in this programme, if it has one. */
export async function existingAllocationOf(db: Db, programmeId: number, unitId: number) {
  return db.selectFrom('fund_allocations').select(['id', 'amount_fen']).where('programme_id', '=', programmeId).where('unit_id', '=', unitId).executeTakeFirst();
}

export async function checkWithinBudget(db: Db, programme: ProgrammeRecord, addingFen: number, field: string): Promise<void> {
  const message = overBudgetMessage(programme.budget_fen, await allocatedSum(db, programme.id), addingFen);
  if (message) throw invalid(field, message);
}

/** Inserts one checked allocation with its audit row; returns its id. The batch uses it too. */
export async function insertAllocation(
  trx: Db,
  ctx: ServiceContext,
  programme: ProgrammeRecord,
  recipient: { unit: OrgUnitRecord } | { personName: string },
  values: { amountFen: number; dueOn: string | null; note: string | null },
): Promise<number> {
  const at = isoNow(ctx);
  const row = await trx
    .insertInto('fund_allocations')
    .values({
      programme_id: programme.id,
      unit_id: 'unit' in recipient ? recipient.unit.id : null,
      person_name: 'personName' in recipient ? recipient.personName : null,
      amount_fen: values.amountFen,
      due_on: values.dueOn,
      note: values.note,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const names =
    'unit' in recipient
      ? { programmeName: programme.name, recipientName: recipient.unit.name, code: recipient.unit.code }
      : { programmeName: programme.name, recipientName: recipient.personName, code: null };
  await writeAudit(trx, ctx, { action: 'create', entity: 'fund_allocation', entityId: row.id, after: allocationAudit(row, names) });
  return row.id;
}

export async function allocate(ctx: ServiceContext, input: Parsed<typeof AllocateInput>): Promise<Allocation> {
  return fundTransaction(ctx, async (trx) => {
    const programme = await requireProgramme(trx, input.programmeId);
    const rule = await recipientRule(trx, programme.recipient_kind);
    let recipient: { unit: OrgUnitRecord } | { personName: string };
    if ('unitId' in input.recipient) {
      const unit = await requireRecipientUnit(trx, rule, input.recipient.unitId);
      const existing = await existingAllocationOf(trx, programme.id, unit.id);
      if (existing) throw conflict('recipient', `“${unit.name}”在本项目中已有分配（${yuan(existing.amount_fen)}），一个单位只能分配一次，如需调整请修改原分配`);
      recipient = { unit };
    } else {
      const misfit = personMisfit(rule);
      if (misfit) throw invalid('recipient', misfit);
      recipient = { personName: input.recipient.personName };
    }
    await checkWithinBudget(trx, programme, input.amountFen, 'amountFen');
    const id = await insertAllocation(trx, ctx, programme, recipient, input);
    return loadAllocation(trx, localToday(ctx), id);
  });
}

export async function updateAllocation(ctx: ServiceContext, input: Parsed<typeof UpdateAllocationInput>): Promise<Allocation> {
  return fundTransaction(ctx, async (trx) => {
    const current = await requireAllocation(trx, input.id);
    const programme = await requireProgramme(trx, current.programme_id);
    const disbursed = await disbursedSum(trx, current.id);
    if (input.amountFen < disbursed) {
      throw invalid('amountFen', `分配金额 ${yuan(input.amountFen)} 低于已登记的拨付合计 ${yuan(disbursed)}（含待审核、已审核，已扣除冲销），不能调减到这个数`);
    }
    const overBudget = overBudgetMessage(programme.budget_fen, await allocatedSum(trx, programme.id, current.id), input.amountFen, { changing: true });
    if (overBudget) throw invalid('amountFen', overBudget);
    const row = await trx
      .updateTable('fund_allocations')
      .set({ amount_fen: input.amountFen, due_on: input.dueOn, note: input.note, updated_at: isoNow(ctx) })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const names = await allocationNames(trx, current);
    await writeAudit(trx, ctx, { action: 'update', entity: 'fund_allocation', entityId: row.id, before: allocationAudit(current, names), after: allocationAudit(row, names) });
    return loadAllocation(trx, localToday(ctx), row.id);
  });
}

export async function deleteAllocation(ctx: ServiceContext, input: { id: number }): Promise<{ done: true }> {
  return fundTransaction(ctx, async (trx) => {
    const current = await requireAllocation(trx, input.id);
    const names = await allocationNames(trx, current);
    const { n } = await trx
      .selectFrom('fund_disbursements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('allocation_id', '=', current.id)
      .executeTakeFirstOrThrow();
    if (Number(n) > 0) throw conflict('id', `“${names.recipientName}”的分配已有 ${n} 条拨付记录，不能删除`);
    await trx.deleteFrom('fund_allocations').where('id', '=', current.id).execute();
    await writeAudit(trx, ctx, { action: 'delete', entity: 'fund_allocation', entityId: current.id, before: allocationAudit(current, names) });
    return { done: true as const };
  });
}
