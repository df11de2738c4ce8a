import { z } from 'zod';
import { importYearOption } from '../imports';
import { defineApiModule } from '../module';
import { DISBURSEMENT_IMPORT } from './import-definition';
import { DISBURSEMENT_STATUS_LABELS, fundsApi } from './records';
import { fundReportsApi } from './reports';

/** What the 拨付记录 import asks besides the file: the programme every row is paid from (and its year). */
export const DisbursementImportOptions = z
  .object({
    year: importYearOption,
    programmeId: z.number({ error: '请选择经费项目' }).int('请选择经费项目').positive('请选择经费项目').nullable().default(null),
  })
  .strict()
  .default({ year: null, programmeId: null });
export type DisbursementImportOptions = z.input<typeof DisbursementImportOptions>;

/**
 * 经费台账 (DOMAIN.md §3): programmes per year, allocations, disbursements through 待审核 →
 * 已审核 → 已拨付 with reversals, balances and ledgers. Money is integer 分 throughout.
 */
export const fundsModule = defineApiModule({
  name: 'funds',
  label: '经费台账',
  api: { funds: { ...fundsApi, ...fundReportsApi } },
  tables: { fund_programmes: '经费项目', fund_allocations: '经费分配', fund_disbursements: '拨付记录' },
  auditEntities: { fund_programme: '经费项目', fund_allocation: '经费分配', fund_disbursement: '拨付记录' },
  auditFields: {
  // 经费台账 (amounts in 分, as stored)
  programmeId: '经费项目编号',
  year: '年度',
  programmeName: '经费项目',
  category: '资金类别',
  sourceLevel: '资金来源层级',
  budgetFen: '预算（分）',
  documentNo: '文号',
  standardText: '拨付标准',
  standardFen: '标准金额（分）',
  recipientKind: '拨付对象类别',
  dueOn: '应拨付日期',
  amountFen: '金额（分）',
  allocationId: '分配编号',
  paidOn: '拨付日期',
  disbursementStatus: '拨付状态',
  voucherNo: '凭证号',
  handler: '经办人',
  approver: '审核人',
  reversesId: '冲销的拨付记录编号',
  createdBy: '登记人',
  approvedBy: '审核操作人',
  postedBy: '确认拨付操作人',
  },
  auditValues: { disbursementStatus: DISBURSEMENT_STATUS_LABELS },
  printForms: {
    /** ids: programme ids */
    fund_ledger: { label: '经费台账', entity: 'fund_programme' },
    /** ids: unit ids */
    fund_statement: { label: '经费对账单', entity: 'org_unit' },
    /** a person's statement (书记津贴 …): ids are the allocations it lists */
    fund_statement_person: { label: '经费对账单（个人）', entity: 'fund_allocation' },
  },
  importKinds: { disbursements: { label: '经费拨付记录', record: DISBURSEMENT_IMPORT, options: DisbursementImportOptions } },
});
