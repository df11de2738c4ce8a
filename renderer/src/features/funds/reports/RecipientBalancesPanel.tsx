import { useDeferredValue } from 'react';
import { Chip, MenuItem, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { SearchField } from '../../../components/SearchField';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States';
import { usePersistentState } from '../../../components/usePersistentState';
import { statementPath, sumBalances } from './fundFormat';
import { BalanceCells, BalanceHeaderCells, NUMBER_SX, STICKY_TOTAL_ROW_SX } from './MoneyCells';

/**
 * 按拨付对象: every street, 村/社区 and person that received an allocation this year, with its
 * balance across the year's programmes; a row opens the recipient's statement. The 合计 is the
 * sum of the rows shown (so it follows the filters).
 */
export function RecipientBalancesPanel({ year }: { year: number }) {
  const navigate = useNavigate();
  const [filters, setFilters] = usePersistentState<{ streetId: number | null; search: string }>('funds.recipients', { streetId: null, search: '' });
  const search = useDeferredValue(filters.search.trim());
  const tree = useQuery({ queryKey: ['units.tree', false], queryFn: () => api.units.tree({ includeRetired: false }) });
  const list = useQuery({
    queryKey: ['funds.recipientBalances', year, filters.streetId, search],
    queryFn: () => api.funds.recipientBalances({ year, streetId: filters.streetId, search }),
    placeholderData: keepPreviousData,
  });
  const filtered = filters.streetId !== null || search !== '';

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField
          select
          label="街道（镇）"
          size="small"
          fullWidth={false}
          sx={{ width: 170 }}
          value={filters.streetId ?? ''}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          onChange={(e) => setFilters((f) => ({ ...f, streetId: e.target.value === '' ? null : Number(e.target.value) }))}
        >
          <MenuItem value="">全部街道</MenuItem>
          {(tree.data ?? []).map((s) => (
            <MenuItem key={s.id} value={s.id}>
              {s.name}
            </MenuItem>
          ))}
        </TextField>
        <SearchField ariaLabel="查找拨付对象" placeholder="名称或区划代码" maxLength={50} value={filters.search} onChange={(search) => setFilters((f) => ({ ...f, search }))} />
        <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
          {list.data ? `共 ${list.data.length} 个拨付对象 · 单位：元` : ''}
        </Typography>
      </Stack>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState
          title={filtered ? '没有符合条件的拨付对象' : `${year}年还没有分配给任何对象`}
          hint={filtered ? '换个街道或搜索内容试试' : '在“经费项目”中分配后，这里列出每个对象的分配和拨付'}
        />
      ) : (
        <Paper variant="outlined">
          <TableContainer sx={{ maxHeight: 'calc(100vh - 260px)' }}>
            <Table size="small" stickyHeader aria-label={`${year}年各拨付对象的分配和拨付`}>
              <TableHead>
                <TableRow>
                  <TableCell>名称</TableCell>
                  <TableCell>街道（镇）</TableCell>
                  <TableCell>区划代码</TableCell>
                  <TableCell align="right">项目数</TableCell>
                  <BalanceHeaderCells />
                  <TableCell>逾期</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {list.data.map((r) => (
                  <TableRow
                    key={r.key}
                    hover
                    tabIndex={0}
                    sx={{ cursor: 'pointer' }}
                    onClick={() => navigate(statementPath(year, r))}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') navigate(statementPath(year, r));
                    }}
                    title="查看对账单"
                  >
                    <TableCell sx={{ minWidth: 140 }}>
                      {r.name}
                      {r.personName !== null && (
                        <Typography component="span" variant="caption" color="text.secondary">
                          （个人）
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{r.streetName ?? '—'}</TableCell>
                    <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{r.code ?? '—'}</TableCell>
                    <TableCell sx={NUMBER_SX}>{r.programmes}</TableCell>
                    <BalanceCells balance={r.balance} />
                    <TableCell>{r.overdueAllocations > 0 && <Chip size="small" color="error" variant="outlined" label={`逾期 ${r.overdueAllocations}`} />}</TableCell>
                  </TableRow>
                ))}
                <TableRow sx={STICKY_TOTAL_ROW_SX}>
                  <TableCell colSpan={4}>合计（{list.data.length} 个）</TableCell>
                  <BalanceCells balance={sumBalances(list.data.map((r) => r.balance))} />
                  <TableCell>{overdueTotal(list.data) > 0 && `逾期 ${overdueTotal(list.data)}`}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </TableContainer>
        </Paper>
      )}
    </Stack>
  );
}

const overdueTotal = (rows: ReadonlyArray<{ overdueAllocations: number }>) => rows.reduce((n, r) => n + r.overdueAllocations, 0);
