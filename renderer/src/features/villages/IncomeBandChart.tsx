import { Box, Stack, Tooltip, Typography } from '@mui/material';
import type { IncomeBandInfo, IncomeBandReport } from '../../../../shared/api/villages';

/** One colour per band, low to high; 未填报 grey. */
export const BAND_COLORS: Record<IncomeBandInfo['key'] | 'unreported', string> = {
  weak: '#e57373',
  general: '#ffb74d',
  standard: '#81c784',
  rich: '#388e3c',
  unreported: '#bdbdbd',
};

/**
 * A stacked bar per street: how its villages split across the income bands. Plain boxes rather
 * than a chart library: it prints as it shows, and reads without hovering.
 */
export function IncomeBandChart({ report }: { report: IncomeBandReport }) {
  const widest = Math.max(1, ...report.streets.map((s) => s.total));
  const segments = [...report.bands.map((b) => ({ key: b.key, label: b.label })), { key: 'unreported' as const, label: '未填报' }];
  return (
    <Stack spacing={0.5} role="img" aria-label={`${report.year}年各街道村集体经营性收入分档图`}>
      <Stack direction="row" spacing={2} sx={{ mb: 1, flexWrap: 'wrap' }}>
        {segments.map((s) => (
          <Stack key={s.key} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
            <Box sx={{ width: 12, height: 12, bgcolor: BAND_COLORS[s.key], borderRadius: 0.5 }} />
            <Typography variant="caption">{s.label}</Typography>
          </Stack>
        ))}
      </Stack>
      {report.streets
        .filter((s) => s.total > 0)
        .map((street) => (
          <Stack key={street.streetId} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" noWrap sx={{ width: 110, flexShrink: 0, textAlign: 'right' }} title={street.streetName}>
              {street.streetName}
            </Typography>
            <Box sx={{ flex: 1, display: 'flex', height: 18 }}>
              {segments.map((s) => {
                const n = s.key === 'unreported' ? street.unreported : street.counts[s.key];
                if (n === 0) return null;
                return (
                  <Tooltip key={s.key} title={`${street.streetName}：${s.label} ${n} 个`}>
                    <Box sx={{ width: `${(n / widest) * 100}%`, bgcolor: BAND_COLORS[s.key], color: '#fff', fontSize: 11, textAlign: 'center', lineHeight: '18px', overflow: 'hidden' }}>
                      {n}
                    </Box>
                  </Tooltip>
                );
              })}
            </Box>
          </Stack>
        ))}
    </Stack>
  );
}
