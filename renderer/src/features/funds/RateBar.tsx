import { Box, LinearProgress, Typography } from '@mui/material';
import { formatRate } from './reports/fundFormat';

/** 拨付率 as a thin bar and the percentage beside it; '—' when nothing is allocated. */
export function RateBar({ rateBp, width = 56, align = 'right' }: { rateBp: number | null; width?: number; align?: 'left' | 'right' }) {
  const percent = rateBp === null ? 0 : Math.min(100, rateBp / 100);
  return (
    <Box sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, justifyContent: 'flex-end' }}>
      {rateBp !== null && (
        <LinearProgress
          variant="determinate"
          value={percent}
          color={rateBp >= 10_000 ? 'success' : 'primary'}
          aria-hidden
          sx={{ width, height: 6, borderRadius: 3, bgcolor: 'grey.200' }}
        />
      )}
      <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', minWidth: align === 'right' ? 52 : undefined, textAlign: align }}>
        {formatRate(rateBp)}
      </Typography>
    </Box>
  );
}
