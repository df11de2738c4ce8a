import { Alert, Button, Stack, TextField } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { CreateFirstAdminInput, PASSWORD_RULE_TEXT } from '../../../../shared/api/auth';
import { api } from '../../api/client';
import { useZodForm } from '../../components/useZodForm';
import { AuthScreen } from './AuthScreen';

/** First run: whoever installs the app creates the administrator account. */
export function FirstAdminScreen() {
  const queryClient = useQueryClient();
  const form = useZodForm(CreateFirstAdminInput, { username: 'admin', displayName: '', password: '', confirm: '' });
  const submit = async () => {
    if (await form.submit((input) => api.auth.createFirstAdmin(input))) await queryClient.invalidateQueries();
  };
  return (
    <AuthScreen title="创建管理员账户" subtitle="首次使用，请先创建管理员账户。管理员负责账户、设置、字典和数据恢复，请牢记密码。">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack spacing={1}>
          <TextField label="用户名" autoComplete="username" {...form.textProps('username')} />
          <TextField label="姓名" {...form.textProps('displayName')} />
          <TextField label="密码" type="password" autoComplete="new-password" {...form.textProps('password')} helperText={form.errorOf('password') ?? PASSWORD_RULE_TEXT} />
          <TextField label="再次输入密码" type="password" autoComplete="new-password" {...form.textProps('confirm')} />
          {form.formError && <Alert severity="error">{form.formError}</Alert>}
          <Button type="submit" variant="contained" fullWidth size="large">
            创建并登录
          </Button>
        </Stack>
      </form>
    </AuthScreen>
  );
}
