import { sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { DictionaryName } from '../../../shared/domain/dictionaries';
import type { Db } from '../context';

/**
 * Where records hold dictionary values: dictionary → the (table, column) pairs that store them.
 * "In use" (not deletable, only retirable) means some row of one of these columns holds the
 * value, retired records included. A module that stores a dictionary's value adds one line here,
 * e.g. `reserve_source: [{ table: 'reserve_people', column: 'source', label: '后备人才 · 来源' }]`.
 * Columns hold one value each (a list of values belongs in a child table with one row per value).
 */
export type UsageColumn = {
  [T in keyof Database]: { table: T; column: keyof Database[T] & string; label: string };
}[keyof Database];

export const DICTIONARY_USAGE: { readonly [N in DictionaryName]?: readonly UsageColumn[] } = {
  unit_kind: [{ table: 'org_units', column: 'kind', label: '组织架构 · 村（社区）的单位类别' }],
  star_rating: [{ table: 'village_years', column: 'star_rating', label: '村情村况 · 年度评星定级' }],
  fortress_index: [{ table: 'village_years', column: 'fortress_index', label: '村情村况 · 年度堡垒指数' }],
  party_org_type: [{ table: 'village_profiles', column: 'party_org_type', label: '村情村况 · 党组织类型' }],
  education_level: [{ table: 'village_profiles', column: 'secretary_education', label: '村情村况 · 党组织书记学历' }],
  fund_category: [{ table: 'fund_programmes', column: 'category', label: '经费台账 · 经费项目的资金类别' }],
  fund_source_level: [{ table: 'fund_programmes', column: 'source_level', label: '经费台账 · 经费项目的资金来源层级' }],
  fund_recipient_kind: [{ table: 'fund_programmes', column: 'recipient_kind', label: '经费台账 · 经费项目的拨付对象类别' }],
};

export const usageColumnsOf = (name: DictionaryName): readonly UsageColumn[] => DICTIONARY_USAGE[name] ?? [];

/** How many records hold each value of a dictionary (values nobody holds are absent). */
export async function usageCounts(db: Db, name: DictionaryName): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const use of usageColumnsOf(name)) {
    const result = await sql<{ value: string; n: number }>`
      SELECT ${sql.ref(use.column)} AS value, count(*) AS n FROM ${sql.table(use.table)}
      WHERE ${sql.ref(use.column)} IS NOT NULL GROUP BY ${sql.ref(use.column)}`.execute(db);
    for (const row of result.rows) counts.set(String(row.value), (counts.get(String(row.value)) ?? 0) + Number(row.n));
  }
  return counts;
}

/** How many records hold one value. */
export async function usageCount(db: Db, name: DictionaryName, value: string): Promise<number> {
  let total = 0;
  for (const use of usageColumnsOf(name)) {
    const result = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(use.table)} WHERE ${sql.ref(use.column)} = ${value}`.execute(db);
    total += Number(result.rows[0]?.n ?? 0);
  }
  return total;
}
