import type { z } from 'zod';
import { DISBURSEMENT_STATUS_LABELS, type Disbursement, type DisburseInput, type ReverseInput, type UpdateDisbursementInput } from '../../../shared/api/funds/records';
import { PAID_CANNOT_CHANGE, PAID_CANNOT_DELETE } from '../../../shared/api/funds/ledger-layout';
import { writeAudit } from '../audit';
import { isoNow, type Db, type ServiceContext } from '../context';
import { invalid } from '../errors';
import { allocationNames, disbursementAudit } from './fund-audit';
import { loadDisbursement } from './fund-query';
import { disbursedSum, fundTransaction, overAllocationMessage, requireAllocation, requireDisbursement, yuan, type DisbursementRecord } from './fund-rules';

type Parsed<T extends z.ZodType> = z.output<T>;

/**
 * 拨付: a row is registered 待审核, approved (已审核), then posted (已拨付). Σ rows of an
 * allocation (every status, reversals negative) stays within the allocation. Only a 待审核 row
 * can be edited; a row not yet paid can be deleted; a paid row is final — a mistake is corrected
 * by a reversal (冲销: a negative paid row pointing at it, never more than what is left of it)
 * and a new row. Each change writes its audit row ('fund_disbursement') in the same transaction.
 */


/** The audit row of one change of a disbursement. */
async function writeRowAudit(trx: Db, ctx: ServiceContext, action: 'create' | 'update' | 'delete', before: DisbursementRecord | null, after: DisbursementRecord | null) {
  const row = (after ?? before)!;
  const names = await allocationNames(trx, await requireAllocation(trx, row.allocation_id));
  await writeAudit(trx, ctx, {
    action,
    entity: 'fund_disbursement',
    entityId: row.id,
    before: before ? disbursementAudit(before, names) : undefined,
    after: after ? disbursementAudit(after, names) : undefined,
  });
}

async function checkWithinAllocation(db: Db, allocationId: number, amountFen: number, exceptId?: number): Promise<void> {
  const allocation = await requireAllocation(db, allocationId);
  const message = overAllocationMessage(allocation.amount_fen, await disbursedSum(db, allocationId, exceptId), amountFen);
  if (message) throw invalid('amountFen', message);
}

