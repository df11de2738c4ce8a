import type { ReactNode } from 'react';
import { Box, ButtonBase, Paper, Typography } from '@mui/material';

/** One figure of the year at a glance: a label, the figure, a line of detail; clickable when `onClick`. */
export function SummaryCard({ label, value, detail, tone, onClick }: { label: string; value: ReactNode; detail?: ReactNode; tone?: 'warning'; onClick?: () => void }) {
  const content = (
    <Box sx={{ p: 1.5, width: '100%', textAlign: 'left' }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', color: tone === 'warning' ? 'error.main' : undefined }}>
        {value}
      </Typography>
      {detail && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {detail}
        </Typography>
      )}
    </Box>
  );
  return (
    <Paper variant="outlined" sx={{ flex: '1 1 150px', minWidth: 150, display: 'flex', borderColor: tone === 'warning' ? 'error.light' : undefined }}>
      {onClick ? (
        <ButtonBase onClick={onClick} sx={{ flex: 1, borderRadius: 'inherit', '&:hover': { bgcolor: 'action.hover' } }}>
          {content}
        </ButtonBase>
      ) : (
        content
      )}
    </Paper>
  );
}

export function SummaryCardRow({ children }: { children: ReactNode }) {
  return <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>{children}</Box>;
}
