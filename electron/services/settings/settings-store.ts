import { DEFAULT_SECURITY, type Db, type SecuritySettings } from '../context';
import type { District } from '../../../shared/api/setup';

/** Typed keys of the settings table (values are stored as JSON). */
export interface SettingValues {
  district: District;
  departmentName: string;
  setupCompletedAt: string;
  security: Partial<SecuritySettings>;
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

/** The security thresholds, with defaults for any not yet set. */
export async function loadSecuritySettings(db: Db): Promise<SecuritySettings> {
  return { ...DEFAULT_SECURITY, ...((await readSetting(db, 'security')) ?? {}) };
}
