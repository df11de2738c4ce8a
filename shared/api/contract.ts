import { z } from 'zod';
import { zhCN } from 'zod/locales';
import type { ContractShape, MethodDef } from './define';
import { authApi } from './auth';
import { usersApi } from './users';
import { unitsApi } from './units';
import { printApi } from './print';
import { villagesApi } from './villages';
import { divisionsApi } from './divisions';
import { setupApi } from './setup';
import { settingsApi } from './settings';
import { dictionariesApi } from './dictionaries';
import { auditApi } from './audit';
import { filesApi } from './files';
import { backupsApi } from './backups';
import { importsApi } from './imports';
import { fundsApi } from './funds/records';
import { fundReportsApi } from './funds/reports';

// zod's own messages (for inputs our schemas do not word themselves) in Chinese, on both sides.
z.config(zhCN());

/**
 * The one contract between the renderer and the main process. IPC binding, HTTP host routes,
 * the renderer client's types and GET /api/methods are all derived from this object.
 */
export const contract = {
  auth: authApi,
  users: usersApi,
  setup: setupApi,
  settings: settingsApi,
  dictionaries: dictionariesApi,
  divisions: divisionsApi,
  units: unitsApi,
  print: printApi,
  villages: villagesApi,
  audit: auditApi,
  files: filesApi,
  backups: backupsApi,
  imports: importsApi,
  funds: { ...fundsApi, ...fundReportsApi },
} satisfies ContractShape;

export type Contract = typeof contract;
export type MethodName = {
  [N in keyof Contract]: `${N & string}.${keyof Contract[N] & string}`;
}[keyof Contract];

/** Every method as [name, definition], e.g. ['units.list', {...}]. */
export function listMethods(): Array<[MethodName, MethodDef]> {
  const out: Array<[MethodName, MethodDef]> = [];
  for (const [ns, methods] of Object.entries(contract)) {
    for (const [name, def] of Object.entries(methods as Record<string, MethodDef>)) out.push([`${ns}.${name}` as MethodName, def]);
  }
  return out;
}

export function findMethod(name: string): MethodDef | undefined {
  const [ns, method, ...rest] = name.split('.');
  if (!ns || !method || rest.length > 0) return undefined;
  if (!Object.hasOwn(contract, ns)) return undefined;
  const methods = contract[ns as keyof Contract] as Record<string, MethodDef>;
  return Object.hasOwn(methods, method) ? methods[method] : undefined;
}
