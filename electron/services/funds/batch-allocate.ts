import type { z } from 'zod';
import type { BatchAllocateInput, BatchPreview } from '../../../shared/api/funds/records';
import type { Db, ServiceContext } from '../context';
import { DomainError, invalid } from '../errors';
import type { OrgUnitRecord } from '../units/unit-row';
import { insertAllocation } from './allocations';
import { allocatedSum, fundTransaction, overBudgetMessage, requireProgramme, type ProgrammeRecord } from './fund-rules';
import { recipientRule, unitMisfit } from './recipients';

type Parsed<T extends z.ZodType> = z.output<T>;
type Input = Parsed<typeof BatchAllocateInput>;

/**
 * 按标准批量分配: the same amount to every recipient of a scope — every street, every village or
 * community of some streets (by 单位类别), or listed units. The preview shows each row, the total
 * and the budget left before and after, and why the batch cannot be saved; saving repeats the
 * same plan inside one transaction and writes all rows (one audit row each) or none.
 *
 * Recipients already allocated in the programme are skipped (shown with what they hold, adding
 * 0) or, with existing = 'refuse', make the batch a problem.
 */

interface Plan {
  preview: BatchPreview;
  /** the field the problem is about, for the form */
  problemField: string | null;
  programme: ProgrammeRecord;
  create: OrgUnitRecord[];
}

/** The units a scope names, active ones only except listed units (a retired one is then a problem). */
async function scopeUnits(db: Db, scope: Input['scope']): Promise<OrgUnitRecord[]> {
  if (scope.kind === 'allStreets') {
    return db.selectFrom('org_units').selectAll().where('level', '=', 'street').where('status', '=', 'active').orderBy('code').execute();
  }
  if (scope.kind === 'unitsOfStreets') {
    const streetIds = [...new Set(scope.streetIds)];
    if (streetIds.length > 0) {
      const streets = await db.selectFrom('org_units').select(['id', 'name', 'level']).where('id', 'in', streetIds).execute();
      if (streets.length < streetIds.length) throw new DomainError('NOT_FOUND', '所选街道（镇）中有的不存在或已被删除，请重新选择', { scope: '所选街道（镇）中有的不存在或已被删除，请重新选择' });
      const notStreet = streets.find((s) => s.level !== 'street');
      if (notStreet) throw invalid('scope', `“${notStreet.name}”不是街道（镇），请选择街道（镇）`);
    }
    const kinds = [...new Set(scope.unitKinds)];
    if (kinds.length > 0) {
      const known = await db.selectFrom('dict_items').select('value').where('dict', '=', 'unit_kind').where('value', 'in', kinds).execute();
      if (known.length < kinds.length) throw invalid('scope', '所选单位类别不在“单位类别”字典中，请从列表中选择');
    }
    let q = db.selectFrom('org_units').selectAll().where('level', '=', 'unit').where('status', '=', 'active');
    if (streetIds.length > 0) q = q.where('parent_id', 'in', streetIds);
    if (kinds.length > 0) q = q.where('kind', 'in', kinds);
    return q.orderBy('code').execute();
  }
  const unitIds = [...new Set(scope.unitIds)];
  const units = await db.selectFrom('org_units').selectAll().where('id', 'in', unitIds).orderBy('code').execute();
  if (units.length < unitIds.length) {
    const message = `所选单位中有 ${unitIds.length - units.length} 个不存在或已被删除，请重新选择`;
    throw new DomainError('NOT_FOUND', message, { scope: message });
  }
  return units;
}

async function plan(db: Db, input: Input): Promise<Plan> {
  const programme = await requireProgramme(db, input.programmeId);
  const rule = await recipientRule(db, programme.recipient_kind);
  const units = await scopeUnits(db, input.scope);
  const streetIds = [...new Set(units.map((u) => (u.level === 'street' ? u.id : u.parent_id!)))];
  const streets = streetIds.length ? await db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', streetIds).execute() : [];
  const streetName = new Map(streets.map((s) => [s.id, s.name]));
  const existing = new Map(
    (await db.selectFrom('fund_allocations').select(['unit_id', 'amount_fen']).where('programme_id', '=', programme.id).where('unit_id', 'is not', null).execute()).map((a) => [
      a.unit_id!,
      a.amount_fen,
    ]),
  );

  const rows: BatchPreview['rows'] = [];
  const create: OrgUnitRecord[] = [];
  const misfits: string[] = [];
  const taken: string[] = [];
  let skipped = 0;
  for (const unit of units) {
    const already = existing.get(unit.id) ?? null;
    const skip = already !== null && input.existing === 'skip';
    if (skip) skipped++;
    else create.push(unit);
    if (already !== null && input.existing === 'refuse') taken.push(unit.name);
    const misfit = unitMisfit(rule, unit);
    if (misfit && !skip) misfits.push(misfit);
    rows.push({
      unitId: unit.id,
      code: unit.code,
      name: unit.name,
      streetName: streetName.get(unit.level === 'street' ? unit.id : unit.parent_id!) ?? '',
      amountFen: skip ? 0 : input.amountFen,
      alreadyAllocatedFen: already,
    });
  }
  const totalFen = create.length * input.amountFen;
  const allocated = await allocatedSum(db, programme.id);
  const unallocatedBeforeFen = programme.budget_fen - allocated;

  // the first reason the batch cannot be saved, the budget last
  const scopeProblem =
    units.length === 0
      ? '所选范围内没有可分配的单位（只含未撤销的单位），请重新选择'
      : misfits.length > 0
        ? misfits.length === 1
          ? misfits[0]!
          : `${misfits[0]}；另有 ${misfits.length - 1} 个单位同样不符合`
        : taken.length > 0
          ? `“${taken[0]}”${taken.length > 1 ? `等 ${taken.length} 个单位` : ''}在本项目中已有分配，一个单位只能分配一次；请选择跳过已分配的单位，或去掉这些单位`
          : create.length === 0
            ? `所选的 ${units.length} 个单位在本项目中都已分配，没有需要新增的分配`
            : null;
  const budgetProblem = scopeProblem === null ? overBudgetMessage(programme.budget_fen, allocated, totalFen) : null;
  const problem = scopeProblem ?? budgetProblem;
  return {
    preview: { rows, totalFen, skipped, unallocatedBeforeFen, unallocatedAfterFen: unallocatedBeforeFen - totalFen, problem },
    problemField: scopeProblem !== null ? 'scope' : budgetProblem !== null ? 'amountFen' : null,
    programme,
    create,
  };
}

export async function previewBatch(ctx: ServiceContext, input: Input): Promise<BatchPreview> {
  // one read transaction, so the rows, the totals and the budget agree
  return ctx.db.transaction().execute(async (trx) => (await plan(trx, input)).preview);
}

export async function allocateBatch(ctx: ServiceContext, input: Input): Promise<{ created: number; skipped: number; totalFen: number }> {
  return fundTransaction(ctx, async (trx) => {
    const { preview, problemField, programme, create } = await plan(trx, input);
    if (preview.problem) throw invalid(problemField ?? 'scope', preview.problem);
    for (const unit of create) await insertAllocation(trx, ctx, programme, { unit }, { amountFen: input.amountFen, dueOn: input.dueOn, note: null });
    return { created: create.length, skipped: preview.skipped, totalFen: preview.totalFen };
  });
}
