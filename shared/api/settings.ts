import { z } from 'zod';
import { mutation, query } from './define';
import { ADMINS, EVERYONE } from '../domain/roles';
import { requiredText } from './fields';
import { District } from './setup';

export const Settings = z.object({
  district: District.nullable(),
  departmentName: z.string().nullable(),
});
export type Settings = z.infer<typeof Settings>;

export const SystemInfo = z.object({
  appVersion: z.string(),
  schemaVersion: z.number(),
  dataDir: z.string(),
  databaseFile: z.string(),
  databaseBytes: z.number(),
  divisionEdition: z.string(),
  /** 'electron' in the desktop app, 'host' in the browser host used for tests and development */
  runtime: z.enum(['electron', 'host']),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const settingsApi = {
  get: query('本区与部门名称等设置', EVERYONE, z.object({}).default({}), Settings),
  update: mutation('修改部门名称（用于打印抬头）', ADMINS, z.object({ departmentName: requiredText('部门名称', 50) }), Settings),
  systemInfo: query('版本、数据位置与数据库大小', EVERYONE, z.object({}).default({}), SystemInfo),
};
