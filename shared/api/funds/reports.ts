import { z } from 'zod';
import { mutation, query } from '../define';
import { id, isoDate } from '../fields';
import { ExportedFile } from '../files';
import { EVERYONE } from '../../domain/roles';
import { Allocation, Balance, Disbursement, fundYear, Programme, Recipient } from './records';

/**
 * 经费台账 reports: the year at a glance (by category and source level, for the charts), balances
 * per recipient across programmes and per street, a recipient's statement, overdue allocations,
 * and the Excel ledgers finance and auditors receive. Every total is a sum of the rows it
 * shows — computed from the disbursement rows, never stored — so a report cannot disagree with
 * the ledger it summarises.
 */

/** One group of programmes in the year summary (a 资金类别 or a 资金来源层级). */
export const SummaryGroup = z.object({
  value: z.string(),
  label: z.string(),
  programmes: z.number(),
  budgetFen: z.number(),
  balance: Balance,
});
export type SummaryGroup = z.infer<typeof SummaryGroup>;

export const YearSummary = z.object({
  year: z.number(),
  programmes: z.number(),
  budgetFen: z.number(),
  balance: Balance,
  /** in dictionary order; groups without programmes left out */
  byCategory: z.array(SummaryGroup),
  bySourceLevel: z.array(SummaryGroup),
  /** allocations past their 应拨付日期 with something unpaid */
  overdue: z.object({ allocations: z.number(), unpaidFen: z.number() }),
});
export type YearSummary = z.infer<typeof YearSummary>;

/** A recipient as the reports name it: 'u12' (unit id 12) or 'p张三' (a person). */
export const recipientKey = (r: { unitId: number | null; personName: string | null }) => (r.unitId !== null ? `u${r.unitId}` : `p${r.personName ?? ''}`);

export const RecipientBalance = z.object({
  key: z.string(),
  unitId: z.number().nullable(),
  personName: z.string().nullable(),
  name: z.string(),
  code: z.string().nullable(),
  streetId: z.number().nullable(),
  streetName: z.string().nullable(),
  /** how many programmes of the year allocated to it */
  programmes: z.number(),
  overdueAllocations: z.number(),
  balance: Balance,
});
export type RecipientBalance = z.infer<typeof RecipientBalance>;

export const RecipientBalancesInput = z.object({
  year: fundYear,
  /** a street: its own allocations and its villages' */
  streetId: id('街道（镇）').nullable().default(null),
  /** part of a name or code */
  search: z.string().trim().max(50, '搜索内容过长').default(''),
});

export const StreetBalance = z.object({
  streetId: z.number(),
  streetName: z.string(),
  code: z.string(),
  /** recipients: the street itself and its 村/社区 that received something */
  recipients: z.number(),
  balance: Balance,
});
export type StreetBalance = z.infer<typeof StreetBalance>;

export const StreetBalances = z.object({
  rows: z.array(StreetBalance),
  /** allocations to persons (书记津贴 …), not under any street */
  persons: Balance,
  total: Balance,
});
export type StreetBalances = z.infer<typeof StreetBalances>;

export const StatementInput = z.object({ year: fundYear, recipient: Recipient });

export const StatementLine = z.object({
  programmeId: z.number(),
  programmeName: z.string(),
  categoryLabel: z.string(),
  allocation: Allocation,
  /** this allocation's disbursements, by date (reversals negative) */
  disbursements: z.array(Disbursement),
});

export const RecipientStatement = z.object({
  year: z.number(),
  key: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  streetName: z.string().nullable(),
  lines: z.array(StatementLine),
  total: Balance,
});
export type RecipientStatement = z.infer<typeof RecipientStatement>;

export const OverdueInput = z.object({
  /** null: every year */
  year: fundYear.nullable().default(null),
  /** overdue as of this day (default today) */
  asOf: isoDate('截止日期').nullable().default(null),
});

export const OverdueAllocation = z.object({
  allocation: Allocation,
  programmeName: z.string(),
  year: z.number(),
  /** the allocation's own 应拨付日期, else the programme's */
  dueOn: z.string(),
  daysOverdue: z.number(),
});
export type OverdueAllocation = z.infer<typeof OverdueAllocation>;

/** One street's part of a programme's ledger: the street itself and its 村/社区, then 小计. */
export const LedgerGroup = z.object({
  /** null: the allocations to persons (书记津贴 …), shown as one group '个人' */
  streetId: z.number().nullable(),
  streetName: z.string(),
  lines: z.array(Allocation),
  subtotal: Balance,
});
export type LedgerGroup = z.infer<typeof LedgerGroup>;

/**
 * A programme's ledger as finance receives it, printed and exported from this one structure:
 * groups by street (code order) with 小计, the 合计, and every paid row (reversals negative) for
 * the 拨付明细. The totals are sums of the lines; the lines' balances are sums of their rows.
 */
export const ProgrammeLedger = z.object({
  programme: Programme,
  groups: z.array(LedgerGroup),
  total: Balance,
  /** 已拨付 rows (incl. reversals) by date, what 拨付明细 lists */
  paidRows: z.array(Disbursement),
  /** 填报单位 (the district's organisation department, from settings) */
  organisation: z.string(),
});
export type ProgrammeLedger = z.infer<typeof ProgrammeLedger>;

export const fundReportsApi = {
  ledger: query('经费项目台账：按街道分组、小计、合计和拨付明细（打印和导出用同一份）', EVERYONE, z.object({ programmeId: id('经费项目') }), ProgrammeLedger),
  yearSummary: query('年度经费汇总：按资金类别、资金来源层级的预算、分配、拨付、结余', EVERYONE, z.object({ year: fundYear }), YearSummary),
  recipientBalances: query('各拨付对象在某一年度各项目的分配、拨付、结余', EVERYONE, RecipientBalancesInput, z.array(RecipientBalance)),
  streetBalances: query('各街道（含所属村、社区）在某一年度的分配、拨付、结余', EVERYONE, z.object({ year: fundYear }), StreetBalances),
  statement: query('一个拨付对象的年度对账单：各项目的分配和每笔拨付', EVERYONE, StatementInput, RecipientStatement),
  overdue: query('逾期未拨付的分配（已过应拨付日期且尚有未拨付金额）', EVERYONE, OverdueInput, z.array(OverdueAllocation)),
  exportLedger: mutation('导出经费项目台账为 Excel（按街道小计、合计，含拨付明细；导出记入日志）', EVERYONE, z.object({ programmeId: id('经费项目') }), ExportedFile),
  exportStatement: mutation('导出拨付对象的年度对账单为 Excel（导出记入日志）', EVERYONE, StatementInput, ExportedFile),
  exportYearSummary: mutation('导出年度经费汇总为 Excel（导出记入日志）', EVERYONE, z.object({ year: fundYear }), ExportedFile),
};
