import { useState } from 'react';
import { Button, ListItemIcon, Menu, MenuItem, Snackbar, Alert } from '@mui/material';
import AccountCircleOutlined from '@mui/icons-material/AccountCircleOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import { api } from '../../api/client';
import { apiQueryKey } from '../../components/apiQueries';
import { ChangePasswordDialog } from './ChangePasswordForm';
import { useCurrentUser } from './useCurrentUser';

/** Top-bar account menu: who is logged in, change password, lock, log out. */
export function UserMenu() {
  const { user } = useCurrentUser();
  const queryClient = useQueryClient();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [changing, setChanging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (!user) return null;
  return (
    <>
      <Button color="inherit" startIcon={<AccountCircleOutlined />} onClick={(e) => setAnchor(e.currentTarget)} aria-label="账户菜单" sx={{ whiteSpace: 'nowrap' }}>
        {user.displayName}（{ROLE_LABELS[user.role]}）
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setChanging(true);
          }}
        >
          <ListItemIcon>
            <KeyOutlined fontSize="small" />
          </ListItemIcon>
          修改密码
        </MenuItem>
        <MenuItem
          onClick={async () => {
            setAnchor(null);
            await api.auth.lock();
            await queryClient.invalidateQueries({ queryKey: apiQueryKey('auth.status') });
          }}
        >
          <ListItemIcon>
            <LockOutlined fontSize="small" />
          </ListItemIcon>
          锁定（离开座位时）
        </MenuItem>
        <MenuItem
          onClick={async () => {
            setAnchor(null);
            await api.auth.logout();
            // nothing of the last user's data stays in memory for the next one
            await queryClient.resetQueries();
          }}
        >
          <ListItemIcon>
            <LogoutOutlined fontSize="small" />
          </ListItemIcon>
          退出登录
        </MenuItem>
      </Menu>
      {changing && <ChangePasswordDialog onSaved={() => setNotice('密码已修改')} onClose={() => setChanging(false)} />}
      <Snackbar open={notice !== null} autoHideDuration={3000} onClose={() => setNotice(null)}>
        {notice ? <Alert severity="success">{notice}</Alert> : undefined}
      </Snackbar>
    </>
  );
}
