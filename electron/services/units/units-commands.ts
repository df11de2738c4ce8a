import type { Insertable } from 'kysely';
import type { z } from 'zod';
import type { OrgUnitsTable } from '../../db/schema';
import type { ChangeCodeInput, CreateInput, CreateUnitInput, RetireInput, UnitDetail, UnitRow, UpdateInput } from '../../../shared/api/units';
import { writeAudit } from '../audit';
import { isoNow, type Db, type ServiceContext } from '../context';
import { DomainError, invalid } from '../errors';
import { fullPinyinOf, initialsOf } from './pinyin';
import {
  checkKind,
  checkNameFree,
  checkStreetCode,
  checkUnitCode,
  countActiveChildren,
  countChildren,
  requireDistrictCode,
  requireStreetParent,
  requireUnit,
} from './unit-rules';
import { loadUnitRow, type OrgUnitRecord } from './unit-row';
import { unitDetail } from './units-query';

type Parsed<T extends z.ZodType> = z.output<T>;

const searchColumns = (name: string) => ({ name_initials: initialsOf(name), name_pinyin: fullPinyinOf(name) });

export async function createUnit(ctx: ServiceContext, input: Parsed<typeof CreateInput>): Promise<UnitRow> {
  return ctx.db.transaction().execute(async (trx) => {
    await requireDistrictCode(trx);
    if (input.level === 'street') {
      await checkStreetCode(trx, input.code);
      await checkNameFree(trx, input.name, null);
      const values = { level: 'street' as const, parent_id: null, code: input.code, name: input.name, full_name: input.name, kind: input.kind, urban_rural_class: null };
      return insertUnitRow(trx, ctx, values, input.note);
    }
    const street = await requireStreetParent(trx, input.parentId);
    return insertVillageUnit(trx, ctx, street, input);
  });
}

/**
 * A new village/community under a street, inside the caller's transaction: the same checks as
 * a form (code under the street's code and free, name free in the street, kind in use), one
 * audit row. 组织架构 and the import both create units through here.
 */
export async function insertVillageUnit(
  trx: Db,
  ctx: ServiceContext,
  street: OrgUnitRecord,
  input: { code: string; name: string; fullName?: string | null; kind: string; urbanRuralClass?: Parsed<typeof CreateUnitInput>['urbanRuralClass']; note?: string | null },
): Promise<UnitRow> {
  await checkUnitCode(trx, input.code, street);
  await checkNameFree(trx, input.name, street.id);
  await checkKind(trx, 'unit', input.kind);
  const values = {
    level: 'unit' as const,
    parent_id: street.id,
    code: input.code,
    name: input.name,
    full_name: input.fullName ?? input.name,
    kind: input.kind,
    urban_rural_class: input.urbanRuralClass ?? null,
  };
  return insertUnitRow(trx, ctx, values, input.note ?? null);
}

async function insertUnitRow(trx: Db, ctx: ServiceContext, values: Omit<Insertable<OrgUnitsTable>, 'source' | 'status' | 'created_at' | 'updated_at' | 'name_initials' | 'name_pinyin' | 'note'>, note: string | null): Promise<UnitRow> {
  const at = isoNow(ctx);
  const inserted = await trx
    .insertInto('org_units')
    .values({ ...values, ...searchColumns(values.name), note, source: 'manual', status: 'active', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await loadUnitRow(trx, inserted.id);
  await writeAudit(trx, ctx, { action: 'create', entity: 'org_unit', entityId: row.id, after: row });
  return row;
}

export async function updateUnit(ctx: ServiceContext, input: Parsed<typeof UpdateInput>): Promise<UnitRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await requireUnit(trx, input.id);
    const before = await loadUnitRow(trx, input.id);
    // a kind retired since the unit got it stays valid for that unit; only a change is checked
    if (input.kind !== current.kind) await checkKind(trx, current.level, input.kind);
    if (input.name !== current.name && current.status === 'active') await checkNameFree(trx, input.name, current.parent_id, current.id);
    const isStreet = current.level === 'street';
    await trx
      .updateTable('org_units')
      .set({
        name: input.name,
        full_name: isStreet ? input.name : input.fullName === undefined ? current.full_name : (input.fullName ?? input.name),
        kind: input.kind,
        urban_rural_class: isStreet ? null : input.urbanRuralClass === undefined ? current.urban_rural_class : input.urbanRuralClass,
        note: input.note === undefined ? current.note : input.note,
        ...searchColumns(input.name),
        updated_at: isoNow(ctx),
      })
      .where('id', '=', input.id)
      .execute();
    const after = await loadUnitRow(trx, input.id);
    await writeAudit(trx, ctx, { action: 'update', entity: 'org_unit', entityId: input.id, before, after });
    return after;
  });
}

