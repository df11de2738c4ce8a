import type { Selectable } from 'kysely';
import type { OrgUnitsTable } from '../../db/schema';
import type { UnitRow } from '../../../shared/api/units';
import type { UrbanRuralClass } from '../../../shared/domain/division';
import type { Db } from '../context';

export type OrgUnitRecord = Selectable<OrgUnitsTable>;

/** Database row → API row. */
export function toUnitRow(row: OrgUnitRecord, streetName: string | null): UnitRow {
  return {
    id: row.id,
    level: row.level,
    parentId: row.parent_id,
    streetName: row.level === 'unit' ? streetName : null,
    code: row.code,
    name: row.name,
    fullName: row.full_name,
    kind: row.kind,
    urbanRuralClass: row.urban_rural_class as UrbanRuralClass | null,
    status: row.status,
    retiredOn: row.retired_on,
    retireReason: row.retire_reason,
    source: row.source,
    note: row.note,
    updatedAt: row.updated_at,
  };
}

export async function findUnit(db: Db, id: number): Promise<OrgUnitRecord | undefined> {
  return db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loadUnitRow(db: Db, id: number): Promise<UnitRow> {
  const row = await db
    .selectFrom('org_units as u')
    .leftJoin('org_units as s', 's.id', 'u.parent_id')
    .selectAll('u')
    .select('s.name as street_name')
    .where('u.id', '=', id)
    .executeTakeFirstOrThrow();
  return toUnitRow(row, row.street_name);
}

/** The active record that holds `code`, if any (other than `exceptId`). */
export async function activeHolderOf(db: Db, code: string, exceptId?: number): Promise<OrgUnitRecord | undefined> {
  let q = db.selectFrom('org_units').selectAll().where('code', '=', code).where('status', '=', 'active');
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}
