import { Alert, Button, Stack, TextField } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { LoginInput, type CurrentUser } from '../../../../shared/api/auth';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import { api } from '../../api/client';
import { apiQueryKey } from '../../components/apiQueries';
import { useZodForm } from '../../components/useZodForm';
import { AuthScreen } from './AuthScreen';

const UnlockInput = LoginInput.pick({ password: true });

/** Idle auto-lock: the screen is covered until the same user types the password again. */
export function LockScreen({ user }: { user: CurrentUser }) {
  const queryClient = useQueryClient();
  const form = useZodForm(UnlockInput, { password: '' });
  const unlock = async () => {
    if (await form.submit((input) => api.auth.unlock(input))) await queryClient.invalidateQueries();
    // a lock-out ends the session: the gate then shows the login screen
    else await queryClient.invalidateQueries({ queryKey: apiQueryKey('auth.status') });
  };
  return (
    <AuthScreen title="已锁定" subtitle={`长时间未操作，程序已自动锁定。请 ${user.displayName}（${ROLE_LABELS[user.role]}）输入密码解锁。`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        <Stack spacing={1}>
          <TextField label="密码" type="password" autoComplete="current-password" autoFocus {...form.textProps('password')} />
          {form.formError && <Alert severity="error">{form.formError}</Alert>}
          <Stack direction="row" spacing={1}>
            <Button
              onClick={async () => {
                await api.auth.logout();
                await queryClient.resetQueries();
              }}
            >
              换个账户登录
            </Button>
            <Button type="submit" variant="contained" sx={{ flex: 1 }}>
              解锁
            </Button>
          </Stack>
        </Stack>
      </form>
    </AuthScreen>
  );
}
