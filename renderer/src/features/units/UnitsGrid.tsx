import { Chip, IconButton, Stack, Tooltip } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import EditOutlined from '@mui/icons-material/EditOutlined';
import SwapHorizOutlined from '@mui/icons-material/SwapHorizOutlined';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import RestoreOutlined from '@mui/icons-material/RestoreOutlined';
import type { UnitRow } from '../../../../shared/api/units';
import { URBAN_RURAL_CLASSES } from '../../../../shared/domain/division';
import { EmptyState } from '../../components/States';
import { useUnitKinds } from './useUnitKinds';

export interface UnitActions {
  open: (row: UnitRow) => void;
  edit: (row: UnitRow) => void;
  changeCode: (row: UnitRow) => void;
  retire: (row: UnitRow) => void;
  restore: (row: UnitRow) => void;
}

/** The list of units (or search results, streets included) with the row actions. */
export function UnitsGrid({ rows, actions, canEdit, showStreet, emptyTitle, emptyHint }: {
  rows: UnitRow[];
  actions: UnitActions;
  /** false for 查阅 accounts: no edit column */
  canEdit: boolean;
  showStreet: boolean;
  emptyTitle: string;
  emptyHint?: string;
}) {
  const kinds = useUnitKinds();
  const actionsColumn: GridColDef<UnitRow> = {
      field: 'actions',
      headerName: '操作',
      width: 112,
      sortable: false,
      filterable: false,
      renderCell: ({ row }) => (
        <Stack direction="row" onClick={(e) => e.stopPropagation()}>
          <Tooltip title="编辑">
            <IconButton size="small" aria-label={`编辑${row.name}`} onClick={() => actions.edit(row)}>
              <EditOutlined fontSize="small" />
            </IconButton>
          </Tooltip>
          {row.status === 'active' ? (
            <>
              <Tooltip title="变更代码（村改居、调整街道）">
                <IconButton size="small" aria-label={`变更代码${row.name}`} onClick={() => actions.changeCode(row)}>
                  <SwapHorizOutlined fontSize="small" />
                </IconButton>
              </Tooltip>
              <Tooltip title="撤销">
                <IconButton size="small" aria-label={`撤销${row.name}`} onClick={() => actions.retire(row)}>
                  <BlockOutlined fontSize="small" />
                </IconButton>
              </Tooltip>
            </>
          ) : (
            <Tooltip title="恢复">
              <IconButton size="small" aria-label={`恢复${row.name}`} onClick={() => actions.restore(row)}>
                <RestoreOutlined fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
        </Stack>
      ),
    };
  const columns: GridColDef<UnitRow>[] = [
    { field: 'name', headerName: '名称', flex: 1.2, minWidth: 120 },
    ...(showStreet
      ? [{ field: 'streetName', headerName: '所属街道（镇）', flex: 1, minWidth: 120, valueGetter: (_: unknown, row: UnitRow) => row.streetName ?? '—' } satisfies GridColDef<UnitRow>]
      : []),
    { field: 'code', headerName: '代码', width: 122, cellClassName: 'mono' },
    { field: 'kind', headerName: '类别', width: 96, valueGetter: (_, row) => kinds.labelOf(row) },
    {
      field: 'urbanRuralClass',
      headerName: '城乡分类',
      width: 104,
      valueGetter: (_, row) => URBAN_RURAL_CLASSES.find((c) => c.value === row.urbanRuralClass)?.label ?? '',
    },
    { field: 'fullName', headerName: '全称', flex: 1.5, minWidth: 140 },
    {
      field: 'status',
      headerName: '状态',
      width: 76,
      renderCell: ({ row }) =>
        row.status === 'active' ? <Chip size="small" label="在册" color="success" variant="outlined" /> : <Chip size="small" label="已撤销" />,
    },
    ...(canEdit ? [actionsColumn] : []),
  ];
  return (
    <DataGrid
      rows={rows}
      columns={columns}
      density="compact"
      disableRowSelectionOnClick
      onRowClick={({ row }) => actions.open(row)}
      initialState={{ pagination: { paginationModel: { pageSize: 50 } } }}
      pageSizeOptions={[25, 50, 100]}
      slots={{ noRowsOverlay: () => <EmptyState title={emptyTitle} hint={emptyHint} /> }}
      sx={{ bgcolor: 'background.paper', '& .mono': { fontFamily: 'monospace' }, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
    />
  );
}
