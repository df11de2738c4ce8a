import { Fragment, type ReactNode } from 'react';
import { Box, Paper, Table, TableBody, TableCell, TableContainer, TableFooter, TableHead, TableRow, type SxProps, type TableRowProps, type Theme } from '@mui/material';
import { formatYuan } from '../../../shared/domain/money';

/**
 * The ledger / report table: a header that stays in view, the rows (or groups of rows, each with
 * its 小计), and the 合计 as a footer row that stays in view at the bottom while the rows scroll.
 * Columns are declared once for the header, the rows and the sums; figures are right-aligned in
 * digits of equal width, money is 元 with thousands separators and two decimals.
 *
 * A sum row (小计, 合计) shows each column's `total`; a column without one is left empty and joins
 * the cell to its left when that is the label (合计（3 个项目）spans the columns after it), else
 * the empty cells beside it — so the label and the sums line up under their headers.
 */
export interface ReportColumn<R, T = R> {
  key: string;
  header: ReactNode;
  /** a tooltip on the header (what the figure means) */
  headerTitle?: string;
  /** figures: right-aligned, digits of equal width, never wrapped */
  numeric?: boolean;
  /** right-aligned without being a figure (操作) */
  alignRight?: boolean;
  width?: number | string;
  minWidth?: number;
  /** the cells never wrap (dates, short labels) */
  nowrap?: boolean;
  /** long text without spaces may break anywhere (凭证号, 备注) */
  breakAnywhere?: boolean;
  /** codes in monospace */
  mono?: boolean;
  padding?: 'checkbox';
  /** the body cells' own style */
  sx?: SxProps<Theme>;
  /** a row's cell; `index` counts the rows from 0, through the groups */
  cell?: (row: R, index: number) => ReactNode;
  /** a 小计 / 合计 row's cell; absent: the cell is left empty */
  total?: (sum: T) => ReactNode;
}

export interface ReportGroup<R, T> {
  key: string | number;
  /** the group's heading row, across the table */
  label: ReactNode;
  rows: readonly R[];
  /** its 小计 row (columns' `total`), when it has one */
  subtotal?: T;
}

export interface ReportTableProps<R, T> {
  /** the table's accessible name */
  label: string;
  columns: readonly ReportColumn<R, T>[];
  /** the rows, or `groups` of rows, or `children` (rows drawn by the page) */
  rows?: readonly R[];
  groups?: readonly ReportGroup<R, T>[];
  children?: ReactNode;
  rowKey?: (row: R) => string | number;
  /** a row's own props: data-* attributes, onClick, hover, selected, sx */
  rowProps?: (row: R) => TableRowProps & Record<`data-${string}`, string | number>;
  /** the 合计 row, kept in view at the bottom */
  total?: T;
  /**
   * how tall the table may grow before its rows scroll under the header and 合计: a height,
   * 'fill' (the space its page leaves it in a flex column), or 'none' (it never scrolls)
   */
  maxHeight?: string | number;
  minWidth?: number;
  /** the columns keep their widths (tables shown one under another line up) */
  fixedLayout?: boolean;
  /** drawn in an outlined frame (false: inside a frame the page draws) */
  outlined?: boolean;
}

