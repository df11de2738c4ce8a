import { useDeferredValue } from 'react';
import { Button, Chip, Stack, Tooltip, Typography } from '@mui/material';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import BarChartOutlined from '@mui/icons-material/BarChartOutlined';
import { DataGrid, type GridColDef, type GridColumnVisibilityModel, type GridSortModel } from '@mui/x-data-grid';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { VILLAGE_SORTS, type VillageListRow, type VillageSort } from '../../../../shared/api/villages';
import { formatYuan } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { EmptyState, ErrorState } from '../../components/States';
import { useDictionary } from '../../components/useDictionary';
import { usePersistentState } from '../../components/usePersistentState';
import { VillageFilterBar } from './VillageFilterBar';
import { NO_FILTERS, toListInput, type VillageFilters } from './villageFilters';

interface GridState {
  page: number;
  pageSize: number;
  sort: VillageSort;
  direction: 'asc' | 'desc';
  columns: GridColumnVisibilityModel;
}
const INITIAL_GRID: GridState = {
  page: 0,
  pageSize: 50,
  sort: 'code',
  direction: 'asc',
  // the less used columns start hidden; 列 in the column menu shows them
  columns: { code: false, households: false, residentPopulation: false, fortressIndex: false, collectiveAssetsFen: false, liabilitiesFen: false },
};
/** grid field → the service's sort key */
const SORT_FIELDS: Record<string, VillageSort> = {
  code: 'code',
  name: 'name',
  streetName: 'street',
  collectiveIncomeFen: 'income',
  memberTotal: 'memberTotal',
  residentPopulation: 'residentPopulation',
  households: 'households',
};

const money = (fen: number | null) => (fen === null ? '' : formatYuan(fen));