/** 村改居 / re-coding / moving a unit to another street; the old code stays in the history. */
export async function changeUnitCode(ctx: ServiceContext, input: Parsed<typeof ChangeCodeInput>): Promise<UnitDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const current = await requireUnit(trx, input.id);
    if (current.status !== 'active') throw new DomainError('VALIDATION', `“${current.name}”已撤销，不能变更代码，请先恢复`);
    const before = await loadUnitRow(trx, input.id);
    let parentId = current.parent_id;
    if (current.level === 'street') {
      if (input.parentId !== undefined) throw invalid('parentId', '街道（镇）不属于其他单位，不能指定所属街道');
      const children = await countChildren(trx, current.id);
      if (children > 0) {
        throw invalid('newCode', `“${current.name}”下有 ${children} 个村（社区）（含已撤销的），它们的代码都以街道代码开头，不能变更街道（镇）代码`);
      }
      if (input.newCode === current.code) throw invalid('newCode', '新代码与现代码相同');
      await checkStreetCode(trx, input.newCode, { exceptId: current.id, field: 'newCode' });
    } else {
      const street = await requireStreetParent(trx, input.parentId ?? current.parent_id!);
      parentId = street.id;
      if (input.newCode === current.code && street.id === current.parent_id) throw invalid('newCode', '新代码与现代码相同');
      await checkUnitCode(trx, input.newCode, street, { exceptId: current.id, field: 'newCode' });
    }
    const name = input.name ?? current.name;
    if (name !== current.name || parentId !== current.parent_id) await checkNameFree(trx, name, parentId, current.id);
    const kind = input.kind ?? current.kind;
    if (input.kind !== undefined && input.kind !== current.kind) await checkKind(trx, current.level, input.kind);
    const at = isoNow(ctx);
    if (input.newCode !== current.code || parentId !== current.parent_id) {
      await trx
        .insertInto('unit_code_history')
        .values({
          unit_id: current.id,
          old_code: current.code,
          new_code: input.newCode,
          old_parent_id: current.parent_id,
          new_parent_id: parentId,
          effective_on: input.effectiveOn,
          reason: input.reason,
          recorded_at: at,
        })
        .execute();
    }
    await trx
      .updateTable('org_units')
      .set({
        code: input.newCode,
        parent_id: parentId,
        name,
        // a new name (村改居: 某某村 → 某某社区) replaces the national full name, which no longer applies
        full_name: input.name !== undefined ? name : current.full_name,
        kind,
        ...searchColumns(name),
        updated_at: at,
      })
      .where('id', '=', current.id)
      .execute();
    const after = await loadUnitRow(trx, current.id);
    await writeAudit(trx, ctx, {
      action: 'change_code',
      entity: 'org_unit',
      entityId: current.id,
      before,
      after: { ...after, effectiveOn: input.effectiveOn, reason: input.reason },
    });
  });
  return unitDetail(ctx, { id: input.id });
}

export async function retireUnit(ctx: ServiceContext, input: Parsed<typeof RetireInput>): Promise<UnitRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await requireUnit(trx, input.id);
    if (current.status === 'retired') throw new DomainError('VALIDATION', `“${current.name}”已经撤销`);
    if (current.level === 'street') {
      const children = await countActiveChildren(trx, current.id);
      if (children > 0) {
        throw new DomainError('VALIDATION', `“${current.name}”下还有 ${children} 个在册村（社区），请先撤销或调整它们，再撤销街道（镇）`);
      }
    }
    const before = await loadUnitRow(trx, input.id);
    await trx
      .updateTable('org_units')
      .set({ status: 'retired', retired_on: input.retiredOn, retire_reason: input.reason, updated_at: isoNow(ctx) })
      .where('id', '=', input.id)
      .execute();
    const after = await loadUnitRow(trx, input.id);
    await writeAudit(trx, ctx, { action: 'retire', entity: 'org_unit', entityId: input.id, before, after });
    return after;
  });
}

export async function restoreUnit(ctx: ServiceContext, input: { id: number }): Promise<UnitRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await requireUnit(trx, input.id);
    if (current.status === 'active') throw new DomainError('VALIDATION', `“${current.name}”在册，无需恢复`);
    if (current.level === 'unit') {
      const street = await requireStreetParent(trx, current.parent_id!);
      await checkUnitCode(trx, current.code, street, { exceptId: current.id });
    } else {
      await checkStreetCode(trx, current.code, { exceptId: current.id });
    }
    await checkNameFree(trx, current.name, current.parent_id, current.id);
    const before = await loadUnitRow(trx, input.id);
    await trx
      .updateTable('org_units')
      .set({ status: 'active', retired_on: null, retire_reason: null, updated_at: isoNow(ctx) })
      .where('id', '=', input.id)
      .execute();
    const after = await loadUnitRow(trx, input.id);
    await writeAudit(trx, ctx, { action: 'restore', entity: 'org_unit', entityId: input.id, before, after });
    return after;
  });
}
