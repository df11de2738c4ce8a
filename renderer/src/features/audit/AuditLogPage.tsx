import { useState } from 'react';
import { Alert, Box, Button, Chip, Paper, Snackbar, Stack, Typography } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import FileDownloadOutlined from '@mui/icons-material/FileDownloadOutlined';
import { keepPreviousData, useMutation } from '@tanstack/react-query';
import type { AuditRow } from '../../../../shared/api/audit';
import { api, errorMessage, saveExport } from '../../api/client';
import { skipToken, useApiQuery, useInvalidate } from '../../components/apiQueries';
import { DataTable } from '../../components/DataTable';
import { EmptyState, ErrorState } from '../../components/States';
import { useServerGrid } from '../../components/useServerGrid';
import { AuditDetailDrawer } from './AuditDetailDrawer';
import { AuditFilterBar, EMPTY_FILTER, isEmptyFilter, toApiFilter, type AuditFilterState } from './AuditFilterBar';
import { formatLogTime } from './format';

/** Actions worth a second look stand out in the list. */
const WARNING_ACTIONS = new Set(['login_failed', 'forbidden', 'backup_failed']);
const NOTABLE_ACTIONS = new Set(['unmask', 'export', 'print', 'restore_backup', 'undo_restore', 'password_reset']);

const columns: GridColDef<AuditRow>[] = [
  { field: 'at', headerName: '时间', width: 158, valueGetter: (_, row) => formatLogTime(row.at) },
  {
    field: 'actor',
    headerName: '账户',
    width: 160,
    valueGetter: (_, row) => (row.username && row.username !== row.actor ? `${row.actor}（${row.username}）` : row.actor),
  },
  {
    field: 'actionLabel',
    headerName: '操作',
    width: 130,
    renderCell: ({ row }) => (
      <Chip
        size="small"
        label={row.actionLabel}
        color={WARNING_ACTIONS.has(row.action) ? 'warning' : NOTABLE_ACTIONS.has(row.action) ? 'info' : 'default'}
        variant={WARNING_ACTIONS.has(row.action) ? 'filled' : 'outlined'}
      />
    ),
  },
  { field: 'entityLabel', headerName: '对象', width: 76 },
  { field: 'entityId', headerName: '编号', width: 120, valueGetter: (_, row) => row.entityId ?? '—', cellClassName: 'mono' },
  { field: 'summary', headerName: '摘要', flex: 1, minWidth: 200, valueGetter: (_, row) => row.summary || '—' },
];

/**
 * 操作日志 (管理员): every change, login, export, print, unmasking, backup and restore, newest
 * first. Filter, page through, open one for before → after, export to Excel. Nothing here edits
 * or deletes a row.
 */
export function AuditLogPage() {
  const grid = useServerGrid<AuditFilterState>({ filter: EMPTY_FILTER });
  const { filter, setFilter } = grid;
  const [open, setOpen] = useState<AuditRow | null>(null);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error' | 'info'; text: string } | null>(null);
  const invalidate = useInvalidate();

  const apiFilter = toApiFilter(filter);
  const rangeError = filter.from !== '' && filter.to !== '' && filter.from > filter.to;

  const list = useApiQuery('audit.list', rangeError ? skipToken : { ...apiFilter, ...grid.input }, { placeholderData: keepPreviousData });

  const exporter = useMutation({
    mutationFn: async () => saveExport(await api.audit.export(apiFilter)),
    onSuccess: async (message) => {
      setNotice(message ? { severity: 'success', text: message } : { severity: 'info', text: '已取消保存' });
      // the export is itself a log row
      await invalidate('audit.list', 'audit.users');
    },
    onError: (error) => setNotice({ severity: 'error', text: errorMessage(error) }),
  });

  const total = list.data?.total ?? 0;
  return (
    <Stack spacing={1.5} sx={{ height: '100%', minHeight: 480 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          操作日志
          <Typography component="span" color="text.secondary" sx={{ ml: 1 }} data-testid="audit-total">
            {list.data ? `${isEmptyFilter(filter) ? '共' : '符合条件'} ${total} 条` : ''}
          </Typography>
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ display: { xs: 'none', lg: 'block' } }}>
          日志只能查看和导出，不能修改或删除
        </Typography>
        <Button
          variant="contained"
          startIcon={<FileDownloadOutlined />}
          disabled={exporter.isPending || rangeError || !list.data || total === 0}
          onClick={() => exporter.mutate()}
        >
          {exporter.isPending ? '正在导出…' : '导出 Excel'}
        </Button>
      </Stack>
      <Paper variant="outlined" sx={{ p: 1.5, pb: 1 }}>
        <AuditFilterBar value={filter} onChange={setFilter} />
      </Paper>
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      <Box sx={{ flex: 1, minHeight: 0 }}>
        <DataTable
          rows={list.data?.rows ?? []}
          columns={columns}
          loading={list.isFetching}
          {...grid.gridProps(total)}
          disableColumnFilter
          disableColumnMenu
          onRowClick={({ row }) => setOpen(row)}
          slots={{
            noRowsOverlay: () =>
              rangeError ? (
                <EmptyState title="开始日期晚于结束日期" hint="请调整日期范围" />
              ) : list.isError ? (
                <EmptyState title="日志未能读取" hint="请点击上方“重试”" />
              ) : (
                <EmptyState title={isEmptyFilter(filter) ? '还没有操作记录' : '没有符合条件的记录'} hint={isEmptyFilter(filter) ? undefined : '可以放宽日期范围或清除筛选后再试'} />
              ),
          }}
        />
      </Box>
      {open && <AuditDetailDrawer row={open} onClose={() => setOpen(null)} />}
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)}>
        {notice ? (
          <Alert severity={notice.severity} onClose={() => setNotice(null)}>
            {notice.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </Stack>
  );
}
