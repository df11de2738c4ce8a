import { DataGrid, type DataGridProps, type GridValidRowModel } from '@mui/x-data-grid';
import { zhCN } from '@mui/x-data-grid/locales';
import type { SxProps, Theme } from '@mui/material';
import { EmptyState } from './States';

const GRID_LOCALE = zhCN.components.MuiDataGrid.defaultProps.localeText;

/** The look every list grid shares: on paper, codes in monospace (cellClassName 'mono'). */
const GRID_SX: SxProps<Theme> = { bgcolor: 'background.paper', '& .mono': { fontFamily: 'monospace' } };
const CLICKABLE_SX: SxProps<Theme> = { '& .MuiDataGrid-row': { cursor: 'pointer' } };

export type DataTableProps<R extends GridValidRowModel> = DataGridProps<R> & {
  /** what the empty grid says (the no-rows overlay), and a hint under it */
  emptyTitle?: string;
  emptyHint?: string;
};

/**
 * Every list grid of the app: MUI's DataGrid in Chinese (zhCN), compact, rows not selected by a
 * click, the shared look, and the empty state in our words. A clickable row (onRowClick) shows
 * the hand. Server-side paging and sorting: spread `useServerGrid(…).gridProps(total)`.
 */
export function DataTable<R extends GridValidRowModel>({ emptyTitle, emptyHint, slots, sx, onRowClick, ...props }: DataTableProps<R>) {
  return (
    <DataGrid<R>
      density="compact"
      disableRowSelectionOnClick
      localeText={GRID_LOCALE}
      onRowClick={onRowClick}
      slots={{ ...(emptyTitle !== undefined && { noRowsOverlay: () => <EmptyState title={emptyTitle} hint={emptyHint} /> }), ...slots }}
      sx={[GRID_SX, onRowClick !== undefined && CLICKABLE_SX, ...(Array.isArray(sx) ? sx : [sx])]}
      {...props}
    />
  );
}