/** The shared look: bold header on grey, figures aligned, long names clamped to two lines, sums set off. */
const TABLE_SX = {
  '& th': { fontWeight: 600, bgcolor: 'grey.50', px: 1, whiteSpace: 'nowrap' },
  '& td': { px: 1 },
  '& .num': { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  '& .right': { textAlign: 'right' },
  '& .nowrap': { whiteSpace: 'nowrap' },
  '& .wrap': { overflowWrap: 'anywhere', minWidth: 72 },
  '& .clamp': { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', overflowWrap: 'anywhere' },
  '& .mono': { fontFamily: 'monospace' },
  '& tr.group td': { bgcolor: 'grey.100', fontWeight: 600, py: 0.5 },
  '& tr.subtotal td': { bgcolor: 'grey.50', fontWeight: 600 },
  '& tfoot tr.total td': {
    bgcolor: 'grey.100',
    fontWeight: 700,
    color: 'text.primary',
    fontSize: 14,
    borderBottom: 0,
    borderTop: 1,
    borderTopColor: 'divider',
    position: 'sticky',
    bottom: 0,
    zIndex: 2,
  },
} satisfies SxProps<Theme>;

type CellLook = Pick<ReportColumn<unknown, unknown>, 'numeric' | 'alignRight' | 'nowrap' | 'breakAnywhere' | 'mono'>;
const classesOf = (c: CellLook) =>
  [c.numeric && 'num', c.alignRight && 'right', c.nowrap && 'nowrap', c.breakAnywhere && 'wrap', c.mono && 'mono'].filter(Boolean).join(' ') || undefined;

/** The cells of a sum row: each column's total; empty columns join the label to their left, or each other. */
function sumCells<R, T>(columns: readonly ReportColumn<R, T>[], sum: T) {
  const cells: Array<{ column: ReportColumn<R, T>; colSpan: number; content: ReactNode; empty: boolean }> = [];
  for (const column of columns) {
    const last = cells[cells.length - 1];
    if (column.total) cells.push({ column, colSpan: 1, content: column.total(sum), empty: false });
    else if (last && (last.empty || !last.column.numeric)) last.colSpan += 1;
    else cells.push({ column, colSpan: 1, content: null, empty: true });
  }
  return cells;
}

function SumRow<R, T>({ columns, sum, className }: { columns: readonly ReportColumn<R, T>[]; sum: T; className: string }) {
  return (
    <TableRow className={className}>
      {sumCells(columns, sum).map((c) => (
        <TableCell key={c.column.key} colSpan={c.colSpan > 1 ? c.colSpan : undefined} className={c.empty ? undefined : classesOf(c.column)}>
          {c.content}
        </TableCell>
      ))}
    </TableRow>
  );
}

export function ReportTable<R, T = R>({
  label,
  columns,
  rows,
  groups,
  children,
  rowKey,
  rowProps,
  total,
  maxHeight = 'calc(100vh - 200px)',
  minWidth,
  fixedLayout = false,
  outlined = true,
}: ReportTableProps<R, T>) {
  const row = (r: R, index: number) => (
    <TableRow key={rowKey ? rowKey(r) : index} {...rowProps?.(r)}>
      {columns.map((c) => (
        <TableCell key={c.key} padding={c.padding} className={classesOf(c)} sx={c.sx}>
          {c.cell?.(r, index)}
        </TableCell>
      ))}
    </TableRow>
  );
  // rows are numbered through the groups (序号 in ledger order)
  const groupStarts = (groups ?? []).map((_, n) => groups!.slice(0, n).reduce((count, g) => count + g.rows.length, 0));
  const containerSx = maxHeight === 'fill' ? { flex: '0 1 auto', minHeight: 0 } : { maxHeight: maxHeight === 'none' ? undefined : maxHeight };
  const table = (
    <Table size="small" stickyHeader aria-label={label} sx={{ ...TABLE_SX, tableLayout: fixedLayout ? 'fixed' : undefined, minWidth }}>
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableCell key={c.key} padding={c.padding} className={c.numeric || c.alignRight ? 'right' : undefined} title={c.headerTitle} sx={{ width: c.width, minWidth: c.minWidth }}>
              {c.header}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {children}
        {rows?.map(row)}
        {groups?.map((g, n) => (
          <Fragment key={g.key}>
            <TableRow className="group">
              <TableCell colSpan={columns.length}>{g.label}</TableCell>
            </TableRow>
            {g.rows.map((r, i) => row(r, groupStarts[n]! + i))}
            {g.subtotal !== undefined && <SumRow columns={columns} sum={g.subtotal} className="subtotal" />}
          </Fragment>
        ))}
      </TableBody>
      {total !== undefined && (
        <TableFooter>
          <SumRow columns={columns} sum={total} className="total" />
        </TableFooter>
      )}
    </Table>
  );
  return outlined ? (
    <TableContainer component={Paper} variant="outlined" sx={containerSx}>
      {table}
    </TableContainer>
  ) : (
    <TableContainer sx={containerSx}>{table}</TableContainer>
  );
}

/** An amount in 元 (thousands separators, two decimals); a reversal (negative) in red, a zero grey when `muted`. */
export function Money({ fen, muted = false }: { fen: number | null; muted?: boolean }) {
  if (fen === null) return null;
  const color = fen < 0 ? 'error.main' : muted && fen === 0 ? 'text.disabled' : undefined;
  return color ? (
    <Box component="span" sx={{ color }}>
      {formatYuan(fen)}
    </Box>
  ) : (
    formatYuan(fen)
  );
}

/** A table cell with an amount, for rows a page draws itself (`children`). */
export function MoneyCell({ fen, muted }: { fen: number | null; muted?: boolean }) {
  return (
    <TableCell className="num">
      <Money fen={fen} muted={muted} />
    </TableCell>
  );
}

/** A money column: the rows' amounts and, with `total`, the sums' (in 分). */
export function moneyColumn<R, T = R>(
  key: string,
  header: ReactNode,
  of: (row: R) => number | null,
  total?: (sum: T) => number,
  options: Omit<ReportColumn<R, T>, 'key' | 'header' | 'cell' | 'total' | 'numeric'> & { muted?: boolean } = {},
): ReportColumn<R, T> {
  const { muted, ...rest } = options;
  return {
    key,
    header,
    numeric: true,
    cell: (r) => <Money fen={of(r)} muted={muted} />,
    ...(total && { total: (s: T) => <Money fen={total(s)} muted={muted} /> }),
    ...rest,
  };
}
