import { Chip, Stack, Typography } from '@mui/material';
import { ROW_STATUS_LABELS, ROW_STATUSES, type ImportPreview } from '../../../../shared/api/imports';
import { STATUS_COLORS } from './labels';

/** 新增 3 · 更新 0 · 无变化 0 · 有问题 1, and the rows that were skipped. */
export function CountsLine({ preview, prefix }: { preview: ImportPreview; prefix?: string }) {
  const { counts } = preview;
  const skipped = [counts.blank > 0 && `空行 ${counts.blank} 行`, counts.subtotal > 0 && `小计行 ${counts.subtotal} 行`, preview.totalRow !== null && `合计行（第 ${preview.totalRow} 行）`].filter(Boolean);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }} aria-label="预览统计">
      <Typography>{prefix}共 {counts.rows} 行数据：</Typography>
      {ROW_STATUSES.map((s) => (
        <Chip
          key={s}
          label={`${ROW_STATUS_LABELS[s]} ${counts[s]}`}
          color={counts[s] > 0 ? STATUS_COLORS[s] : 'default'}
          variant={counts[s] > 0 && s !== 'unchanged' ? 'filled' : 'outlined'}
        />
      ))}
      {skipped.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          已跳过{skipped.join('、')}
        </Typography>
      )}
    </Stack>
  );
}
