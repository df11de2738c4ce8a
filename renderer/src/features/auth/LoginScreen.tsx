import { Alert, Button, Stack, TextField } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { LoginInput } from '../../../../shared/api/auth';
import { api } from '../../api/client';
import { useZodForm } from '../../components/useZodForm';
import { AuthScreen } from './AuthScreen';

export function LoginScreen() {
  const queryClient = useQueryClient();
  const form = useZodForm(LoginInput, { username: '', password: '' });
  const submit = async () => {
    if (await form.submit((input) => api.auth.login(input))) await queryClient.invalidateQueries();
  };
  return (
    <AuthScreen title="登录" subtitle="请输入本机账户的用户名和密码。">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack spacing={1}>
          <TextField label="用户名" autoComplete="username" autoFocus {...form.textProps('username')} />
          <TextField label="密码" type="password" autoComplete="current-password" {...form.textProps('password')} />
          {form.formError && <Alert severity="error">{form.formError}</Alert>}
          <Button type="submit" variant="contained" fullWidth size="large">
            登录
          </Button>
        </Stack>
      </form>
    </AuthScreen>
  );
}
