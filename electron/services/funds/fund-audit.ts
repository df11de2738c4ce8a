import type { Db } from '../context';
import type { AllocationRecord, DisbursementRecord, ProgrammeRecord } from './fund-rules';

/**
 * What the 操作日志 keeps of each funds record: plain objects, amounts in 分, keys labelled in
 * AUDIT_FIELD_LABELS (shared/api/audit-summary.ts). `name` is what the summary line names the
 * record by: the programme's name, or the recipient of an allocation or disbursement.
 */

export const programmeAudit = (r: ProgrammeRecord) => ({
  year: r.year,
  name: r.name,
  category: r.category,
  sourceLevel: r.source_level,
  budgetFen: r.budget_fen,
  documentNo: r.document_no,
  standardText: r.standard_text,
  standardFen: r.standard_fen,
  recipientKind: r.recipient_kind,
  dueOn: r.due_on,
  note: r.note,
});

/** Whose and which programme's allocation, as the log names it. */
export interface AllocationNames {
  programmeName: string;
  recipientName: string;
  /** the unit's code, or null for a person */
  code: string | null;
}

export const allocationAudit = (r: AllocationRecord, names: AllocationNames) => ({
  name: names.recipientName,
  programmeName: names.programmeName,
  programmeId: r.programme_id,
  ...(names.code !== null ? { code: names.code } : {}),
  amountFen: r.amount_fen,
  dueOn: r.due_on,
  note: r.note,
});

export const disbursementAudit = (r: DisbursementRecord, names: AllocationNames) => ({
  name: names.recipientName,
  programmeName: names.programmeName,
  allocationId: r.allocation_id,
  paidOn: r.paid_on,
  amountFen: r.amount_fen,
  disbursementStatus: r.status,
  voucherNo: r.voucher_no,
  handler: r.handler,
  approver: r.approver,
  note: r.note,
  reversesId: r.reverses_id,
  createdBy: r.created_by,
  approvedBy: r.approved_by,
  postedBy: r.posted_by,
});

/** The names an allocation's (or its disbursements') audit rows carry. */
export async function allocationNames(db: Db, allocation: AllocationRecord): Promise<AllocationNames> {
  const programme = await db.selectFrom('fund_programmes').select('name').where('id', '=', allocation.programme_id).executeTakeFirstOrThrow();
  const unit = allocation.unit_id === null ? undefined : await db.selectFrom('org_units').select(['name', 'code']).where('id', '=', allocation.unit_id).executeTakeFirst();
  return { programmeName: programme.name, recipientName: unit?.name ?? allocation.person_name ?? '', code: unit?.code ?? null };
}
