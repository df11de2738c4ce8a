import { FormControlLabel, Link, Paper, Stack, Switch, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { api } from '../../../api/client';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { usePersistentState } from '../../../components/usePersistentState';
import { programmePath, statementPath, sumBalances } from './fundFormat';
import { MoneyCell, NUMBER_SX, STICKY_TOTAL_ROW_SX } from './MoneyCells';

/**
 * 逾期未拨付: allocations past their 应拨付日期 with something still unpaid — this year's, or
 * every year's (an old programme's debt does not disappear with the year). Each names its
 * programme (to pay it there) and its recipient (to see the statement).
 */
export function OverduePanel({ year }: { year: number }) {
  // an object: usePersistentState merges the stored value into the initial one
  const [view, setView] = usePersistentState('funds.overdue', { allYears: false });
  const { allYears } = view;
  const list = useQuery({
    queryKey: ['funds.overdue', allYears ? null : year],
    queryFn: () => api.funds.overdue({ year: allYears ? null : year }),
    placeholderData: keepPreviousData,
  });
  const rows = list.data ?? [];
  const total = sumBalances(rows.map((o) => o.allocation.balance));
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <FormControlLabel control={<Switch checked={allYears} onChange={(e) => setView({ allYears: e.target.checked })} />} label="全部年度" />
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          已过应拨付日期、尚未拨付完的分配（应拨付日期取分配自己的，没有则取项目的）。单位：元
        </Typography>
      </Stack>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={allYears ? '没有逾期未拨付的分配' : `${year}年没有逾期未拨付的分配`} hint="设置了应拨付日期的分配，过期仍未拨付完时列在这里" />
      ) : (
        <Paper variant="outlined">
          <TableContainer sx={{ maxHeight: 'calc(100vh - 260px)' }}>
            <Table size="small" stickyHeader aria-label="逾期未拨付的分配">
              <TableHead>
                <TableRow>
                  {allYears && <TableCell>年度</TableCell>}
                  <TableCell>经费项目</TableCell>
                  <TableCell>拨付对象</TableCell>
                  <TableCell>街道（镇）</TableCell>
                  <TableCell>应拨付日期</TableCell>
                  <TableCell align="right">逾期天数</TableCell>
                  <TableCell align="right">分配</TableCell>
                  <TableCell align="right">已拨付</TableCell>
                  <TableCell align="right">未拨付</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((o) => (
                  <TableRow key={o.allocation.id} hover>
                    {allYears && <TableCell sx={{ whiteSpace: 'nowrap' }}>{o.year}年</TableCell>}
                    <TableCell sx={{ minWidth: 160 }}>
                      <Link component={RouterLink} to={programmePath(o.allocation.programmeId)} underline="hover">
                        {o.programmeName}
                      </Link>
                    </TableCell>
                    <TableCell sx={{ minWidth: 120 }}>
                      <Link component={RouterLink} to={statementPath(o.year, o.allocation)} underline="hover" color="inherit">
                        {o.allocation.recipientName}
                      </Link>
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{o.allocation.streetName ?? '—'}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{o.dueOn}</TableCell>
                    <TableCell sx={{ ...NUMBER_SX, color: 'error.main' }}>{o.daysOverdue} 天</TableCell>
                    <MoneyCell fen={o.allocation.amountFen} />
                    <MoneyCell fen={o.allocation.balance.paidFen} />
                    <MoneyCell fen={o.allocation.balance.unpaidFen} />
                  </TableRow>
                ))}
                <TableRow sx={STICKY_TOTAL_ROW_SX}>
                  <TableCell colSpan={allYears ? 6 : 5}>合计（{rows.length} 笔）</TableCell>
                  <MoneyCell fen={total.allocatedFen} />
                  <MoneyCell fen={total.paidFen} />
                  <MoneyCell fen={total.unpaidFen} />
                </TableRow>
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      )}
    </Stack>
  );
}
