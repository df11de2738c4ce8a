import fs from 'node:fs';
import type { z } from 'zod';
import type { Settings, SettingSection, SystemInfo, UpdateSettingsInput } from '../../../shared/api/settings';
import { writeAudit } from '../audit';
import { isoNow, type AppServices, type Db, type SecuritySettings, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { requireActiveValue } from '../dictionaries/dictionaries-service';
import { loadIncomeBands, loadReserveRules, loadSecuritySettings, loadWorkingYear, readSetting, writeSetting } from './settings-store';

/**
 * 设置: department name, working year, and the local thresholds and rules. Everyone reads them;
 * administrators change them (the contract says so, the dispatcher enforces it). The input is
 * checked by its schema (Chinese messages) before it gets here; what needs the database (e.g.
 * the education floors being 学历 dictionary items) is checked here, before anything is written.
 */

type Parsed<T extends z.ZodType> = z.output<T>;
type Update = Parsed<typeof UpdateSettingsInput>;

async function readAll(db: Db, now: Date): Promise<Settings> {
  return {
    district: await readSetting(db, 'district'),
    departmentName: await readSetting(db, 'departmentName'),
    workingYear: await loadWorkingYear(db, now),
    incomeBands: await loadIncomeBands(db),
    pipeline: await loadReserveRules(db),
    security: await loadSecuritySettings(db),
  };
}

export async function getSettings(ctx: ServiceContext): Promise<Settings> {
  return readAll(ctx.db, ctx.now());
}

/** Same content, key order aside. */
function same(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
      : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * Saves the sections given (each whole), one audit row for the call listing what changed
 * before → after. Sections equal to what is stored are left alone; a call that changes nothing
 * writes nothing.
 */
export async function updateSettings(ctx: ServiceContext, input: Update): Promise<Settings> {
  let security: SecuritySettings | null = null;
  await ctx.db.transaction().execute(async (trx) => {
    const current = await readAll(trx, ctx.now());
    if (input.departmentName !== undefined && current.departmentName === null) {
      throw new DomainError('NOT_READY', '尚未完成首次设置，请先选择本区');
    }
    if (input.pipeline) {
      await requireActiveValue(trx, 'education_level', input.pipeline.youngEducationFloor, {
        field: 'pipeline.youngEducationFloor',
        current: current.pipeline.youngEducationFloor,
      });
      await requireActiveValue(trx, 'education_level', input.pipeline.otherEducationFloor, {
        field: 'pipeline.otherEducationFloor',
        current: current.pipeline.otherEducationFloor,
      });
    }
    const before: Partial<Record<SettingSection, unknown>> = {};
    const after: Partial<Record<SettingSection, unknown>> = {};
    const at = isoNow(ctx);
    const save = async <K extends SettingSection>(key: K, value: Settings[K] | undefined) => {
      if (value === undefined || value === null || same(value, current[key])) return;
      before[key] = current[key];
      after[key] = value;
      await writeSetting(trx, key, value as never, at);
    };
    await save('departmentName', input.departmentName);
    await save('workingYear', input.workingYear);
    await save('incomeBands', input.incomeBands);
    await save('pipeline', input.pipeline);
    await save('security', input.security);
    const changed = Object.keys(after);
    if (changed.length === 0) return;
    await writeAudit(trx, ctx, { action: 'settings', entity: 'settings', entityId: changed.join(','), before, after });
    if (input.security && 'security' in after) security = input.security;
  });
  if (security) shareSecurity(ctx, security);
  return getSettings(ctx);
}

/**
 * Calls run on a per-call view whose prototype is the app's shared services (forCall), so the
 * new thresholds go where `security` lives: the session checks and logins of every later call
 * read them from there.
 */
function shareSecurity(ctx: ServiceContext, security: SecuritySettings): void {
  let owner: object | null = ctx;
  while (owner && !Object.hasOwn(owner, 'security')) owner = Object.getPrototypeOf(owner) as object | null;
  ((owner ?? ctx) as AppServices).security = { ...security };
}

const fileSize = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

export async function systemInfo(ctx: ServiceContext): Promise<SystemInfo> {
  return {
    appVersion: ctx.appVersion,
    schemaVersion: ctx.schemaVersion,
    dataDir: ctx.dataDir,
    databaseFile: ctx.databaseFile,
    databaseBytes: fileSize(ctx.databaseFile) + fileSize(`${ctx.databaseFile}-wal`),
    divisionEdition: ctx.catalog.source,
    runtime: ctx.runtime,
  };
}
