import { Alert, Button, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import type { CountyItem } from '../../../../shared/api/divisions';
import { CompleteSetupInput, defaultDepartmentName } from '../../../../shared/api/setup';
import { api } from '../../api/client';
import { useApiQuery } from '../../components/apiQueries';
import { ErrorState, LoadingState } from '../../components/States';
import { useZodForm } from '../../components/useZodForm';

/** Shows what the national list holds for the chosen county, asks for the department name, loads. */
export function SetupReview({ county, onBack, onDone }: { county: CountyItem; onBack: () => void; onDone: () => void }) {
  const preview = useApiQuery('divisions.preview', { countyCode: county.code });
  const form = useZodForm(CompleteSetupInput, { countyCode: county.code, departmentName: defaultDepartmentName(county.name) });
  const complete = useMutation({ mutationFn: () => form.submit((input) => api.setup.complete(input)) });

  if (preview.isPending) return <LoadingState label="正在读取区划库…" />;
  if (preview.isError) return <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;
  const { streets, unitCount, edition } = preview.data;
  return (
    <Stack spacing={2}>
      <Typography>
        <b>{county.fullName}</b>：区划库中有 <b data-testid="preview-street-count">{streets.length}</b> 个街道（镇）、
        <b data-testid="preview-unit-count">{unitCount}</b> 个村（社区）。
      </Typography>
      <TableContainer sx={{ maxHeight: 300, border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Table size="small" stickyHeader>
          <TableHead>
            <TableRow>
              <TableCell>街道（镇）</TableCell>
              <TableCell>类别</TableCell>
              <TableCell>代码</TableCell>
              <TableCell align="right">村（社区）数</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {streets.map((s) => (
              <TableRow key={s.code}>
                <TableCell>{s.name}</TableCell>
                <TableCell>{s.kind}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{s.code}</TableCell>
                <TableCell align="right">{s.unitCount}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Typography variant="caption" color="text.secondary">
        数据来源：{edition}。载入后可在“组织架构”中修改名称、类别，补充或撤销单位。
      </Typography>
      <TextField label="部门名称（用于打印抬头）" {...form.textProps('departmentName')} />
      {form.formError && <Alert severity="error">{form.formError}</Alert>}
      <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
        <Button onClick={onBack} disabled={complete.isPending}>
          上一步
        </Button>
        <Button
          variant="contained"
          disabled={complete.isPending}
          onClick={async () => {
            const done = await complete.mutateAsync();
            if (done) onDone();
          }}
        >
          {complete.isPending ? '正在载入…' : '载入并开始使用'}
        </Button>
      </Stack>
    </Stack>
  );
}
