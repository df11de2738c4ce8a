import { useCallback } from 'react';
import type { DataGridProps, GridColumnVisibilityModel, GridSortModel } from '@mui/x-data-grid';
import { usePersistentState } from './usePersistentState';

type Direction = 'asc' | 'desc';

interface GridState<S extends string> {
  page: number;
  pageSize: number;
  sort: S | null;
  direction: Direction;
  columns: GridColumnVisibilityModel;
}

export interface ServerGridOptions<F, S extends string> {
  /** the filters a page starts with (a filter bar changes them with setFilter) */
  filter: F;
  /**
   * keeps the filters and the grid (page, size, sort, columns) in this window's sessionStorage,
   * under `<key>.filters` and `<key>.grid`; without it they last as long as the page
   */
  storageKey?: string;
  pageSize?: number;
  pageSizeOptions?: number[];
  /** grid field → the service's sort key; without it the columns do not sort */
  sortFields?: Record<string, S>;
  /** the order when none is chosen (the service's default) */
  defaultSort?: { sort: S; direction: Direction };
  /** columns hidden until the user shows them (列 in the column menu) */
  hiddenColumns?: GridColumnVisibilityModel;
}

/**
 * A grid whose rows come from a list method page by page: the filters, the page, its size and
 * the sort order as state, `input` as the method's paging part (`{ page, pageSize, sort?,
 * direction? }`) and `gridProps(total)` for DataTable. Changing the filters or the order goes
 * back to the first page.
 */
export function useServerGrid<F, S extends string = never>(options: ServerGridOptions<F, S>) {
  const { storageKey, sortFields, defaultSort, hiddenColumns = {}, pageSizeOptions = [25, 50, 100, 200] } = options;
  const [filter, setFilterState] = usePersistentState<F>(storageKey ? `${storageKey}.filters` : null, options.filter);
  const [grid, setGrid] = usePersistentState<GridState<S>>(storageKey ? `${storageKey}.grid` : null, {
    page: 0,
    pageSize: options.pageSize ?? 50,
    sort: defaultSort?.sort ?? null,
    direction: defaultSort?.direction ?? 'asc',
    columns: {},
  });

  const setFilter = useCallback(
    (next: F) => {
      setFilterState(next);
      setGrid((g) => ({ ...g, page: 0 }));
    },
    [setFilterState, setGrid],
  );

  const sortField = sortFields && grid.sort !== null ? Object.keys(sortFields).find((f) => sortFields[f] === grid.sort) : undefined;
  const sortModel: GridSortModel = sortField ? [{ field: sortField, sort: grid.direction }] : [];
  const columnVisibilityModel = { ...hiddenColumns, ...grid.columns };

  const input = { page: grid.page, pageSize: grid.pageSize, ...(sortFields && grid.sort !== null ? { sort: grid.sort, direction: grid.direction } : {}) };

  const gridProps = (total: number | undefined) =>
    ({
      paginationMode: 'server',
      rowCount: total ?? 0,
      paginationModel: { page: grid.page, pageSize: grid.pageSize },
      onPaginationModelChange: (m) => setGrid((g) => ({ ...g, page: m.page, pageSize: m.pageSize })),
      pageSizeOptions,
      ...(sortFields
        ? {
            sortingMode: 'server',
            sortModel,
            onSortModelChange: (model) => {
              const first = model[0];
              const sort = (first && sortFields[first.field]) || defaultSort?.sort || null;
              setGrid((g) => ({ ...g, page: 0, sort, direction: first?.sort === 'desc' ? 'desc' : 'asc' }));
            },
          }
        : { disableColumnSorting: true }),
      columnVisibilityModel,
      onColumnVisibilityModelChange: (columns) => setGrid((g) => ({ ...g, columns })),
    }) satisfies Partial<DataGridProps>;

  return {
    filter,
    setFilter,
    /** the paging and sorting part of the list method's input */
    input,
    /** the fields shown now (the export takes the same columns) */
    isColumnVisible: (field: string) => columnVisibilityModel[field] !== false,
    gridProps,
  };
}
