import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type { EndFirstSecretaryInput, FirstSecretary, SetFirstSecretaryInput, UpdateFirstSecretaryInput } from '../../../shared/api/villages';
import type { VillageFirstSecretariesTable } from '../../db/schema';
import { writeAudit } from '../audit';
import { isoNow, type Db, type ServiceContext } from '../context';
import { conflict, DomainError, invalid } from '../errors';
import { requireVillageUnit } from './village-rules';
import { firstSecretaryAudit, toFirstSecretary, type FirstSecretaryRecord } from './village-records';

/**
 * 第一书记: at most one current per unit (ended_on empty), past ones kept as history. A new
 * appointment ends the current one; a mistake is corrected in place (logged before → after).
 */

type Parsed<T extends z.ZodType> = z.output<T>;

const OPEN_END = '9999-12-31';
const term = (r: Pick<FirstSecretaryRecord, 'started_on' | 'ended_on'>) => `${r.started_on} 至 ${r.ended_on ?? '今'}`;

async function currentOf(db: Db, unitId: number): Promise<FirstSecretaryRecord | undefined> {
  return db.selectFrom('village_first_secretaries').selectAll().where('unit_id', '=', unitId).where('ended_on', 'is', null).executeTakeFirst();
}

/** Refuses a term that overlaps another of the same unit (a handover day may end one and start the next). */
async function checkNoOverlap(db: Db, unitId: number, startedOn: string, endedOn: string | null, field: string, exceptIds: number[]): Promise<void> {
  let q = db
    .selectFrom('village_first_secretaries')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('started_on', '<', endedOn ?? OPEN_END)
    .where((eb) => eb(eb.fn.coalesce('ended_on', eb.val(OPEN_END)), '>', startedOn));
  if (exceptIds.length > 0) q = q.where('id', 'not in', exceptIds);
  const other = await q.orderBy('started_on').executeTakeFirst();
  if (other) throw conflict(field, `与第一书记“${other.name}”的任职时间（${term(other)}）重叠`);
}

/** Changes one record of the history in place and logs it (before → after). */
async function updateRecord(
  db: Db,
  ctx: ServiceContext,
  unit: { id: number; name: string },
  before: FirstSecretaryRecord,
  changes: Updateable<VillageFirstSecretariesTable>,
): Promise<FirstSecretaryRecord> {
  const after = await db.updateTable('village_first_secretaries').set(changes).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
  await writeAudit(db, ctx, {
    action: 'update',
    entity: 'first_secretary',
    entityId: before.id,
    before: firstSecretaryAudit(unit, before),
    after: firstSecretaryAudit(unit, after),
  });
  return after;
}

export async function setFirstSecretary(ctx: ServiceContext, input: Parsed<typeof SetFirstSecretaryInput>): Promise<FirstSecretary> {
  return ctx.db.transaction().execute(async (trx) => {
    const { unit } = await requireVillageUnit(trx, input.unitId);
    const current = await currentOf(trx, unit.id);
    const at = isoNow(ctx);
    if (!current && input.previousEndedOn !== undefined) {
      throw invalid('previousEndedOn', `“${unit.name}”目前没有在任的第一书记，不必填写前任离任日期`);
    }
    if (current) {
      const endedOn = input.previousEndedOn ?? input.startedOn;
      const field = input.previousEndedOn === undefined ? 'startedOn' : 'previousEndedOn';
      if (endedOn < current.started_on) {
        throw invalid(field, `现任第一书记“${current.name}”自 ${current.started_on} 任职，前任离任日期不能早于该日期`);
      }
      if (endedOn > input.startedOn) throw invalid('previousEndedOn', '前任第一书记离任日期不能晚于新任第一书记的任职开始日期');
      await updateRecord(trx, ctx, unit, current, { ended_on: endedOn, updated_at: at });
    }
    await checkNoOverlap(trx, unit.id, input.startedOn, null, 'startedOn', []);
    const row = await trx
      .insertInto('village_first_secretaries')
      .values({
        unit_id: unit.id,
        name: input.name,
        dispatching_unit: input.dispatchingUnit,
        started_on: input.startedOn,
        ended_on: null,
        note: input.note,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'create', entity: 'first_secretary', entityId: row.id, after: firstSecretaryAudit(unit, row) });
    return toFirstSecretary(row);
  });
}

export async function endFirstSecretary(ctx: ServiceContext, input: Parsed<typeof EndFirstSecretaryInput>): Promise<FirstSecretary> {
  return ctx.db.transaction().execute(async (trx) => {
    const { unit } = await requireVillageUnit(trx, input.unitId);
    const current = await currentOf(trx, unit.id);
    if (!current) throw invalid('unitId', `“${unit.name}”目前没有在任的第一书记`);
    if (input.endedOn < current.started_on) throw invalid('endedOn', `离任日期不能早于“${current.name}”的任职开始日期 ${current.started_on}`);
    const ended = await updateRecord(trx, ctx, unit, current, { ended_on: input.endedOn, updated_at: isoNow(ctx) });
    return toFirstSecretary(ended);
  });
}

export async function updateFirstSecretary(ctx: ServiceContext, input: Parsed<typeof UpdateFirstSecretaryInput>): Promise<FirstSecretary> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('village_first_secretaries').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) {
      const message = '该第一书记任职记录不存在或已被删除';
      throw new DomainError('NOT_FOUND', message, { id: message });
    }
    const { unit } = await requireVillageUnit(trx, before.unit_id);
    if (input.endedOn === null) {
      const current = await currentOf(trx, unit.id);
      if (current && current.id !== before.id) {
        throw conflict('endedOn', `“${unit.name}”的现任第一书记是“${current.name}”，同一村（社区）只能有一位现任第一书记，请填写离任日期`);
      }
    }
    await checkNoOverlap(trx, unit.id, input.startedOn, input.endedOn, 'startedOn', [before.id]);
    const after = await updateRecord(trx, ctx, unit, before, {
      name: input.name,
      dispatching_unit: input.dispatchingUnit,
      started_on: input.startedOn,
      ended_on: input.endedOn,
      note: input.note,
      updated_at: isoNow(ctx),
    });
    return toFirstSecretary(after);
  });
}
