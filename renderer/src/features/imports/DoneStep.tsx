import { Alert, Box, Button, Paper, Stack, Typography } from '@mui/material';
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import { useMutation } from '@tanstack/react-query';
import type { ImportSummary } from '../../../../shared/api/imports';
import { saveExport } from '../../api/client';
import { problemText } from './labels';

const FIGURES = [
  { key: 'created', label: '新增', color: 'success.main' },
  { key: 'updated', label: '更新', color: 'info.main' },
  { key: 'unchanged', label: '无变化', color: 'text.secondary' },
  { key: 'rejected', label: '未导入', color: 'error.main' },
] as const;

/** 完成: what was written, the backup that undoes it, and the rejected rows to fix. */
export function DoneStep({ summary, onFinish, onAnother }: { summary: ImportSummary; onFinish: () => void; onAnother: () => void }) {
  const download = useMutation({ mutationFn: () => saveExport(summary.rejectedFile!) });
  const written = summary.created + summary.updated;
  return (
    <Stack spacing={2} sx={{ maxWidth: 760, width: '100%', mx: 'auto', py: 2 }}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
        <CheckCircleOutlined color="success" sx={{ fontSize: 40 }} />
        <Typography variant="h6" component="h3">
          {written > 0 ? '导入完成' : '导入完成，没有需要写入的变化'}
        </Typography>
      </Stack>
      <Paper variant="outlined" sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)' }} aria-label="导入结果">
        {FIGURES.map((f, i) => (
          <Box key={f.key} sx={{ p: 2, textAlign: 'center', borderLeft: i > 0 ? 1 : 0, borderColor: 'divider' }}>
            <Typography variant="h4" component="div" sx={{ color: summary[f.key] > 0 ? f.color : 'text.disabled' }}>
              {summary[f.key]}
            </Typography>
            <Typography color="text.secondary">{f.label}</Typography>
          </Box>
        ))}
      </Paper>
      <Typography role="status">
        新增 {summary.created}，更新 {summary.updated}，无变化 {summary.unchanged}，未导入 {summary.rejected}。
      </Typography>
      {summary.backupName && (
        <Alert severity="info">
          导入前已自动备份：<strong style={{ wordBreak: 'break-all' }}>{summary.backupName}</strong>，如需撤销可在“数据备份”中恢复。
        </Alert>
      )}
      {summary.rejectedFile && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" startIcon={<FileDownloadOutlined />} disabled={download.isPending} onClick={() => download.mutate()}>
              下载未导入的行
            </Button>
          }
        >
          有 {summary.rejected} 行有问题没有导入。下载后按“错误原因”一列改正，再导入这个文件即可。
        </Alert>
      )}
      {download.isError && <Alert severity="error">{problemText(download.error)}</Alert>}
      {download.data && <Alert severity="success">{download.data}</Alert>}
      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
        <Button onClick={onAnother}>继续导入其他文件</Button>
        <Button variant="contained" onClick={onFinish}>
          完成
        </Button>
      </Stack>
    </Stack>
  );
}
