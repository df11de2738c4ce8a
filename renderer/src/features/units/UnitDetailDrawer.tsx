import { Box, Divider, Drawer, IconButton, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import { UNIT_SOURCE_LABELS, UNIT_STATUS_LABELS } from '../../../../shared/api/units';
import { URBAN_RURAL_CLASSES } from '../../../../shared/domain/division';
import { useApiQuery } from '../../components/apiQueries';
import { ErrorState, LoadingState } from '../../components/States';
import { useUnitKinds } from './useUnitKinds';

/** One unit's particulars and its code history (村改居 and moves). */
export function UnitDetailDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const detail = useApiQuery('units.get', { id });
  const kinds = useUnitKinds();
  return (
    <Drawer anchor="right" open onClose={onClose} slotProps={{ paper: { sx: { width: 460, p: 2 } } }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="h6" component="h2" noWrap title={detail.data?.name}>
          {detail.data?.name ?? '单位详情'}
        </Typography>
        <IconButton aria-label="关闭" onClick={onClose}>
          <CloseOutlined />
        </IconButton>
      </Stack>
      {detail.isPending && <LoadingState />}
      {detail.isError && <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.data && (
        <Stack spacing={2}>
          <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: '110px 1fr', rowGap: 1, m: 0, '& dt': { color: 'text.secondary' }, '& dd': { m: 0, wordBreak: 'break-all' } }}>
            <dt>代码</dt>
            <dd style={{ fontFamily: 'monospace' }}>{detail.data.code}</dd>
            <dt>全称</dt>
            <dd>{detail.data.fullName}</dd>
            {detail.data.level === 'unit' && (
              <>
                <dt>所属街道（镇）</dt>
                <dd>{detail.data.streetName}</dd>
              </>
            )}
            <dt>类别</dt>
            <dd>{kinds.labelOf(detail.data)}</dd>
            {detail.data.level === 'unit' && (
              <>
                <dt>城乡分类</dt>
                <dd>{URBAN_RURAL_CLASSES.find((c) => c.value === detail.data.urbanRuralClass)?.label ?? '未填写'}</dd>
              </>
            )}
            {detail.data.level === 'street' && (
              <>
                <dt>在册村（社区）</dt>
                <dd>{detail.data.activeUnitCount} 个</dd>
              </>
            )}
            <dt>状态</dt>
            <dd>
              {UNIT_STATUS_LABELS[detail.data.status]}
              {detail.data.retiredOn && `（${detail.data.retiredOn} 撤销：${detail.data.retireReason ?? ''}）`}
            </dd>
            <dt>来源</dt>
            <dd>{UNIT_SOURCE_LABELS[detail.data.source]}</dd>
            <dt>备注</dt>
            <dd>{detail.data.note ?? '—'}</dd>
          </Box>
          <Divider />
          <Typography variant="subtitle1" component="h3">
            代码变更历史
          </Typography>
          {detail.data.codeHistory.length === 0 ? (
            <Typography color="text.secondary" variant="body2">
              无变更记录
            </Typography>
          ) : (
            <Table size="small" aria-label="代码变更历史">
              <TableHead>
                <TableRow>
                  <TableCell>日期</TableCell>
                  <TableCell>旧代码 → 新代码</TableCell>
                  <TableCell>原因</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {detail.data.codeHistory.map((h) => (
                  <TableRow key={h.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{h.effectiveOn}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                      {h.oldCode} → {h.newCode}
                      {h.oldStreetName !== h.newStreetName && (
                        <Typography variant="caption" component="div" color="text.secondary">
                          {h.oldStreetName} → {h.newStreetName}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>{h.reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
