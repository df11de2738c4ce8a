import type { Db } from '../context';
import type { District } from '../../../shared/api/setup';

/** Typed keys of the settings table (values are stored as JSON). */
export interface SettingValues {
  district: District;
  departmentName: string;
  setupCompletedAt: string;
}

export async function readSetting<K extends keyof SettingValues>(db: Db, key: K): Promise<SettingValues[K] | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as SettingValues[K]) : null;
}

export async function writeSetting<K extends keyof SettingValues>(db: Db, key: K, value: SettingValues[K], at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
    .execute();
}
