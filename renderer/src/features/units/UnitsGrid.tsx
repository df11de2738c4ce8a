import type { ReactNode } from 'react';
import { Chip, IconButton, Stack, Tooltip } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import EditOutlined from '@mui/icons-material/EditOutlined';
import SwapHorizOutlined from '@mui/icons-material/SwapHorizOutlined';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import RestoreOutlined from '@mui/icons-material/RestoreOutlined';
import type { UnitRow } from '../../../../shared/api/units';
import { URBAN_RURAL_CLASSES } from '../../../../shared/domain/division';
import { DataTable } from '../../components/DataTable';
import { useMayCall } from '../auth/useCurrentUser';
import { useUnitKinds } from './useUnitKinds';

export interface UnitActions {
  open: (row: UnitRow) => void;
  edit: (row: UnitRow) => void;
  changeCode: (row: UnitRow) => void;
  retire: (row: UnitRow) => void;
  restore: (row: UnitRow) => void;
}

/** The list of units (or search results, streets included) with the row actions (none for 查阅 accounts). */
export function UnitsGrid({ rows, actions, showStreet, emptyTitle, emptyHint }: {
  rows: UnitRow[];
  actions: UnitActions;
  showStreet: boolean;
  emptyTitle: string;
  emptyHint?: string;
}) {
  const kinds = useUnitKinds();
  const may = useMayCall({ edit: 'units.update', changeCode: 'units.changeCode', retire: 'units.retire', restore: 'units.restore' });
  const actionsColumn: GridColDef<UnitRow> = {
      field: 'actions',
      headerName: '操作',
      width: 112,
      sortable: false,
      filterable: false,
      renderCell: ({ row }) => (
        <Stack direction="row" onClick={(e) => e.stopPropagation()}>
          <RowAction shown={may.edit} title="编辑" label={`编辑${row.name}`} onClick={() => actions.edit(row)} icon={<EditOutlined fontSize="small" />} />
          {row.status === 'active' ? (
            <>
              <RowAction shown={may.changeCode} title="变更代码（村改居、调整街道）" label={`变更代码${row.name}`} onClick={() => actions.changeCode(row)} icon={<SwapHorizOutlined fontSize="small" />} />
              <RowAction shown={may.retire} title="撤销" label={`撤销${row.name}`} onClick={() => actions.retire(row)} icon={<BlockOutlined fontSize="small" />} />
            </>
          ) : (
            <RowAction shown={may.restore} title="恢复" label={`恢复${row.name}`} onClick={() => actions.restore(row)} icon={<RestoreOutlined fontSize="small" />} />
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
    ...(may.edit || may.changeCode || may.retire || may.restore ? [actionsColumn] : []),
  ];
  return (
    <DataTable
      rows={rows}
      columns={columns}
      onRowClick={({ row }) => actions.open(row)}
      initialState={{ pagination: { paginationModel: { pageSize: 50 } } }}
      pageSizeOptions={[25, 50, 100]}
      emptyTitle={emptyTitle}
      emptyHint={emptyHint}
    />
  );
}

/** A row's icon button with its tooltip; nothing for those who may not (`shown` false). */
function RowAction({ shown, title, label, onClick, icon }: { shown: boolean; title: string; label: string; onClick: () => void; icon: ReactNode }) {
  if (!shown) return null;
  return (
    <Tooltip title={title}>
      <IconButton size="small" aria-label={label} onClick={onClick}>
        {icon}
      </IconButton>
    </Tooltip>
  );
}
