import type { z } from 'zod';
import { DEFAULT_SECURITY, type Db, type SecuritySettings } from '../context';
import type { District } from '../../../shared/api/setup';
import { IncomeBands, PipelineRules, SecurityRules } from '../../../shared/api/settings';
import { DEFAULT_INCOME_BANDS, type IncomeBands as IncomeBandsValue } from '../../../shared/domain/income-bands';
import { DEFAULT_RESERVE_RULES, type ReserveRules } from '../../../shared/domain/reserve-rules';

/** Typed keys of the settings table (values are stored as JSON). */
export interface SettingValues {
  district: District;
  departmentName: string;
  setupCompletedAt: string;
  /** 工作年度; absent means "the current year" */
  workingYear: number;
  incomeBands: IncomeBandsValue;
  pipeline: ReserveRules;
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

/**
 * A stored section merged over its defaults (a later version may add fields), or the defaults
 * when what is stored no longer passes the rules.
 */
async function readSection<T extends object>(db: Db, key: 'incomeBands' | 'pipeline' | 'security', schema: z.ZodType<T>, defaults: T): Promise<T> {
  const stored = await readSetting(db, key);
  const parsed = schema.safeParse({ ...defaults, ...(stored ?? {}) });
  return parsed.success ? parsed.data : defaults;
}

/** The security thresholds, with defaults for any not yet set. */
export async function loadSecuritySettings(db: Db): Promise<SecuritySettings> {
  return readSection(db, 'security', SecurityRules, DEFAULT_SECURITY);
}

export const loadIncomeBands = (db: Db): Promise<IncomeBandsValue> => readSection(db, 'incomeBands', IncomeBands, DEFAULT_INCOME_BANDS);
export const loadReserveRules = (db: Db): Promise<ReserveRules> => readSection(db, 'pipeline', PipelineRules, DEFAULT_RESERVE_RULES);

/** 工作年度: as set, else the current (local) year. */
export async function loadWorkingYear(db: Db, now: Date): Promise<number> {
  return (await readSetting(db, 'workingYear')) ?? now.getFullYear();
}
