import { z } from 'zod';
import { mutation, query } from '../define';
import { id, isoDate, optionalText, requiredText } from '../fields';
import { EDITORS, EVERYONE } from '../../domain/roles';
import { MAX_MONEY_FEN } from '../../domain/parse/money';
import { DICTIONARY_VALUE_PATTERN } from '../../domain/dictionaries';

/**
 * 经费台账 (DOMAIN §3): programmes per year, allocations to recipients, disbursements through
 * 待审核 → 已审核 → 已拨付 with reversals (冲销). Every amount crosses the API as an integer of
 * 分; the forms convert 元 / 万元 with shared/domain/money.ts. The database holds the ledger rules
 * (migration 006); the services check them first to say which rule and by how much.
 */

/** An amount in 分: a positive integer no larger than 1万亿元. */
export const fenAmount = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}应精确到分`)
    .positive(`${label}应大于0`)
    .max(MAX_MONEY_FEN, `${label}过大`);

const dictValue = (label: string) => z.string({ error: `请选择${label}` }).regex(DICTIONARY_VALUE_PATTERN, `请从列表中选择${label}`);
export const fundYear = z.number({ error: '请选择年度' }).int('年度应为整数').min(2000, '年度应在2000至2100之间').max(2100, '年度应在2000至2100之间');

export const DISBURSEMENT_STATUSES = ['pending', 'approved', 'paid'] as const;
export type DisbursementStatus = (typeof DISBURSEMENT_STATUSES)[number];
export const DISBURSEMENT_STATUS_LABELS: Record<DisbursementStatus, string> = { pending: '待审核', approved: '已审核', paid: '已拨付' };

// ---------------------------------------------------------------- programmes

export const ProgrammeFields = z.object({
  year: fundYear,
  name: requiredText('项目名称', 100),
  category: dictValue('资金类别'),
  sourceLevel: dictValue('资金来源层级'),
  budgetFen: fenAmount('预算'),
  documentNo: optionalText('文号', 100),
  /** e.g. 10万元/街道 (text as printed), and the amount per recipient when there is one */
  standardText: optionalText('拨付标准', 100),
  standardFen: fenAmount('标准金额').nullable().default(null),
  recipientKind: dictValue('拨付对象类别'),
  /** by when the allocations should be paid (overdue after it) */
  dueOn: isoDate('应拨付日期').nullable().default(null),
  note: optionalText('备注', 1000),
});
export const CreateProgrammeInput = ProgrammeFields;
export const UpdateProgrammeInput = ProgrammeFields.extend({ id: id('经费项目') });

/** Balances of a set of rows: what was planned, what is committed, what was paid. */
export const Balance = z.object({
  allocatedFen: z.number(),
  /** every disbursement not yet paid (待审核 + 已审核) */
  pendingFen: z.number(),
  /** net of reversals */
  paidFen: z.number(),
  /** allocated − paid */
  unpaidFen: z.number(),
  /** paid / allocated in basis points (10000 = 100%), null when nothing is allocated */
  rateBp: z.number().nullable(),
});
export type Balance = z.infer<typeof Balance>;

export const Programme = z.object({
  id: z.number(),
  year: z.number(),
  name: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  sourceLevel: z.string(),
  sourceLevelLabel: z.string(),
  budgetFen: z.number(),
  documentNo: z.string().nullable(),
  standardText: z.string().nullable(),
  standardFen: z.number().nullable(),
  recipientKind: z.string(),
  recipientKindLabel: z.string(),
  dueOn: z.string().nullable(),
  note: z.string().nullable(),
  /** budget − allocated */
  unallocatedFen: z.number(),
  recipients: z.number(),
  balance: Balance,
  updatedAt: z.string(),
});
export type Programme = z.infer<typeof Programme>;

// ---------------------------------------------------------------- allocations

/** A recipient: a unit (街道 or 村/社区) or, for 书记津贴 and the like, a person. */
export const Recipient = z.union([z.object({ unitId: id('拨付对象') }), z.object({ personName: requiredText('受款人姓名', 50) })], { error: '请选择拨付对象' });

export const AllocateInput = z.object({
  programmeId: id('经费项目'),
  recipient: Recipient,
  amountFen: fenAmount('分配金额'),
  dueOn: isoDate('应拨付日期').nullable().default(null),
  note: optionalText('备注', 1000),
});

/** A batch from a standard: every street, every village/community of some streets, or listed units. */
export const BatchScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('allStreets') }),
  /** every 村/社区 of these streets (all streets when empty); unitKinds filters by unit_kind */
  z.object({ kind: z.literal('unitsOfStreets'), streetIds: z.array(id('街道（镇）')).max(200), unitKinds: z.array(dictValue('单位类别')).max(20).default([]) }),
  z.object({ kind: z.literal('units'), unitIds: z.array(id('村（社区）')).min(1, '请至少选择一个单位').max(5000) }),
], { error: '请选择分配范围' });

export const BatchAllocateInput = z.object({
  programmeId: id('经费项目'),
  scope: BatchScope,
  amountFen: fenAmount('每个单位的金额'),
  dueOn: isoDate('应拨付日期').nullable().default(null),
  /** recipients already allocated in this programme: skipped (default) or refused */
  existing: z.enum(['skip', 'refuse']).default('skip'),
});

export const BatchPreview = z.object({
  rows: z.array(z.object({ unitId: z.number(), code: z.string(), name: z.string(), streetName: z.string(), amountFen: z.number(), alreadyAllocatedFen: z.number().nullable() })),
  /** what the batch adds */
  totalFen: z.number(),
  skipped: z.number(),
  /** budget − allocated before and after the batch */
  unallocatedBeforeFen: z.number(),
  unallocatedAfterFen: z.number(),
  /** why the batch cannot be saved (over budget …), or null */
  problem: z.string().nullable(),
});
export type BatchPreview = z.infer<typeof BatchPreview>;

export const UpdateAllocationInput = z.object({ id: id('分配'), amountFen: fenAmount('分配金额'), dueOn: isoDate('应拨付日期').nullable().default(null), note: optionalText('备注', 1000) });

export const Allocation = z.object({
  id: z.number(),
  programmeId: z.number(),
  unitId: z.number().nullable(),
  personName: z.string().nullable(),
  /** what the ledger shows: the unit's name or the person's */
  recipientName: z.string(),
  streetId: z.number().nullable(),
  streetName: z.string().nullable(),
  code: z.string().nullable(),
  amountFen: z.number(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  note: z.string().nullable(),
  balance: Balance,
});
export type Allocation = z.infer<typeof Allocation>;

// ---------------------------------------------------------------- disbursements

export const DisburseInput = z.object({
  allocationId: id('分配'),
  paidOn: isoDate('拨付日期'),
  amountFen: fenAmount('拨付金额'),
  voucherNo: optionalText('凭证号', 50),
  handler: optionalText('经办人', 50),
  approver: optionalText('审核人', 50),
  note: optionalText('备注', 1000),
});
export const UpdateDisbursementInput = DisburseInput.omit({ allocationId: true }).extend({ id: id('拨付记录') });
export const ReverseInput = z.object({
  id: id('要冲销的拨付记录'),
  paidOn: isoDate('冲销日期'),
  /** default: the whole remaining amount */
  amountFen: fenAmount('冲销金额').nullable().default(null),
  reason: requiredText('冲销原因', 500),
  voucherNo: optionalText('凭证号', 50),
});

export const Disbursement = z.object({
  id: z.number(),
  allocationId: z.number(),
  programmeId: z.number(),
  recipientName: z.string(),
  paidOn: z.string(),
  amountFen: z.number(),
  voucherNo: z.string().nullable(),
  handler: z.string().nullable(),
  approver: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(DISBURSEMENT_STATUSES),
  /** the row this one reverses (冲销), or null */
  reversesId: z.number().nullable(),
  /** how much of this row has been reversed (positive), for paid ordinary rows */
  reversedFen: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  postedAt: z.string().nullable(),
  postedBy: z.string().nullable(),
});
export type Disbursement = z.infer<typeof Disbursement>;

export const ProgrammeDetail = z.object({ programme: Programme, allocations: z.array(Allocation), disbursements: z.array(Disbursement) });
export type ProgrammeDetail = z.infer<typeof ProgrammeDetail>;

export const fundsApi = {
  programmes: query('某一年度的经费项目及其预算、分配、拨付、结余', EVERYONE, z.object({ year: fundYear }), z.array(Programme)),
  programme: query('一个经费项目：分配明细和拨付记录', EVERYONE, z.object({ id: id('经费项目') }), ProgrammeDetail),
  createProgramme: mutation('新建经费项目', EDITORS, CreateProgrammeInput, Programme),
  updateProgramme: mutation('修改经费项目（预算不能低于已分配）', EDITORS, UpdateProgrammeInput, Programme),
  deleteProgramme: mutation('删除尚未分配的经费项目', EDITORS, z.object({ id: id('经费项目') }), z.object({ done: z.literal(true) })),
  allocate: mutation('分配经费给一个对象', EDITORS, AllocateInput, Allocation),
  previewBatch: query('按标准批量分配：预览（不保存）', EDITORS, BatchAllocateInput, BatchPreview),
  allocateBatch: mutation('按标准批量分配（一次全部保存或全不保存）', EDITORS, BatchAllocateInput, z.object({ created: z.number(), skipped: z.number(), totalFen: z.number() })),
  updateAllocation: mutation('修改分配金额（不能低于已拨付）', EDITORS, UpdateAllocationInput, Allocation),
  deleteAllocation: mutation('删除尚无拨付记录的分配', EDITORS, z.object({ id: id('分配') }), z.object({ done: z.literal(true) })),
  disburse: mutation('登记拨付（待审核）', EDITORS, DisburseInput, Disbursement),
  updateDisbursement: mutation('修改待审核的拨付记录', EDITORS, UpdateDisbursementInput, Disbursement),
  approve: mutation('审核拨付记录（待审核 → 已审核）', EDITORS, z.object({ id: id('拨付记录') }), Disbursement),
  post: mutation('确认已拨付（已审核 → 已拨付，此后不能修改）', EDITORS, z.object({ id: id('拨付记录'), paidOn: isoDate('拨付日期').nullable().default(null) }), Disbursement),
  deleteDisbursement: mutation('删除未拨付的拨付记录', EDITORS, z.object({ id: id('拨付记录') }), z.object({ done: z.literal(true) })),
  approveMany: mutation('批量审核拨付记录（全部成功或全不保存）', EDITORS, z.object({ ids: z.array(id('拨付记录')).min(1, '请至少选择一条拨付记录').max(5000, '一次最多 5000 条') }), z.object({ done: z.number() })),
  postMany: mutation(
    '批量确认已拨付（全部成功或全不保存）',
    EDITORS,
    z.object({ ids: z.array(id('拨付记录')).min(1, '请至少选择一条拨付记录').max(5000, '一次最多 5000 条'), paidOn: isoDate('拨付日期').nullable().default(null) }),
    z.object({ done: z.number() }),
  ),
  reverse: mutation('冲销已拨付的记录（负数记录，指向原记录）', EDITORS, ReverseInput, Disbursement),
};
