import { useDeferredValue } from 'react';
import { Chip, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { keepPreviousData } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { RecipientBalance } from '../../../../../shared/api/funds/reports';
import type { Balance } from '../../../../../shared/api/funds/records';
import { useApiQuery } from '../../../components/apiQueries';
import { ReportTable, type ReportColumn } from '../../../components/ReportTable';
import { SearchField } from '../../../components/SearchField';
import { EmptyState, QueryContent } from '../../../components/States';
import { usePersistentState } from '../../../components/usePersistentState';
import { statementPath, sumBalances } from './fundFormat';
import { balanceColumns } from './balanceColumns';

/** The 合计 of the rows shown. */
type Sum = { label: string; balance: Balance; overdueAllocations: number };

const COLUMNS: ReportColumn<RecipientBalance, Sum>[] = [
  {
    key: 'name',
    header: '名称',
    minWidth: 140,
    cell: (r) => (
      <>
        {r.name}
        {r.personName !== null && (
          <Typography component="span" variant="caption" color="text.secondary">
            （个人）
          </Typography>
        )}
      </>
    ),
    total: (s) => s.label,
  },
  { key: 'street', header: '街道（镇）', nowrap: true, cell: (r) => r.streetName ?? '—' },
  { key: 'code', header: '区划代码', sx: { fontVariantNumeric: 'tabular-nums' }, cell: (r) => r.code ?? '—' },
  { key: 'programmes', header: '项目数', numeric: true, cell: (r) => r.programmes },
  ...balanceColumns<RecipientBalance, Sum>(),
  {
    key: 'overdue',
    header: '逾期',
    cell: (r) => r.overdueAllocations > 0 && <Chip size="small" color="error" variant="outlined" label={`逾期 ${r.overdueAllocations}`} />,
    total: (s) => s.overdueAllocations > 0 && `逾期 ${s.overdueAllocations}`,
  },
];

/**
 * 按拨付对象: every street, 村/社区 and person that received an allocation this year, with its
 * balance across the year's programmes; a row opens the recipient's statement. The 合计 is the
 * sum of the rows shown (so it follows the filters).
 */
export function RecipientBalancesPanel({ year }: { year: number }) {
  const navigate = useNavigate();
  const [filters, setFilters] = usePersistentState<{ streetId: number | null; search: string }>('funds.recipients', { streetId: null, search: '' });
  const search = useDeferredValue(filters.search.trim());
  const tree = useApiQuery('units.tree', { includeRetired: false });
  const list = useApiQuery('funds.recipientBalances', { year, streetId: filters.streetId, search }, { placeholderData: keepPreviousData });
  const open = (r: RecipientBalance) => navigate(statementPath(year, r));
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
      <QueryContent
        query={list}
        isEmpty={(rows) => rows.length === 0}
        empty={
          <EmptyState
            title={filtered ? '没有符合条件的拨付对象' : `${year}年还没有分配给任何对象`}
            hint={filtered ? '换个街道或搜索内容试试' : '在“经费项目”中分配后，这里列出每个对象的分配和拨付'}
          />
        }
      >
        {(rows) => (
          <ReportTable
            label={`${year}年各拨付对象的分配和拨付`}
            columns={COLUMNS}
            rows={rows}
            rowKey={(r) => r.key}
            rowProps={(r) => ({
              hover: true,
              tabIndex: 0,
              sx: { cursor: 'pointer' },
              onClick: () => open(r),
              onKeyDown: (e) => {
                if (e.key === 'Enter') open(r);
              },
              title: '查看对账单',
            })}
            total={{
              label: `合计（${rows.length} 个）`,
              balance: sumBalances(rows.map((r) => r.balance)),
              overdueAllocations: rows.reduce((n, r) => n + r.overdueAllocations, 0),
            }}
            maxHeight="calc(100vh - 260px)"
          />
        )}
      </QueryContent>
    </Stack>
  );
}
