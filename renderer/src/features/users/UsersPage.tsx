import { useState } from 'react';
import { Alert, Button, Chip, IconButton, Snackbar, Stack, Tooltip, Typography } from '@mui/material';
import type { GridColDef } from '@mui/x-data-grid';
import AddOutlined from '@mui/icons-material/AddOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import LockOpenOutlined from '@mui/icons-material/LockOpenOutlined';
import type { UserRow } from '../../../../shared/api/users';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from '../../../../shared/domain/roles';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery, useInvalidate } from '../../components/apiQueries';
import { DataTable } from '../../components/DataTable';
import { ErrorState, LoadingState } from '../../components/States';
import { formatDateTime } from '../../components/format';
import { UserFormDialog, ResetPasswordDialog } from './UserDialogs';

type Dialog = { kind: 'create' } | { kind: 'edit'; row: UserRow } | { kind: 'reset'; row: UserRow } | null;

const isLockedOut = (row: UserRow) => row.lockedUntil !== null && row.lockedUntil > new Date().toISOString();

/** 账户管理 (管理员): accounts, roles, deactivation, password resets, unlocking. */
export function UsersPage() {
  const users = useApiQuery('users.list');
  const invalidate = useInvalidate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const refresh = () => invalidate('users.list');
  const unlock = useApiMutation('users.unlock', {
    invalidates: ['users.list'],
    onSuccess: (row) => setNotice({ severity: 'success', text: `已解除“${row.displayName}”的锁定` }),
    onError: (error) => setNotice({ severity: 'error', text: errorMessage(error) }),
  });

  if (users.isPending) return <LoadingState />;
  if (users.isError) return <ErrorState error={users.error} onRetry={() => void users.refetch()} />;

  const columns: GridColDef<UserRow>[] = [
    { field: 'displayName', headerName: '姓名', flex: 1, minWidth: 100 },
    { field: 'username', headerName: '用户名', flex: 1, minWidth: 100 },
    { field: 'role', headerName: '角色', width: 90, valueGetter: (_, row) => ROLE_LABELS[row.role] },
    {
      field: 'active',
      headerName: '状态',
      width: 150,
      renderCell: ({ row }) => (
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%' }}>
          {row.active ? <Chip size="small" color="success" variant="outlined" label="在用" /> : <Chip size="small" label="已停用" />}
          {isLockedOut(row) && <Chip size="small" color="warning" label="已锁定" />}
          {row.mustChangePassword && row.active && <Chip size="small" variant="outlined" label="待改密码" />}
        </Stack>
      ),
    },
    { field: 'lastLoginAt', headerName: '最近登录', width: 150, valueGetter: (_, row) => (row.lastLoginAt ? formatDateTime(row.lastLoginAt) : '从未登录') },
    { field: 'createdAt', headerName: '创建时间', width: 150, valueGetter: (_, row) => formatDateTime(row.createdAt) },
    {
      field: 'actions',
      headerName: '操作',
      width: 120,
      sortable: false,
      renderCell: ({ row }) => (
        <Stack direction="row">
          <Tooltip title="修改姓名、角色或停用">
            <IconButton size="small" aria-label={`编辑账户${row.username}`} onClick={() => setDialog({ kind: 'edit', row })}>
              <EditOutlined fontSize="small" />
            </IconButton>
          </Tooltip>
          <Tooltip title="重置密码">
            <IconButton size="small" aria-label={`重置密码${row.username}`} onClick={() => setDialog({ kind: 'reset', row })}>
              <KeyOutlined fontSize="small" />
            </IconButton>
          </Tooltip>
          {isLockedOut(row) && (
            <Tooltip title="解除锁定">
              <IconButton size="small" aria-label={`解除锁定${row.username}`} onClick={() => unlock.mutate({ id: row.id })}>
                <LockOpenOutlined fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
        </Stack>
      ),
    },
  ];

  return (
    <Stack spacing={1.5} sx={{ height: '100%' }}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
          账户管理
        </Typography>
        <Button variant="contained" startIcon={<AddOutlined />} onClick={() => setDialog({ kind: 'create' })}>
          新建账户
        </Button>
      </Stack>
      <Stack direction="row" spacing={2} sx={{ color: 'text.secondary', flexWrap: 'wrap' }}>
        {ROLES.map((r) => (
          <Typography key={r} variant="body2">
            <b>{ROLE_LABELS[r]}</b>：{ROLE_DESCRIPTIONS[r]}
          </Typography>
        ))}
      </Stack>
      <DataTable rows={users.data} columns={columns} hideFooter={users.data.length <= 100} emptyTitle="还没有账户" sx={{ flex: 1, minHeight: 300 }} />
      {dialog?.kind === 'create' && <UserFormDialog onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog?.kind === 'edit' && <UserFormDialog row={dialog.row} onClose={() => setDialog(null)} onSaved={refresh} />}
      {dialog?.kind === 'reset' && <ResetPasswordDialog row={dialog.row} onClose={() => setDialog(null)} onSaved={refresh} />}
      <Snackbar open={notice !== null} autoHideDuration={4000} onClose={() => setNotice(null)}>
        {notice ? <Alert severity={notice.severity}>{notice.text}</Alert> : undefined}
      </Snackbar>
    </Stack>
  );
}
