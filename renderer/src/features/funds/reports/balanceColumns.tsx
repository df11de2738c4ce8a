import type { Balance } from '../../../../../shared/api/funds/records';
import { moneyColumn, type ReportColumn } from '../../../components/ReportTable';
import { formatRate } from './fundFormat';

type WithBalance = { balance: Balance };

/**
 * The columns every balance report shares, in this order — 分配, 已拨付, 待审核/在途, 未拨付, 拨付率 —
 * for rows and sums that hold a balance (a recipient, a street, the 合计).
 */
export function balanceColumns<R extends WithBalance, T extends WithBalance = R>(): ReportColumn<R, T>[] {
  const money = (key: keyof Balance & `${string}Fen`, header: string, options: { muted?: boolean; headerTitle?: string } = {}) =>
    moneyColumn<R, T>(key, header, (r) => r.balance[key], (t) => t.balance[key], options);
  return [
    money('allocatedFen', '分配'),
    money('paidFen', '已拨付'),
    money('pendingFen', '待审核/在途', { muted: true, headerTitle: '已登记尚未拨付（待审核、已审核）的金额' }),
    money('unpaidFen', '未拨付'),
    { key: 'rate', header: '拨付率', numeric: true, cell: (r) => formatRate(r.balance.rateBp), total: (t) => formatRate(t.balance.rateBp) },
  ];
}
