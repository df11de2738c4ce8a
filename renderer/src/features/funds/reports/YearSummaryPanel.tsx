import { Paper, Stack, Typography } from '@mui/material';
import type { SummaryGroup, YearSummary } from '../../../../../shared/api/funds/reports';
import { formatYuan } from '../../../../../shared/domain/money';
import { api } from '../../../api/client';
import { useApiQuery } from '../../../components/apiQueries';
import { useExportButton } from '../../../components/ExportButton';
import { moneyColumn, ReportTable, type ReportColumn } from '../../../components/ReportTable';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { balanceColumns } from './balanceColumns';
import { BudgetBarChart } from './FundCharts';
import { formatRate } from './fundFormat';
import { SummaryCard, SummaryCardRow } from './SummaryCards';

/**
 * 年度汇总: the year's money at a glance — the totals, what is overdue, and the same money by
 * 资金类别 and by 资金来源层级 (a chart of 预算 / 已分配 / 已拨付 and the table with its 合计).
 * `onShowOverdue` switches the page to the 逾期未拨付 tab.
 */
export function YearSummaryPanel({ year, onShowOverdue }: { year: number; onShowOverdue?: () => void }) {
  const summary = useApiQuery('funds.yearSummary', { year });
  const exporter = useExportButton(() => api.funds.exportYearSummary({ year }));

  if (summary.isPending) return <LoadingState />;
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  if (s.programmes === 0) return <EmptyState title={`${year}年还没有经费项目`} hint="在“经费项目”中新建项目并分配后，这里按资金类别和来源层级汇总" />;
  const b = s.balance;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle1" component="h3" sx={{ flex: 1 }}>
          {year}年经费汇总（{s.programmes} 个项目，单位：元）
        </Typography>
        {exporter.button}
      </Stack>
      {exporter.feedback}
      <SummaryCardRow>
        <SummaryCard label="预算" value={formatYuan(s.budgetFen)} detail={`未分配 ${formatYuan(s.budgetFen - b.allocatedFen)}`} />
        <SummaryCard label="已分配" value={formatYuan(b.allocatedFen)} />
        <SummaryCard label="已拨付" value={formatYuan(b.paidFen)} detail={b.pendingFen > 0 ? `另有待审核/在途 ${formatYuan(b.pendingFen)}` : undefined} />
        <SummaryCard label="未拨付" value={formatYuan(b.unpaidFen)} />
        <SummaryCard label="拨付率" value={formatRate(b.rateBp)} detail="已拨付 ÷ 已分配" />
        <SummaryCard
          label="逾期未拨付"
          value={`${s.overdue.allocations} 笔`}
          detail={s.overdue.allocations > 0 ? `未拨付 ${formatYuan(s.overdue.unpaidFen)}${onShowOverdue ? ' · 查看' : ''}` : '没有逾期'}
          tone={s.overdue.allocations > 0 ? 'warning' : undefined}
          onClick={s.overdue.allocations > 0 ? onShowOverdue : undefined}
        />
      </SummaryCardRow>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'stretch' }}>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle2" component="h4" gutterBottom>
            按资金类别
          </Typography>
          <BudgetBarChart title={`${year}年各资金类别的预算、分配和拨付`} groups={chartGroups(s.byCategory)} />
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle2" component="h4" gutterBottom>
            按资金来源层级
          </Typography>
          <BudgetBarChart title={`${year}年各资金来源层级的预算、分配和拨付`} groups={chartGroups(s.bySourceLevel)} />
        </Paper>
      </Stack>
      <GroupTable title="按资金类别" groupHeader="资金类别" groups={s.byCategory} summary={s} />
      <GroupTable title="按资金来源层级" groupHeader="资金来源层级" groups={s.bySourceLevel} summary={s} />
    </Stack>
  );
}

const chartGroups = (groups: readonly SummaryGroup[]) =>
  groups.map((g) => ({ key: g.value, label: g.label, budgetFen: g.budgetFen, allocatedFen: g.balance.allocatedFen, paidFen: g.balance.paidFen }));

/** A group's row or the 合计: its name, 项目数, 预算 and balance. */
type GroupSum = Pick<SummaryGroup, 'label' | 'programmes' | 'budgetFen' | 'balance'>;

function groupColumns(groupHeader: string): ReportColumn<GroupSum>[] {
  return [
    { key: 'label', header: groupHeader, width: '26%', cell: (g) => g.label, total: (g) => g.label },
    { key: 'programmes', header: '项目数', numeric: true, width: '7%', cell: (g) => g.programmes, total: (g) => g.programmes },
    moneyColumn('budget', '预算', (g) => g.budgetFen, (g) => g.budgetFen),
    ...balanceColumns<GroupSum>(),
  ];
}

function GroupTable({ title, groupHeader, groups, summary }: { title: string; groupHeader: string; groups: readonly SummaryGroup[]; summary: YearSummary }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        {title}汇总
      </Typography>
      {/* fixed layout: both tables' columns line up, one under the other */}
      <ReportTable<SummaryGroup, GroupSum>
        label={`${summary.year}年经费汇总${title}`}
        columns={groupColumns(groupHeader)}
        rows={groups}
        rowKey={(g) => g.value}
        total={{ label: '合计', programmes: summary.programmes, budgetFen: summary.budgetFen, balance: summary.balance }}
        fixedLayout
        minWidth={900}
        outlined={false}
      />
    </Paper>
  );
}
