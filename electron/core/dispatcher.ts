import { findMethod } from '../../shared/api/contract';
import type { MethodDef } from '../../shared/api/define';
import type { ApiError, ApiResult } from '../../shared/api/result';
import { zodErrorToApiError } from '../../shared/api/zod-errors';
import { mayCall, ROLE_LABELS } from '../../shared/domain/roles';
import { writeAudit } from '../services/audit';
import { actorOf, forCall, type AppServices, type Caller, type ServiceContext } from '../services/context';
import { DomainError } from '../services/errors';
import type { Session } from './sessions';
import { handlers } from './handlers';

type AnyHandler = (ctx: ServiceContext, input: unknown) => unknown;

export interface DispatchOptions {
  /** also check results against the contract's output schemas (tests and development) */
  checkOutputs?: boolean;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The one call path behind IPC and the HTTP host: find the method, check that the caller's
 * session may call it, parse the input as unknown with its zod schema, run the service, and turn
 * every outcome into an ApiResult.
 */
export async function dispatch(
  app: AppServices,
  methodName: string,
  rawInput: unknown,
  caller: Caller,
  options: DispatchOptions = {},
): Promise<ApiResult<unknown>> {
  const def = findMethod(methodName);
  if (!def) return fail({ code: 'UNKNOWN_METHOD', message: `没有这个功能接口：${String(methodName).slice(0, 60)}` });

  const now = app.now().getTime();
  const session = app.sessions.check(caller.token, now, app.security.idleLockMinutes * 60_000) ?? null;
  const refusal = await checkAccess(app, def, methodName, session, caller);
  if (refusal) return fail(refusal);
  // A password the administrator set is changed before any work (the screens ask first; this holds it).
  if (session?.mustChangePassword && !methodName.startsWith('auth.')) {
    return fail({ code: 'FORBIDDEN', message: '您的密码由管理员设置，请先修改密码' });
  }

  const parsed = def.input.safeParse(rawInput === null ? undefined : rawInput);
  if (!parsed.success) return fail(zodErrorToApiError(parsed.error));
  // Calls that work while locked (status, unlock, logout) or without a session (status, login)
  // are not the user's activity: a page asking for the login status keeps no session open.
  const passive = def.access.kind === 'public' || def.access.whileLocked === true;
  if (session && !session.locked && !passive) app.sessions.touch(session, now);

  const [ns, name] = methodName.split('.') as [keyof typeof handlers, string];
  const handler = (handlers[ns] as Record<string, AnyHandler>)[name]!;
  const ctx = forCall(app, { actor: actorOf(session), session, caller });
  const run = async (): Promise<ApiResult<unknown>> => {
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
  };
  return def.exclusive ? app.gate.exclusiveRun(run) : app.gate.shared(run);
}

/** Why this caller may not call this method, or null if it may. A logged-in user's refusal is logged. */
async function checkAccess(app: AppServices, def: MethodDef, methodName: string, session: Session | null, caller: Caller): Promise<ApiError | null> {
  if (mayCall(def.access, session?.role ?? null, session?.locked ?? false)) return null;
  if (!session) {
    if (caller.token) caller.setToken(null); // a stale token (restart, logout elsewhere)
    return { code: 'UNAUTHENTICATED', message: '请先登录' };
  }
  if (session.locked) return { code: 'LOCKED', message: '长时间未操作，程序已锁定，请输入密码解锁' };
  const message = `当前账户（${ROLE_LABELS[session.role]}）没有此项操作的权限：${def.summary}`;
  try {
    const ctx = forCall(app, { actor: actorOf(session), session, caller });
    await writeAudit(app.db, ctx, { action: 'forbidden', entity: 'api', entityId: methodName, after: { role: session.role } });
  } catch {
    // the refusal stands even if the log cannot be written
  }
  return { code: 'FORBIDDEN', message };
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
  // extended codes too: SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, SQLITE_LOCKED_SHAREDCACHE …
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    options.log?.(`busy in ${methodName}`, error);
    return { code: 'INTERNAL', message: '数据库正忙，请稍后再试；本次操作未保存' };
  }
  if (code === 'SQLITE_FULL') {
    options.log?.(`disk full in ${methodName}`, error);
    return { code: 'INTERNAL', message: '磁盘空间不足，本次操作未保存，数据保持原样。请清理磁盘后再试' };
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
    options.log?.(`disk error in ${methodName}`, error);
    return { code: 'INTERNAL', message: '读写数据文件时出错（磁盘可能已满、只读或已断开），本次操作未保存。请检查磁盘后再试' };
  }
  options.log?.(`unexpected error in ${methodName}`, error);
  return { code: 'INTERNAL', message: '程序内部错误，本次操作未保存。请重试，若仍失败请联系技术支持' };
}
