import { sql } from 'kysely';
import type { Database } from '../../db/schema';
import type { DictionaryName } from '../../../shared/domain/dictionaries';
import type { Db } from '../context';

/**
 * Where records hold dictionary values: dictionary → the (table, column) pairs that store them,
 * as each module declares them (`dictionaryUsage` in its electron module.ts; all of them in
 * AppServices.modules). "In use" (not deletable, only retirable) means some row of one of these
 * columns holds the value, retired records included. Columns hold one value each (a list of
 * values belongs in a child table with one row per value).
 */
export type UsageColumn = {
  [T in keyof Database]: { table: T; column: keyof Database[T] & string; label: string };
}[keyof Database];

export type DictionaryUsage = { readonly [N in DictionaryName]?: readonly UsageColumn[] };

export const usageColumnsOf = (usage: DictionaryUsage, name: DictionaryName): readonly UsageColumn[] => usage[name] ?? [];

/** How many records hold each value of a dictionary (values nobody holds are absent). */
export async function usageCounts(db: Db, usage: DictionaryUsage, name: DictionaryName): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const use of usageColumnsOf(usage, name)) {
    const result = await sql<{ value: string; n: number }>`
      SELECT ${sql.ref(use.column)} AS value, count(*) AS n FROM ${sql.table(use.table)}
      WHERE ${sql.ref(use.column)} IS NOT NULL GROUP BY ${sql.ref(use.column)}`.execute(db);
    for (const row of result.rows) counts.set(String(row.value), (counts.get(String(row.value)) ?? 0) + Number(row.n));
  }
  return counts;
}

/** How many records hold one value. */
export async function usageCount(db: Db, usage: DictionaryUsage, name: DictionaryName, value: string): Promise<number> {
  let total = 0;
  for (const use of usageColumnsOf(usage, name)) {
    const result = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(use.table)} WHERE ${sql.ref(use.column)} = ${value}`.execute(db);
    total += Number(result.rows[0]?.n ?? 0);
  }
  return total;
}
