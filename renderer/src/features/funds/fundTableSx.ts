import type { SxProps, Theme } from '@mui/material';

/**
 * The look every 经费台账 table shares: bold grey header, amounts right-aligned in tabular
 * figures that never wrap, long names clamped to two lines (the full name in the title), and
 * 小计 / 合计 rows set off.
 */
export const fundTableSx: SxProps<Theme> = {
  '& th': { fontWeight: 600, bgcolor: 'grey.50', px: 1, whiteSpace: 'nowrap' },
  '& td': { px: 1 },
  '& .num': { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  '& .wrap': { overflowWrap: 'anywhere', minWidth: 72 },
  '& .clamp': { display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', overflowWrap: 'anywhere' },
  '& .mono': { fontFamily: 'monospace' },
  '& tr.subtotal td': { bgcolor: 'grey.50', fontWeight: 600 },
  '& tr.group td': { bgcolor: 'grey.100', fontWeight: 600, py: 0.5 },
  '& tfoot tr.total td': { bgcolor: 'grey.100', fontWeight: 700, color: 'text.primary', fontSize: 14, borderBottom: 0 },
};
