import { Box, Divider, Drawer, IconButton, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import type { AuditRow } from '../../../../shared/api/audit';
import { fieldRows, type ValueLabels } from '../../../../shared/api/audit-summary';
import { useUnitKinds } from '../units/useUnitKinds';
import { formatLogTime } from './format';

const present = (v: unknown) => v !== null && v !== undefined;

/** One log row: who, when, what, and the record before → after as a field table. Read only. */
export function AuditDetailDrawer({ row, onClose }: { row: AuditRow; onClose: () => void }) {
  const hasBefore = present(row.before);
  const hasAfter = present(row.after);
  // 单位类别 values are dictionary entries: show their names
  const kinds = useUnitKinds();
  const extra: ValueLabels | undefined = row.entity === 'org_unit' ? { kind: Object.fromEntries(kinds.items.map((i) => [i.value, i.label])) } : undefined;
  const fields = fieldRows(row.before, row.after, extra);
  const changedCount = fields.filter((f) => f.changed).length;
  return (
    <Drawer anchor="right" open onClose={onClose} slotProps={{ paper: { sx: { width: 560, maxWidth: '100vw', p: 2 } } }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="h6" component="h2" noWrap>
          {row.actionLabel} · {row.entityLabel}
        </Typography>
        <IconButton aria-label="关闭" onClick={onClose}>
          <CloseOutlined />
        </IconButton>
      </Stack>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: '84px 1fr', rowGap: 0.75, m: 0, '& dt': { color: 'text.secondary' }, '& dd': { m: 0, wordBreak: 'break-all' } }}
      >
        <dt>时间</dt>
        <dd>{formatLogTime(row.at)}</dd>
        <dt>账户</dt>
        <dd>
          {row.actor}
          {row.username ? `（${row.username}）` : ''}
        </dd>
        <dt>操作</dt>
        <dd>{row.actionLabel}</dd>
        <dt>对象</dt>
        <dd>
          {row.entityLabel}
          {row.entityId ? ` · 编号 ${row.entityId}` : ''}
        </dd>
        <dt>摘要</dt>
        <dd>{row.summary || '—'}</dd>
        <dt>日志序号</dt>
        <dd>{row.id}</dd>
      </Box>
      <Divider sx={{ my: 2 }} />
      <Typography variant="subtitle1" component="h3" sx={{ mb: 1 }}>
        {hasBefore && hasAfter ? `变更内容（${changedCount} 项有变化，已标出）` : '记录内容'}
      </Typography>
      {fields.length === 0 ? (
        <Typography color="text.secondary" variant="body2">
          此条记录没有附带内容
        </Typography>
      ) : (
        <Table size="small" aria-label={hasBefore && hasAfter ? '变更前后对照' : '记录内容'} sx={{ tableLayout: 'fixed', '& td, & th': { wordBreak: 'break-all', verticalAlign: 'top' } }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 130 }}>项目</TableCell>
              {hasBefore && hasAfter ? (
                <>
                  <TableCell>变更前</TableCell>
                  <TableCell>变更后</TableCell>
                </>
              ) : (
                <TableCell>{hasBefore ? '内容（变更前）' : '内容'}</TableCell>
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {fields.map((f) => (
              <TableRow key={f.key} sx={hasBefore && hasAfter && f.changed ? { bgcolor: '#fff4e5', '& td': { fontWeight: 600 } } : undefined} data-changed={f.changed ? 'true' : undefined}>
                <TableCell title={f.key}>{f.label}</TableCell>
                {hasBefore && hasAfter ? (
                  <>
                    <TableCell>{f.before}</TableCell>
                    <TableCell>{f.after}</TableCell>
                  </>
                ) : (
                  <TableCell>{hasBefore ? f.before : f.after}</TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Drawer>
  );
}
