import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorState, LoadingState } from '../../components/States';
import { useZodForm } from '../../components/useZodForm';
import { contract } from '../../../../shared/api/contract';
import type { Settings } from '../../../../shared/api/settings';

const formatBytes = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** 设置: the district (fixed at first run), the department name, where the data lives. */
export function SettingsPage() {
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => api.settings.get() });
  const info = useQuery({ queryKey: ['settings.systemInfo'], queryFn: () => api.settings.systemInfo() });
  if (settings.isPending || info.isPending) return <LoadingState />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (info.isError) return <ErrorState error={info.error} onRetry={() => void info.refetch()} />;
  const district = settings.data.district;
  return (
    <Stack spacing={2} sx={{ maxWidth: 820 }}>
      <Typography variant="h6" component="h2">
        设置
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          本区与部门
        </Typography>
        <Row label="本区（县）">{district ? `${district.fullName}（代码 ${district.code}）` : '尚未设置'}</Row>
        <DepartmentForm key={settings.data.departmentName ?? ''} settings={settings.data} />
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1" component="h3" gutterBottom>
          数据与版本
        </Typography>
        <Row label="数据目录">{info.data.dataDir}</Row>
        <Row label="数据库文件">{info.data.databaseFile}</Row>
        <Row label="数据库大小">{formatBytes(info.data.databaseBytes)}</Row>
        <Row label="程序版本">
          {info.data.appVersion}（数据版本 {info.data.schemaVersion}）
        </Row>
        <Row label="区划库">{info.data.divisionEdition}</Row>
      </Paper>
    </Stack>
  );
}

function DepartmentForm({ settings }: { settings: Settings }) {
  const queryClient = useQueryClient();
  const form = useZodForm(contract.settings.update.input, { departmentName: settings.departmentName ?? '' });
  const save = useMutation({ mutationFn: () => form.submit((input) => api.settings.update(input)) });
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', mt: 1 }}>
      <TextField label="部门名称（用于打印抬头）" {...form.textProps('departmentName')} sx={{ maxWidth: 420 }} />
      <Button
        variant="contained"
        disabled={save.isPending}
        onClick={async () => {
          if (await save.mutateAsync()) await queryClient.invalidateQueries({ queryKey: ['settings.get'] });
        }}
      >
        保存
      </Button>
      {save.data === true && !form.formError && <Alert severity="success" sx={{ py: 0 }}>已保存</Alert>}
      {form.formError && <Alert severity="error" sx={{ py: 0 }}>{form.formError}</Alert>}
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box sx={{ display: 'flex', gap: 2, py: 0.5 }}>
      <Typography sx={{ width: 110, flexShrink: 0 }} color="text.secondary">
        {label}
      </Typography>
      <Typography sx={{ wordBreak: 'break-all' }}>{children}</Typography>
    </Box>
  );
}
