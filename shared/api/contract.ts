import { z } from 'zod';
import { zhCN } from 'zod/locales';
import type { MethodDef } from './define';
import { combineApis } from './module';
import { API_MODULES } from './modules';

// zod's own messages (for inputs our schemas do not word themselves) in Chinese, on both sides.
z.config(zhCN());

/**
 * The one contract between the renderer and the main process: every module's namespaces
 * (./modules.ts). IPC binding, HTTP host routes, the renderer client's types and
 * GET /api/methods are all derived from this object.
 */
export const contract = combineApis(API_MODULES);

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
