import { formatYuan } from '../../domain/money';
import type { LedgerGroup } from './reports';
import { DISBURSEMENT_STATUS_LABELS, type Allocation, type Balance, type Disbursement, type Programme } from './records';

/**
 * How a 经费台账 reads, in one place for the Excel export (main process), the screen and the
 * print view (renderer): the balance rule, the 摘要 of a row, the name column's header and the
 * signature line. If these lived twice, a printed ledger could word or add up a line
 * differently from the file sent to finance.
 */

/** What a balance is made of; everything else follows from these three sums. */
export interface BalanceSums {
  allocatedFen: number;
  pendingFen: number;
  paidFen: number;
}

/** unpaid = allocated − paid; 拨付率 = ⌊paid × 10000 / allocated⌋ basis points (null when nothing is allocated). */
export function toBalance(s: BalanceSums): Balance {
  return {
    allocatedFen: s.allocatedFen,
    pendingFen: s.pendingFen,
    paidFen: s.paidFen,
    unpaidFen: s.allocatedFen - s.paidFen,
    rateBp: s.allocatedFen > 0 ? Math.floor((s.paidFen * 10_000) / s.allocatedFen) : null,
  };
}

/** The balance of several rows (a 小计, a 合计, a filtered list): the sums of their sums. */
export function sumBalances(balances: Iterable<Balance>): Balance {
  const sums: BalanceSums = { allocatedFen: 0, pendingFen: 0, paidFen: 0 };
  for (const b of balances) {
    sums.allocatedFen += b.allocatedFen;
    sums.pendingFen += b.pendingFen;
    sums.paidFen += b.paidFen;
  }
  return toBalance(sums);
}

/** The footer every ledger and statement carries, each label followed by room to sign. */
export const LEDGER_SIGNATURES = ['单位负责人：', '审核人：', '填表人：', '报出日期：'] as const;

/** 摘要 of a row: a reversal (冲销) names what it reverses and why; a payment its note and how much of it was reversed. */
export function disbursementSummary(d: Disbursement, original: Disbursement | undefined): string {
  if (d.reversesId !== null) {
    const what = original ? `冲销 ${original.paidOn}${original.voucherNo ? ` 凭证号 ${original.voucherNo}` : ''} 的拨付` : '冲销';
    return d.note ? `${what}：${d.note}` : what;
  }
  const reversed = d.reversedFen > 0 ? `（其中 ${formatYuan(d.reversedFen)}元 已冲销）` : '';
  return reversed ? `${d.note ?? '拨付'}${reversed}` : (d.note ?? '');
}

/** The same, never empty (a statement line reads 拨付 / 冲销 when there is nothing else to say). */
export const statementSummary = (d: Disbursement, original: Disbursement | undefined) => disbursementSummary(d, original) || (d.reversesId === null ? '拨付' : '冲销');

/** 已拨付 / 待审核 / 已审核; a reversal is always 已拨付 but reads as 冲销. */
export const disbursementStatusLabel = (d: Pick<Disbursement, 'reversesId' | 'status'>) => (d.reversesId !== null ? '冲销' : DISBURSEMENT_STATUS_LABELS[d.status]);

/** The name column: 单位名称, 受款人 for a programme to persons, both when mixed. */
export const recipientNameHeader = (p: Pick<Programme, 'recipientKind'>, hasPersons: boolean) => (p.recipientKind === 'person' ? '受款人' : hasPersons ? '单位名称／受款人' : '单位名称');

/** The group of the allocations to persons (书记津贴 …), after the streets. */
export const PERSONS_GROUP = '个人';

/**
 * Allocations by street with each group's 小计 — for the screen, the print and the Excel ledger
 * alike. The allocations come in the ledger's order (the services' loadAllocations: streets by
 * code, the street's own allocation first, persons last), so a street's lines are consecutive.
 */
export function groupByStreet(allocations: readonly Allocation[]): LedgerGroup[] {
  const groups: Array<Omit<LedgerGroup, 'subtotal'>> = [];
  for (const a of allocations) {
    const streetId = a.unitId === null ? null : a.streetId;
    const last = groups[groups.length - 1];
    if (last && last.streetId === streetId) last.lines.push(a);
    else groups.push({ streetId, streetName: streetId === null ? PERSONS_GROUP : (a.streetName ?? ''), lines: [a] });
  }
  return groups.map((g) => ({ ...g, subtotal: sumBalances(g.lines.map((l) => l.balance)) }));
}

/** What can still be registered against an allocation: allocated − paid − in flight (待审核, 已审核). */
export const registrableFen = (a: Pick<Allocation, 'balance'>) => a.balance.unpaidFen - a.balance.pendingFen;

/** What is left to reverse (冲销) of a row: a paid ordinary row's amount less what was reversed; 0 for anything else. */
export const reversibleFen = (d: Pick<Disbursement, 'status' | 'reversesId' | 'amountFen' | 'reversedFen'>) =>
  d.status === 'paid' && d.reversesId === null ? d.amountFen - d.reversedFen : 0;

/** Why a paid row offers no 修改 / 删除 (the services refuse with these words). */
export const PAID_CANNOT_CHANGE = '已拨付的记录不能修改，如有错误请冲销后重新登记';
export const PAID_CANNOT_DELETE = '已拨付的记录不能删除，如有错误请冲销后重新登记';
