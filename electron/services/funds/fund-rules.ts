import type { Selectable } from 'kysely';
import type { FundAllocationsTable, FundDisbursementsTable, FundProgrammesTable } from '../../db/schema';
import { formatYuan } from '../../../shared/domain/money';
import type { Db, ServiceContext } from '../context';
import { DomainError, notFound } from '../errors';

/**
 * The 经费台账 checks shared by the funds services, each with the words the clerk reads. The
 * database holds the same rules (migration 006, triggers raising 'fund: …'); the services check
 * first to say which rule and by how much, and translate a trigger's refusal that still gets
 * through (a race, a rule the service missed) into Chinese, so nobody reads the English codes.
 */

export type ProgrammeRecord = Selectable<FundProgrammesTable>;
export type AllocationRecord = Selectable<FundAllocationsTable>;
export type DisbursementRecord = Selectable<FundDisbursementsTable>;

/** 1234567 → "12,345.67元", as every message shows an amount. */
export const yuan = (fen: number) => `${formatYuan(fen)}元`;

const pad = (n: number) => String(n).padStart(2, '0');
/** Today's calendar date where the app runs (the clerk's day), YYYY-MM-DD. */
export function localToday(ctx: Pick<ServiceContext, 'now'>): string {
  const d = ctx.now();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The trigger messages of migration 006 and what the clerk reads instead. */
const TRIGGER_MESSAGES: Record<string, string> = {
  'fund: allocations exceed budget': '分配合计超过项目预算，未保存',
  'fund: budget below allocations': '预算不能低于已分配的合计，未保存',
  'fund: disbursements exceed allocation': '拨付合计超过分配金额，未保存',
  'fund: allocation below disbursements': '分配金额不能低于已登记的拨付合计，未保存',
  'fund: allocation cannot move to another programme': '分配不能移到其他经费项目，未保存',
  'fund: reversal must point at a paid disbursement of the same allocation': '只能冲销同一分配下已拨付的原始记录，未保存',
  'fund: reversals exceed the original': '冲销合计不能超过原拨付金额，未保存',
  'fund: a disbursement starts pending': '新登记的拨付记录应为“待审核”，未保存',
  'fund: a paid disbursement cannot be changed': '已拨付的记录不能修改，如有错误请冲销后重新登记',
  'fund: a paid disbursement cannot be deleted': '已拨付的记录不能删除，如有错误请冲销后重新登记',
  'fund: status moves pending → approved → paid': '拨付记录只能按“待审核 → 已审核 → 已拨付”的顺序办理，未保存',
  'fund: an approved disbursement keeps its amount': '已审核的拨付记录不能修改金额和日期，未保存',
};

/**
 * A 'fund: …' refusal of the database as a Chinese DomainError; any other error unchanged (the
 * dispatcher words those: constraint, busy, internal).
 */
export function translateFundError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : '';
  if (!message.startsWith('fund: ')) return error;
  return new DomainError('VALIDATION', TRIGGER_MESSAGES[message] ?? '不符合经费台账的规则，未保存');
}

/** One transaction for a funds change; a ledger rule the database enforces is reported in Chinese. */
export async function fundTransaction<T>(ctx: Pick<ServiceContext, 'db'>, run: (trx: Db) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction().execute(run);
  } catch (error) {
    throw translateFundError(error);
  }
}

export async function requireProgramme(db: Db, id: number): Promise<ProgrammeRecord> {
  const row = await db.selectFrom('fund_programmes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('该经费项目');
  return row;
}

export async function requireAllocation(db: Db, id: number): Promise<AllocationRecord> {
  const row = await db.selectFrom('fund_allocations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('该分配');
  return row;
}

export async function requireDisbursement(db: Db, id: number): Promise<DisbursementRecord> {
  const row = await db.selectFrom('fund_disbursements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('该拨付记录');
  return row;
}

/** Σ allocations of a programme (optionally without one of them). */
export async function allocatedSum(db: Db, programmeId: number, exceptAllocationId?: number): Promise<number> {
  let q = db
    .selectFrom('fund_allocations')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('total'))
    .where('programme_id', '=', programmeId);
  if (exceptAllocationId !== undefined) q = q.where('id', '<>', exceptAllocationId);
  return Number((await q.executeTakeFirstOrThrow()).total);
}

/** Σ disbursements of an allocation, every status, reversals negative (what the database caps). */
export async function disbursedSum(db: Db, allocationId: number, exceptDisbursementId?: number): Promise<number> {
  let q = db
    .selectFrom('fund_disbursements')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('total'))
    .where('allocation_id', '=', allocationId);
  if (exceptDisbursementId !== undefined) q = q.where('id', '<>', exceptDisbursementId);
  return Number((await q.executeTakeFirstOrThrow()).total);
}

/**
 * Why allocations would pass the budget, with every amount, or null when they fit. For a new
 * allocation (or batch) `allocatedFen` is what is allocated already; for a changed one, what the
 * other recipients hold (`changing`).
 */
export function overBudgetMessage(budgetFen: number, allocatedFen: number, addingFen: number, options: { changing?: boolean } = {}): string | null {
  const over = allocatedFen + addingFen - budgetFen;
  if (over <= 0) return null;
  const amounts = options.changing
    ? `其他对象已分配 ${yuan(allocatedFen)}，本对象调整为 ${yuan(addingFen)}`
    : `已分配 ${yuan(allocatedFen)}，本次 ${yuan(addingFen)}`;
  return `超出预算：预算 ${yuan(budgetFen)}，${amounts}，超出 ${yuan(over)}`;
}

/** The message when an allocation's disbursements would pass it, or null when they fit. */
export function overAllocationMessage(allocationFen: number, othersFen: number, addingFen: number): string | null {
  const total = othersFen + addingFen;
  if (total <= allocationFen) return null;
  return `拨付后合计 ${yuan(total)} 超过分配金额 ${yuan(allocationFen)}：已登记 ${yuan(othersFen)}（含待审核、已审核），本次 ${yuan(addingFen)}，超出 ${yuan(total - allocationFen)}`;
}
