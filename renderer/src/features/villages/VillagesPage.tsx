import { useDeferredValue } from 'react';
import { Alert, Button, Chip, Stack, Tooltip, Typography } from '@mui/material';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import BarChartOutlined from '@mui/icons-material/BarChartOutlined';
import { DataGrid, type GridColDef, type GridColumnVisibilityModel, type GridSortModel } from '@mui/x-data-grid';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { VILLAGE_SORTS, type VillageListRow, type VillageSort } from '../../../../shared/api/villages';
import { VILLAGE_LIST_COLUMNS, type VillageListColumn } from '../../../../shared/api/villages/list-columns';
import { formatYuan } from '../../../../shared/domain/money';
import { api, errorMessage, saveExport } from '../../api/client';
import { EmptyState, ErrorState } from '../../components/States';
import { useDictionary } from '../../components/useDictionary';
import { usePersistentState } from '../../components/usePersistentState';
import { VillageImportButtons } from './VillageImport';
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
  columns: {},
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

/** A grid column from the shared column list (the Excel export uses the same list). */
function gridColumn(c: VillageListColumn, labelOf: (dictionary: string, value: string) => string): GridColDef<VillageListRow> {
  const base = { field: c.field, headerName: c.label, width: c.width, sortable: c.field in SORT_FIELDS };
  if (c.field === 'name') return { ...base, flex: 1, minWidth: c.width };
  if (c.field === 'code') return { ...base, cellClassName: 'mono' };
  if (c.field === 'secretaryName') return { ...base, valueGetter: (_, row) => `${row.secretaryName ?? ''}${row.secretaryIsDirector ? '（一肩挑）' : ''}` };
  if (c.kind === 'yuan') return { ...base, type: 'number', valueFormatter: (value: number | null) => money(value) };
  if (c.kind === 'count') return { ...base, type: 'number' };
  if (c.field === 'weakOrg') return { ...base, renderCell: ({ row }) => (row.weakOrg ? <Chip size="small" color="warning" label="是" /> : '') };
  if (c.kind === 'flag') return { ...base, valueGetter: (value: boolean) => (value ? '是' : '') };
  if (typeof c.kind === 'object') {
    const dictionary = c.kind.dictionary;
    return { ...base, valueGetter: (value: string | null) => (value ? labelOf(dictionary, value) : '') };
  }
  return base;
}
const DEFAULT_HIDDEN: GridColumnVisibilityModel = Object.fromEntries(VILLAGE_LIST_COLUMNS.filter((c) => !c.shownByDefault).map((c) => [c.field, false]));

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

  const visibleFields = VILLAGE_LIST_COLUMNS.map((c) => c.field).filter((f) => ({ ...DEFAULT_HIDDEN, ...grid.columns })[f] !== false);
  const exportList = useMutation({ mutationFn: async () => saveExport(await api.villages.exportList({ filter: toListInput(filters), columns: visibleFields })) });
  const workingYear = settings.data?.workingYear ?? new Date().getFullYear();
  const years = Array.from({ length: 12 }, (_, i) => workingYear + 1 - i);
  const year = list.data?.year ?? filters.year ?? workingYear;
  const changeFilters = (next: VillageFilters) => {
    setFilters(next);
    setGrid((g) => ({ ...g, page: 0 }));
  };

  const dictionaries = { unit_kind: kinds, star_rating: stars, fortress_index: fortress } as Record<string, ReturnType<typeof useDictionary>>;
  const columns: GridColDef<VillageListRow>[] = VILLAGE_LIST_COLUMNS.map((c) => gridColumn(c, (d, v) => dictionaries[d]?.labelOf(v) ?? ''));
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
        <Button startIcon={<FileDownloadOutlined />} disabled={exportList.isPending || !list.data?.total} onClick={() => exportList.mutate()}>
          导出 Excel
        </Button>
        <VillageImportButtons />
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
      {exportList.isError && <Alert severity="error">{errorMessage(exportList.error)}</Alert>}
      {exportList.data && <Alert severity="success" onClose={() => exportList.reset()}>{exportList.data}</Alert>}
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
        columnVisibilityModel={{ ...DEFAULT_HIDDEN, ...grid.columns }}
        onColumnVisibilityModelChange={(columns) => setGrid((g) => ({ ...g, columns }))}
        slots={{ noRowsOverlay: () => <EmptyState title="没有符合条件的村（社区）" hint="可以放宽筛选条件，或点击“清除筛选”" /> }}
        sx={{ bgcolor: 'background.paper', flex: 1, minHeight: 360, '& .mono': { fontFamily: 'monospace' }, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
      />
    </Stack>
  );
}
