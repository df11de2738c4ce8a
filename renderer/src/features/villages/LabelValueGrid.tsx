import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';

export interface LabelValue {
  label: string;
  /** null: not filled in yet */
  value: ReactNode | null;
  /** takes the whole width (long text) */
  wide?: boolean;
}

/** A 简表-style grid: two columns of label / value pairs with ruled cells; empty values read “尚未填写”. */
export function LabelValueGrid({ rows, ariaLabel }: { rows: LabelValue[]; ariaLabel?: string }) {
  return (
    <Box
      component="dl"
      aria-label={ariaLabel}
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: '180px minmax(0, 1fr) 180px minmax(0, 1fr)',
        borderTop: 1,
        borderLeft: 1,
        borderColor: 'divider',
        '& > dt, & > dd': { m: 0, px: 1.5, py: 0.75, borderRight: 1, borderBottom: 1, borderColor: 'divider', minHeight: 36, display: 'flex', alignItems: 'center' },
        '& > dt': { bgcolor: 'grey.50', color: 'text.secondary', fontSize: 14 },
        '& > dd': { wordBreak: 'break-all', fontSize: 14 },
        '& > dd.wide': { gridColumn: 'span 3' },
      }}
    >
      {rows.map((row) => (
        <Row key={row.label} row={row} />
      ))}
      {/* an odd count leaves the last pair alone on its line: fill the gap so the ruling stays closed */}
      {rows.filter((r) => !r.wide).length % 2 === 1 && !rows[rows.length - 1]?.wide && (
        <>
          <dt aria-hidden />
          <dd aria-hidden />
        </>
      )}
    </Box>
  );
}

function Row({ row }: { row: LabelValue }) {
  return (
    <>
      <dt>{row.label}</dt>
      <dd className={row.wide ? 'wide' : undefined}>
        {row.value === null || row.value === '' ? (
          <Typography component="span" color="text.disabled" sx={{ fontSize: 14 }}>
            尚未填写
          </Typography>
        ) : (
          row.value
        )}
      </dd>
    </>
  );
}