/** A new 待审核 row with its audit row, inside the caller's transaction (登记拨付 and the import). */
export async function insertDisbursement(trx: Db, ctx: ServiceContext, input: Parsed<typeof DisburseInput>): Promise<DisbursementRecord> {
  const row = await trx
    .insertInto('fund_disbursements')
    .values({
      allocation_id: input.allocationId,
      paid_on: input.paidOn,
      amount_fen: input.amountFen,
      voucher_no: input.voucherNo,
      handler: input.handler,
      approver: input.approver,
      note: input.note,
      status: 'pending',
      created_at: isoNow(ctx),
      created_by: ctx.actor.name,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeRowAudit(trx, ctx, 'create', null, row);
  return row;
}

export async function disburse(ctx: ServiceContext, input: Parsed<typeof DisburseInput>): Promise<Disbursement> {
  return fundTransaction(ctx, async (trx) => {
    await checkWithinAllocation(trx, input.allocationId, input.amountFen);
    const row = await insertDisbursement(trx, ctx, input);
    return loadDisbursement(trx, row.id);
  });
}

export async function updateDisbursement(ctx: ServiceContext, input: Parsed<typeof UpdateDisbursementInput>): Promise<Disbursement> {
  return fundTransaction(ctx, async (trx) => {
    const current = await requireDisbursement(trx, input.id);
    if (current.status === 'paid') throw invalid('id', PAID_CANNOT_CHANGE);
    if (current.status === 'approved') throw invalid('id', '该拨付记录已审核，不能修改；如有错误请删除后重新登记');
    await checkWithinAllocation(trx, current.allocation_id, input.amountFen, current.id);
    const row = await trx
      .updateTable('fund_disbursements')
      .set({ paid_on: input.paidOn, amount_fen: input.amountFen, voucher_no: input.voucherNo, handler: input.handler, approver: input.approver, note: input.note })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeRowAudit(trx, ctx, 'update', current, row);
    return loadDisbursement(trx, row.id);
  });
}

/** 待审核 → 已审核, inside the caller's transaction. */
async function approveRow(trx: Db, ctx: ServiceContext, id: number, inBatch = false): Promise<void> {
  const current = await requireDisbursement(trx, id);
  if (current.status === 'approved') throw invalid('id', `${await rowName(trx, current, inBatch)}已审核，不需要再审核`);
  if (current.status === 'paid') throw invalid('id', `${await rowName(trx, current, inBatch)}已拨付，不需要审核`);
  const row = await trx
    .updateTable('fund_disbursements')
    .set({ status: 'approved', approved_at: isoNow(ctx), approved_by: ctx.actor.name })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeRowAudit(trx, ctx, 'update', current, row);
}

/** 已审核 → 已拨付 (final), inside the caller's transaction. */
async function postRow(trx: Db, ctx: ServiceContext, id: number, paidOn: string | null, inBatch = false): Promise<void> {
  const current = await requireDisbursement(trx, id);
  if (current.status === 'pending') throw invalid('id', `${await rowName(trx, current, inBatch)}尚未审核，请先审核再确认拨付`);
  if (current.status === 'paid') throw invalid('id', `${await rowName(trx, current, inBatch)}已确认拨付，不需要再确认`);
  const row = await trx
    .updateTable('fund_disbursements')
    .set({ status: 'paid', paid_on: paidOn ?? current.paid_on, posted_at: isoNow(ctx), posted_by: ctx.actor.name })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeRowAudit(trx, ctx, 'update', current, row);
}

/** '该拨付记录' for one row; in a batch the message must say which row ('大观园街道 2026-07-03 60,000.00元的拨付记录'). */
async function rowName(trx: Db, row: DisbursementRecord, inBatch: boolean): Promise<string> {
  if (!inBatch) return '该拨付记录';
  const names = await allocationNames(trx, await requireAllocation(trx, row.allocation_id));
  return `${names.recipientName} ${row.paid_on} ${yuan(row.amount_fen)}的拨付记录`;
}

export async function approve(ctx: ServiceContext, input: { id: number }): Promise<Disbursement> {
  return fundTransaction(ctx, async (trx) => {
    await approveRow(trx, ctx, input.id);
    return loadDisbursement(trx, input.id);
  });
}

export async function post(ctx: ServiceContext, input: { id: number; paidOn: string | null }): Promise<Disbursement> {
  return fundTransaction(ctx, async (trx) => {
    await postRow(trx, ctx, input.id, input.paidOn);
    return loadDisbursement(trx, input.id);
  });
}

/** Several rows in one transaction: all are approved, or none (the message names the row that stopped it). */
export async function approveMany(ctx: ServiceContext, input: { ids: number[] }): Promise<{ done: number }> {
  const ids = [...new Set(input.ids)];
  return fundTransaction(ctx, async (trx) => {
    for (const id of ids) await approveRow(trx, ctx, id, true);
    return { done: ids.length };
  });
}

export async function postMany(ctx: ServiceContext, input: { ids: number[]; paidOn: string | null }): Promise<{ done: number }> {
  const ids = [...new Set(input.ids)];
  return fundTransaction(ctx, async (trx) => {
    for (const id of ids) await postRow(trx, ctx, id, input.paidOn, true);
    return { done: ids.length };
  });
}

export async function deleteDisbursement(ctx: ServiceContext, input: { id: number }): Promise<{ done: true }> {
  return fundTransaction(ctx, async (trx) => {
    const current = await requireDisbursement(trx, input.id);
    if (current.status === 'paid') throw invalid('id', PAID_CANNOT_DELETE);
    await trx.deleteFrom('fund_disbursements').where('id', '=', current.id).execute();
    await writeRowAudit(trx, ctx, 'delete', current, null);
    return { done: true as const };
  });
}

export async function reverse(ctx: ServiceContext, input: Parsed<typeof ReverseInput>): Promise<Disbursement> {
  return fundTransaction(ctx, async (trx) => {
    const original = await requireDisbursement(trx, input.id);
    if (original.reverses_id !== null) throw invalid('id', '这是一条冲销记录，不能再冲销');
    if (original.status !== 'paid') {
      throw invalid('id', `该拨付记录${DISBURSEMENT_STATUS_LABELS[original.status]}、尚未拨付，不能冲销；未拨付的记录可以直接修改或删除`);
    }
    const { reversed } = await trx
      .selectFrom('fund_disbursements')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('reversed'))
      .where('reverses_id', '=', original.id)
      .executeTakeFirstOrThrow();
    const reversedFen = -Number(reversed);
    const remaining = original.amount_fen - reversedFen;
    if (remaining <= 0) throw invalid('id', `该拨付记录（${yuan(original.amount_fen)}）已全部冲销，不能再冲销`);
    const amount = input.amountFen ?? remaining;
    if (amount > remaining) {
      throw invalid('amountFen', `冲销金额 ${yuan(amount)} 超过可冲销的余额 ${yuan(remaining)}（原拨付 ${yuan(original.amount_fen)}，已冲销 ${yuan(reversedFen)}）`);
    }
    if (input.paidOn < original.paid_on) throw invalid('paidOn', `冲销日期不能早于原拨付日期 ${original.paid_on}`);
    const at = isoNow(ctx);
    const row = await trx
      .insertInto('fund_disbursements')
      .values({
        allocation_id: original.allocation_id,
        paid_on: input.paidOn,
        amount_fen: -amount,
        voucher_no: input.voucherNo,
        note: input.reason,
        status: 'paid',
        reverses_id: original.id,
        created_at: at,
        created_by: ctx.actor.name,
        posted_at: at,
        posted_by: ctx.actor.name,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeRowAudit(trx, ctx, 'create', null, row);
    return loadDisbursement(trx, row.id);
  });
}
