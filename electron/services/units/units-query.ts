import { sql } from 'kysely';
import type { CodeChange, StreetNode, UnitDetail, UnitRow } from '../../../shared/api/units';
import { cleanText } from '../../../shared/domain/text';
import type { ServiceContext } from '../context';
import { countActiveChildren, requireUnit } from './unit-rules';
import { toUnitRow } from './unit-row';

/** All streets in code order, each with its units in code order. */
export async function unitTree(ctx: ServiceContext, input: { includeRetired: boolean }): Promise<StreetNode[]> {
  let q = ctx.db.selectFrom('org_units').selectAll().orderBy('level', 'asc').orderBy('code', 'asc').orderBy('id', 'asc');
  if (!input.includeRetired) q = q.where('status', '=', 'active');
  const rows = await q.execute();
  const streets = new Map<number, StreetNode>();
  for (const row of rows) if (row.level === 'street') streets.set(row.id, { ...toUnitRow(row, null), units: [] });
  for (const row of rows) {
    if (row.level !== 'unit' || row.parent_id === null) continue;
    const street = streets.get(row.parent_id);
    street?.units.push(toUnitRow(row, street.name));
  }
  return [...streets.values()];
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Finds streets and units by name (any part), by code (prefix, including a unit's former
 * codes), or by pinyin: initials ("qxjd" → 七贤街道) or full pinyin ("qixian").
 */
export async function searchUnits(ctx: ServiceContext, input: { query: string; includeRetired: boolean; limit: number }): Promise<UnitRow[]> {
  const q = cleanText(input.query).toLowerCase();
  if (q === '') return [];
  const like = `%${escapeLike(q)}%`;
  let query = ctx.db
    .selectFrom('org_units as u')
    .leftJoin('org_units as s', 's.id', 'u.parent_id')
    .selectAll('u')
    .select('s.name as street_name');
  if (/^\d+$/.test(q)) {
    const prefix = `${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('u.code', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        eb.exists(
          eb
            .selectFrom('unit_code_history as h')
            .select('h.id')
            .whereRef('h.unit_id', '=', 'u.id')
            .where('h.old_code', 'like', sql<string>`${prefix} ESCAPE '\\'`),
        ),
      ]),
    );
  } else if (/^[a-z]+$/.test(q)) {
    query = query.where((eb) =>
      eb.or([
        eb('u.name_initials', 'like', sql<string>`${like} ESCAPE '\\'`),
        eb('u.name_pinyin', 'like', sql<string>`${`${escapeLike(q)}%`} ESCAPE '\\'`),
      ]),
    );
  } else {
    query = query.where((eb) =>
      eb.or([eb('u.name', 'like', sql<string>`${like} ESCAPE '\\'`), eb('u.full_name', 'like', sql<string>`${like} ESCAPE '\\'`)]),
    );
  }
  if (!input.includeRetired) query = query.where('u.status', '=', 'active');
  const rows = await query
    .orderBy(sql`u.name = ${q} OR u.name_initials = ${q}`, 'desc')
    .orderBy('u.level', 'asc')
    .orderBy('u.code', 'asc')
    .limit(input.limit)
    .execute();
  return rows.map((row) => toUnitRow(row, row.street_name));
}

export async function unitDetail(ctx: ServiceContext, input: { id: number }): Promise<UnitDetail> {
  const row = await requireUnit(ctx.db, input.id);
  const street = row.parent_id === null ? undefined : await requireUnit(ctx.db, row.parent_id);
  const history = await ctx.db
    .selectFrom('unit_code_history as h')
    .leftJoin('org_units as o', 'o.id', 'h.old_parent_id')
    .leftJoin('org_units as n', 'n.id', 'h.new_parent_id')
    .selectAll('h')
    .select(['o.name as old_street', 'n.name as new_street'])
    .where('h.unit_id', '=', input.id)
    .orderBy('h.effective_on', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
  const codeHistory: CodeChange[] = history.map((h) => ({
    id: h.id,
    oldCode: h.old_code,
    newCode: h.new_code,
    oldStreetName: h.old_street,
    newStreetName: h.new_street,
    effectiveOn: h.effective_on,
    reason: h.reason,
    recordedAt: h.recorded_at,
  }));
  const activeUnitCount = row.level === 'street' ? await countActiveChildren(ctx.db, row.id) : 0;
  return { ...toUnitRow(row, street?.name ?? null), codeHistory, activeUnitCount };
}
