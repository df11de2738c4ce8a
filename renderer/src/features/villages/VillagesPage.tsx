import { useDeferredValue } from 'react';
import { Button, Chip, Stack, Tooltip, Typography } from '@mui/material';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import BarChartOutlined from '@mui/icons-material/BarChartOutlined';
import type { GridColDef, GridColumnVisibilityModel } from '@mui/x-data-grid';
import { keepPreviousData } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { VillageListRow, VillageSort } from '../../../../shared/api/villages';
import { VILLAGE_LIST_COLUMNS, type VillageListColumn } from '../../../../shared/api/villages/list-columns';
import { formatYuan } from '../../../../shared/domain/money';
import { api } from '../../api/client';
import { useApiQuery } from '../../components/apiQueries';
import { DataTable } from '../../components/DataTable';
import { useExportButton } from '../../components/ExportButton';
import { ErrorState } from '../../components/States';
import { useDictionary } from '../../components/useDictionary';
import { useServerGrid } from '../../components/useServerGrid';
import { VillageImportButtons } from './VillageImport';
import { VillageFilterBar } from './VillageFilterBar';
import { NO_FILTERS, toListInput, type VillageFilters } from './villageFilters';

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
// the less used columns start hidden; 列 in the column menu shows them
const DEFAULT_HIDDEN: GridColumnVisibilityModel = Object.fromEntries(VILLAGE_LIST_COLUMNS.filter((c) => !c.shownByDefault).map((c) => [c.field, false]));

/** 村情档案: every village/community with its profile and the chosen year's figures. */
export function VillagesPage() {
  const navigate = useNavigate();
  const grid = useServerGrid<VillageFilters, VillageSort>({
    storageKey: 'villages',
    filter: NO_FILTERS,
    sortFields: SORT_FIELDS,
    defaultSort: { sort: 'code', direction: 'asc' },
    hiddenColumns: DEFAULT_HIDDEN,
  });
  const { filter: filters, setFilter: changeFilters } = grid;
  const settings = useApiQuery('settings.get');
  const tree = useApiQuery('units.tree', { includeRetired: false });
  const kinds = useDictionary('unit_kind');
  const stars = useDictionary('star_rating');
  const fortress = useDictionary('fortress_index');
  const input = { ...toListInput(filters), text: useDeferredValue(filters.text.trim()) || undefined, ...grid.input };
  const list = useApiQuery('villages.list', input, { placeholderData: keepPreviousData });

  const visibleFields = VILLAGE_LIST_COLUMNS.map((c) => c.field).filter(grid.isColumnVisible);
  const exporter = useExportButton(() => api.villages.exportList({ filter: toListInput(filters), columns: visibleFields }), { variant: 'text', disabled: !list.data?.total });
  const workingYear = settings.data?.workingYear ?? new Date().getFullYear();
  const years = Array.from({ length: 12 }, (_, i) => workingYear + 1 - i);
  const year = list.data?.year ?? filters.year ?? workingYear;

  const dictionaries = { unit_kind: kinds, star_rating: stars, fortress_index: fortress } as Record<string, ReturnType<typeof useDictionary>>;
  const columns: GridColDef<VillageListRow>[] = VILLAGE_LIST_COLUMNS.map((c) => gridColumn(c, (d, v) => dictionaries[d]?.labelOf(v) ?? ''));

  return (
    <Stack spacing={1.5} sx={{ height: '100%' }}>
      <Stack direction="row" sx={{ alignItems: 'baseline' }} spacing={1}>
        <Typography variant="h6" component="h2">
          村情档案
        </Typography>
        <Typography color="text.secondary" sx={{ flex: 1 }}>
          {year}年度 · 共 {list.data?.total ?? '…'} 个村（社区）
        </Typography>
        {exporter.button}
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
      {exporter.feedback}
      <DataTable
        rows={list.data?.rows ?? []}
        getRowId={(row) => row.unitId}
        columns={columns}
        loading={list.isFetching}
        onRowClick={({ row }) => navigate(`/villages/${row.unitId}`)}
        {...grid.gridProps(list.data?.total)}
        emptyTitle="没有符合条件的村（社区）"
        emptyHint="可以放宽筛选条件，或点击“清除筛选”"
        sx={{ flex: 1, minHeight: 360 }}
      />
    </Stack>
  );
}