/** 村情档案: every village/community with its profile and the chosen year's figures. */
export function VillagesPage() {
  const navigate = useNavigate();
  const [filters, setFilters] = usePersistentState<VillageFilters>('villages.filters', NO_FILTERS);
  const [grid, setGrid] = usePersistentState<GridState>('villages.grid', INITIAL_GRID);
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => api.settings.get() });
  const tree = useQuery({ queryKey: ['units.tree', false], queryFn: () => api.units.tree({ includeRetired: false }) });
  const kinds = useDictionary('unit_kind');
  const stars = useDictionary('star_rating');
  const fortress = useDictionary('fortress_index');
  const input = { ...toListInput(filters), text: useDeferredValue(filters.text.trim()) || undefined, page: grid.page, pageSize: grid.pageSize, sort: grid.sort, direction: grid.direction };
  const list = useQuery({ queryKey: ['villages.list', input], queryFn: () => api.villages.list(input), placeholderData: keepPreviousData });

  const workingYear = settings.data?.workingYear ?? new Date().getFullYear();
  const years = Array.from({ length: 12 }, (_, i) => workingYear + 1 - i);
  const year = list.data?.year ?? filters.year ?? workingYear;
  const changeFilters = (next: VillageFilters) => {
    setFilters(next);
    setGrid((g) => ({ ...g, page: 0 }));
  };

  const columns: GridColDef<VillageListRow>[] = [
    { field: 'streetName', headerName: '街道（镇）', width: 110 },
    { field: 'name', headerName: '名称', flex: 1, minWidth: 120 },
    { field: 'code', headerName: '代码', width: 122, cellClassName: 'mono' },
    { field: 'kind', headerName: '类别', width: 96, sortable: false, valueGetter: (_, row) => kinds.labelOf(row.kind) },
    { field: 'secretaryName', headerName: '书记', width: 84, sortable: false, valueGetter: (_, row) => `${row.secretaryName ?? ''}${row.secretaryIsDirector ? '（一肩挑）' : ''}` },
    { field: 'firstSecretaryName', headerName: '第一书记', width: 84, sortable: false },
    { field: 'memberTotal', headerName: '党员', type: 'number', width: 64 },
    { field: 'households', headerName: '户数', type: 'number', width: 70 },
    { field: 'residentPopulation', headerName: '常住人口', type: 'number', width: 84 },
    { field: 'collectiveIncomeFen', headerName: '集体经营性收入（元）', type: 'number', width: 168, valueFormatter: (value: number | null) => money(value) },
    { field: 'incomeBandLabel', headerName: '收入档次', width: 96, sortable: false },
    { field: 'collectiveAssetsFen', headerName: '集体资产（元）', type: 'number', width: 130, sortable: false, valueFormatter: (value: number | null) => money(value) },
    { field: 'liabilitiesFen', headerName: '负债（元）', type: 'number', width: 120, sortable: false, valueFormatter: (value: number | null) => money(value) },
    { field: 'starRating', headerName: '评星定级', width: 80, sortable: false, valueGetter: (_, row) => stars.labelOf(row.starRating) },
    { field: 'fortressIndex', headerName: '堡垒指数', width: 80, sortable: false, valueGetter: (_, row) => fortress.labelOf(row.fortressIndex) },
    {
      field: 'weakOrg',
      headerName: '软弱涣散',
      width: 80,
      sortable: false,
      renderCell: ({ row }) => (row.weakOrg ? <Chip size="small" color="warning" label="是" /> : ''),
    },
  ];
  const sortModel: GridSortModel = [{ field: Object.keys(SORT_FIELDS).find((f) => SORT_FIELDS[f] === grid.sort) ?? 'code', sort: grid.direction }];

  return (
    <Stack spacing={1.5} sx={{ height: '100%' }}>
      <Stack direction="row" sx={{ alignItems: 'baseline' }} spacing={1}>
        <Typography variant="h6" component="h2">
          村情档案
        </Typography>
        <Typography color="text.secondary" sx={{ flex: 1 }}>
          {year}年度 · 共 {list.data?.total ?? '…'} 个村（社区）
        </Typography>
        <Button startIcon={<BarChartOutlined />} onClick={() => navigate('/villages/report')}>
          收入分档统计
        </Button>
        <Tooltip title={filters.streetId === null ? '先在“街道（镇）”中选定一个街道' : '该街道每个村（社区）一页'}>
          <span>
            <Button startIcon={<PrintOutlined />} disabled={filters.streetId === null} onClick={() => navigate(`/print/village-street/${filters.streetId}`)}>
              打印本街道村情简表
            </Button>
          </span>
        </Tooltip>
      </Stack>
      <VillageFilterBar filters={filters} onChange={changeFilters} streets={tree.data ?? []} bands={list.data?.bands ?? []} years={years} defaultYear={year} />
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      <DataGrid
        rows={list.data?.rows ?? []}
        getRowId={(row) => row.unitId}
        columns={columns}
        loading={list.isFetching}
        density="compact"
        disableRowSelectionOnClick
        onRowClick={({ row }) => navigate(`/villages/${row.unitId}`)}
        paginationMode="server"
        sortingMode="server"
        rowCount={list.data?.total ?? 0}
        paginationModel={{ page: grid.page, pageSize: grid.pageSize }}
        onPaginationModelChange={(m) => setGrid((g) => ({ ...g, page: m.page, pageSize: m.pageSize }))}
        pageSizeOptions={[25, 50, 100, 200]}
        sortModel={sortModel}
        onSortModelChange={(model) => {
          const first = model[0];
          const sort = first ? SORT_FIELDS[first.field] : undefined;
          setGrid((g) => ({ ...g, page: 0, sort: sort && (VILLAGE_SORTS as readonly string[]).includes(sort) ? sort : 'code', direction: first?.sort === 'desc' ? 'desc' : 'asc' }));
        }}
        columnVisibilityModel={grid.columns}
        onColumnVisibilityModelChange={(columns) => setGrid((g) => ({ ...g, columns }))}
        slots={{ noRowsOverlay: () => <EmptyState title="没有符合条件的村（社区）" hint="可以放宽筛选条件，或点击“清除筛选”" /> }}
        sx={{ bgcolor: 'background.paper', flex: 1, minHeight: 360, '& .mono': { fontFamily: 'monospace' }, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
      />
    </Stack>
  );
}
