import { FormControlLabel, Link, Stack, Switch, Typography } from '@mui/material';
import { keepPreviousData } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import type { OverdueAllocation } from '../../../../../shared/api/funds/reports';
import type { Balance } from '../../../../../shared/api/funds/records';
import { useApiQuery } from '../../../components/apiQueries';
import { moneyColumn, ReportTable, type ReportColumn } from '../../../components/ReportTable';
import { EmptyState, QueryContent } from '../../../components/States';
import { usePersistentState } from '../../../components/usePersistentState';
import { programmePath, statementPath, sumBalances } from './fundFormat';

type Sum = { label: string; balance: Balance };

/** [年度] · 经费项目 · 拨付对象 · 街道（镇）· 应拨付日期 · 逾期天数 · 分配 · 已拨付 · 未拨付; the 合计 under the first column. */
function overdueColumns(allYears: boolean): ReportColumn<OverdueAllocation, Sum>[] {
  const label = (s: Sum) => s.label;
  return [
    ...(allYears ? [{ key: 'year', header: '年度', nowrap: true, cell: (o) => `${o.year}年`, total: label } satisfies ReportColumn<OverdueAllocation, Sum>] : []),
    {
      key: 'programme',
      header: '经费项目',
      minWidth: 160,
      cell: (o) => (
        <Link component={RouterLink} to={programmePath(o.allocation.programmeId)} underline="hover">
          {o.programmeName}
        </Link>
      ),
      ...(allYears ? {} : { total: label }),
    },
    {
      key: 'recipient',
      header: '拨付对象',
      minWidth: 120,
      cell: (o) => (
        <Link component={RouterLink} to={statementPath(o.year, o.allocation)} underline="hover" color="inherit">
          {o.allocation.recipientName}
        </Link>
      ),
    },
    { key: 'street', header: '街道（镇）', nowrap: true, cell: (o) => o.allocation.streetName ?? '—' },
    { key: 'dueOn', header: '应拨付日期', nowrap: true, sx: { fontVariantNumeric: 'tabular-nums' }, cell: (o) => o.dueOn },
    { key: 'days', header: '逾期天数', numeric: true, sx: { color: 'error.main' }, cell: (o) => `${o.daysOverdue} 天` },
    moneyColumn('allocated', '分配', (o) => o.allocation.amountFen, (s) => s.balance.allocatedFen),
    moneyColumn('paid', '已拨付', (o) => o.allocation.balance.paidFen, (s) => s.balance.paidFen),
    moneyColumn('unpaid', '未拨付', (o) => o.allocation.balance.unpaidFen, (s) => s.balance.unpaidFen),
  ];
}

/**
 * 逾期未拨付: allocations past their 应拨付日期 with something still unpaid — this year's, or
 * every year's (an old programme's debt does not disappear with the year). Each names its
 * programme (to pay it there) and its recipient (to see the statement).
 */
export function OverduePanel({ year }: { year: number }) {
  // an object: usePersistentState merges the stored value into the initial one
  const [view, setView] = usePersistentState('funds.overdue', { allYears: false });
  const { allYears } = view;
  const list = useApiQuery('funds.overdue', { year: allYears ? null : year }, { placeholderData: keepPreviousData });
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <FormControlLabel control={<Switch checked={allYears} onChange={(e) => setView({ allYears: e.target.checked })} />} label="全部年度" />
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          已过应拨付日期、尚未拨付完的分配（应拨付日期取分配自己的，没有则取项目的）。单位：元
        </Typography>
      </Stack>
      <QueryContent
        query={list}
        isEmpty={(rows) => rows.length === 0}
        empty={<EmptyState title={allYears ? '没有逾期未拨付的分配' : `${year}年没有逾期未拨付的分配`} hint="设置了应拨付日期的分配，过期仍未拨付完时列在这里" />}
      >
        {(rows) => (
          <ReportTable
            label="逾期未拨付的分配"
            columns={overdueColumns(allYears)}
            rows={rows}
            rowKey={(o) => o.allocation.id}
            rowProps={() => ({ hover: true })}
            total={{ label: `合计（${rows.length} 笔）`, balance: sumBalances(rows.map((o) => o.allocation.balance)) }}
            maxHeight="calc(100vh - 260px)"
          />
        )}
      </QueryContent>
    </Stack>
  );
}
