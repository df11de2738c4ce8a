import fs from 'node:fs';
import type { Settings, SystemInfo } from '../../../shared/api/settings';
import { writeAudit } from '../audit';
import { isoNow, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { readSetting, writeSetting } from './settings-store';

export async function getSettings(ctx: ServiceContext): Promise<Settings> {
  return { district: await readSetting(ctx.db, 'district'), departmentName: await readSetting(ctx.db, 'departmentName') };
}

export async function updateSettings(ctx: ServiceContext, input: { departmentName: string }): Promise<Settings> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await readSetting(trx, 'departmentName');
    if (before === null) throw new DomainError('NOT_READY', '尚未完成首次设置，请先选择本区');
    await writeSetting(trx, 'departmentName', input.departmentName, isoNow(ctx));
    await writeAudit(trx, ctx, { action: 'settings', entity: 'settings', entityId: 'departmentName', before, after: input.departmentName });
  });
  return getSettings(ctx);
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
