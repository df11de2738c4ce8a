import { findMethod } from '../../shared/api/contract';
import type { ApiError, ApiResult } from '../../shared/api/result';
import { zodErrorToApiError } from '../../shared/api/zod-errors';
import type { ServiceContext } from '../services/context';
import { DomainError } from '../services/errors';
import { handlers } from './handlers';

type AnyHandler = (ctx: ServiceContext, input: unknown) => unknown;

export interface DispatchOptions {
  /** also check results against the contract's output schemas (tests and development) */
  checkOutputs?: boolean;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The one call path behind IPC and the HTTP host: find the method, parse the input as
 * unknown with its zod schema, run the service, and turn every outcome into an ApiResult.
 */
export async function dispatch(ctx: ServiceContext, methodName: string, rawInput: unknown, options: DispatchOptions = {}): Promise<ApiResult<unknown>> {
  const def = findMethod(methodName);
  if (!def) return fail({ code: 'UNKNOWN_METHOD', message: `没有这个功能接口：${String(methodName).slice(0, 60)}` });
  const parsed = def.input.safeParse(rawInput === null ? undefined : rawInput);
  if (!parsed.success) return fail(zodErrorToApiError(parsed.error));
  const [ns, name] = methodName.split('.') as [keyof typeof handlers, string];
  const handler = (handlers[ns] as Record<string, AnyHandler>)[name]!;
  try {
    const value = await handler(ctx, parsed.data);
    if (options.checkOutputs) {
      const checked = def.output.safeParse(value);
      if (!checked.success) {
        options.log?.(`output of ${methodName} does not match the contract`, checked.error);
        return fail({ code: 'INTERNAL', message: '程序内部错误：返回数据不符合约定，请联系技术支持' });
      }
    }
    return { ok: true, value };
  } catch (error) {
    return fail(toApiError(error, methodName, options));
  }
}

function fail(error: ApiError): ApiResult<never> {
  return { ok: false, error };
}

/** Known refusals keep their words; database constraint hits get a safe generic message. */
export function toApiError(error: unknown, methodName: string, options: DispatchOptions): ApiError {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    options.log?.(`constraint in ${methodName}`, error);
    return { code: 'VALIDATION', message: '数据不符合规则（与已有记录冲突或不完整），未保存，数据库保持原样' };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { code: 'INTERNAL', message: '数据库正忙，请稍后再试；本次操作未保存' };
  }
  if (code === 'SQLITE_FULL') {
    return { code: 'INTERNAL', message: '磁盘空间不足，本次操作未保存，请清理磁盘后再试' };
  }
  options.log?.(`unexpected error in ${methodName}`, error);
  return { code: 'INTERNAL', message: '程序内部错误，本次操作未保存。请重试，若仍失败请联系技术支持' };
}
