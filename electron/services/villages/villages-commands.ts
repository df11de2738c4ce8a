import type { z } from 'zod';
import {
  PROFILE_FIELDS,
  YEAR_FIELDS,
  profileIssues,
  type DeleteYearInput,
  type SaveProfileInput,
  type SaveYearInput,
  type VillageProfile,
  type VillageYear,
} from '../../../shared/api/villages';
import { writeAudit } from '../audit';
import { isoNow, type Db, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { loadIncomeBands } from '../settings/settings-store';
import { checkDictionaryValue, requireVillageUnit } from './village-rules';
import {
  profileAudit,
  profileColumns,
  profileValues,
  toVillageYear,
  yearAudit,
  yearColumns,
  yearValues,
  type Profile,
  type ProfileRecord,
  type YearRecord,
  type YearValues,
} from './village-records';
import { loadProfile } from './villages-query';

type Parsed<T extends z.ZodType> = z.output<T>;
type UnitRef = { id: number; name: string };

/**
 * Writes a checked change of one unit's profile (insert on first save, else only the changed
 * columns) with its audit row. The caller has checked the rules; the import uses it too.
 */
export async function writeProfile(trx: Db, ctx: ServiceContext, unit: UnitRef, existing: ProfileRecord | undefined, changes: Partial<Profile>): Promise<void> {
  const before = profileValues(existing);
  const after: Profile = { ...before, ...changes };
  const at = isoNow(ctx);
  if (existing) {
    await trx
      .updateTable('village_profiles')
      .set({ ...profileColumns(changes), updated_at: at })
      .where('unit_id', '=', unit.id)
      .execute();
  } else {
    await trx
      .insertInto('village_profiles')
      .values({ ...profileColumns(after), unit_id: unit.id, created_at: at, updated_at: at })
      .execute();
  }
  await writeAudit(trx, ctx, {
    action: existing ? 'update' : 'create',
    entity: 'village_profile',
    entityId: unit.id,
    before: existing ? profileAudit(unit, before) : undefined,
    after: profileAudit(unit, after),
  });
}

/** Writes one year's row of one unit (insert, or only the changed columns of exactly that row) with its audit row; returns its id. */
export async function writeYear(trx: Db, ctx: ServiceContext, unit: UnitRef, year: number, existing: YearRecord | undefined, changes: Partial<YearValues>): Promise<number> {
  const before = yearValues(existing);
  const after: YearValues = { ...before, ...changes };
  const at = isoNow(ctx);
  let id: number;
  if (existing) {
    id = existing.id;
    await trx
      .updateTable('village_years')
      .set({ ...yearColumns(changes), updated_at: at })
      .where('id', '=', existing.id)
      .execute();
  } else {
    const inserted = await trx
      .insertInto('village_years')
      .values({ ...yearColumns(after), unit_id: unit.id, year, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = inserted.id;
  }
  await writeAudit(trx, ctx, {
    action: existing ? 'update' : 'create',
    entity: 'village_year',
    entityId: id,
    before: existing ? yearAudit(unit, year, before) : undefined,
    after: yearAudit(unit, year, after),
  });
  return id;
}

/** The fields present in a partial input (a field left out keeps its value). */
function given<F extends string>(input: Record<string, unknown>, fields: readonly F[]): Partial<Record<F, unknown>> {
  const out: Partial<Record<F, unknown>> = {};
  for (const f of fields) if (input[f] !== undefined) out[f] = input[f];
  return out;
}

/**
 * 村情档案 基本情况: a partial update (fields left out keep their value, null clears one). The
 * rules between fields are checked on the values as they will be stored, one audit row.
 */
export async function saveProfile(ctx: ServiceContext, input: Parsed<typeof SaveProfileInput>): Promise<VillageProfile> {
  return ctx.db.transaction().execute(async (trx) => {
    const { unit } = await requireVillageUnit(trx, input.unitId);
    const existing = await trx.selectFrom('village_profiles').selectAll().where('unit_id', '=', unit.id).executeTakeFirst();
    const before = profileValues(existing);
    const changes = given(input, PROFILE_FIELDS) as Partial<Profile>;
    const after: Profile = { ...before, ...changes };

    const issues = profileIssues(after);
    if (issues.length > 0) {
      throw new DomainError('VALIDATION', issues[0]!.message, Object.fromEntries(issues.map((i) => [i.path, i.message])));
    }
    await checkDictionaryValue(trx, 'party_org_type', changes.partyOrgType, { field: 'partyOrgType', current: before.partyOrgType });
    await checkDictionaryValue(trx, 'education_level', changes.secretaryEducation, { field: 'secretaryEducation', current: before.secretaryEducation });

    await writeProfile(trx, ctx, unit, existing, changes);
    return loadProfile(trx, unit.id, false);
  });
}

/**
 * One year's figures for one unit: inserts that year's row or updates exactly that row (fields
 * left out keep their value). No other year's row is read for writing, let alone changed.
 */
export async function saveYear(ctx: ServiceContext, input: Parsed<typeof SaveYearInput>): Promise<VillageYear> {
  return ctx.db.transaction().execute(async (trx) => {
    const { unit } = await requireVillageUnit(trx, input.unitId);
    const existing = await trx.selectFrom('village_years').selectAll().where('unit_id', '=', unit.id).where('year', '=', input.year).executeTakeFirst();
    const before = yearValues(existing);
    const changes = given(input, YEAR_FIELDS) as Partial<YearValues>;
    await checkDictionaryValue(trx, 'star_rating', changes.starRating, { field: 'starRating', current: before.starRating });
    await checkDictionaryValue(trx, 'fortress_index', changes.fortressIndex, { field: 'fortressIndex', current: before.fortressIndex });

    const id = await writeYear(trx, ctx, unit, input.year, existing, changes);
    const row = await trx.selectFrom('village_years').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return toVillageYear(row, await loadIncomeBands(trx));
  });
}

export async function deleteYear(ctx: ServiceContext, input: Parsed<typeof DeleteYearInput>): Promise<{ done: true }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { unit } = await requireVillageUnit(trx, input.unitId);
    const existing = await trx.selectFrom('village_years').selectAll().where('unit_id', '=', unit.id).where('year', '=', input.year).executeTakeFirst();
    if (!existing) {
      const message = `“${unit.name}”没有${input.year}年度的数据`;
      throw new DomainError('NOT_FOUND', message, { year: message });
    }
    await trx.deleteFrom('village_years').where('id', '=', existing.id).execute();
    await writeAudit(trx, ctx, { action: 'delete', entity: 'village_year', entityId: existing.id, before: yearAudit(unit, input.year, yearValues(existing)) });
    return { done: true as const };
  });
}
