import { Alert, Button, Stack, TextField } from '@mui/material';
import { ChangePasswordInput, PASSWORD_RULE_TEXT } from '../../../../shared/api/auth';
import { api } from '../../api/client';
import { useZodForm } from '../../components/useZodForm';

/** 修改密码: the current password, then the new one twice. */
export function ChangePasswordForm({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const form = useZodForm(ChangePasswordInput, { currentPassword: '', password: '', confirm: '' });
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (await form.submit((input) => api.auth.changePassword(input))) onDone();
      }}
    >
      <Stack spacing={1} sx={{ pt: 1 }}>
        <TextField label="原密码" type="password" autoComplete="current-password" {...form.textProps('currentPassword')} />
        <TextField label="新密码" type="password" autoComplete="new-password" {...form.textProps('password')} helperText={form.errorOf('password') ?? PASSWORD_RULE_TEXT} />
        <TextField label="再次输入新密码" type="password" autoComplete="new-password" {...form.textProps('confirm')} />
        {form.formError && <Alert severity="error">{form.formError}</Alert>}
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
          {onCancel && <Button onClick={onCancel}>取消</Button>}
          <Button type="submit" variant="contained">
            修改密码
          </Button>
        </Stack>
      </Stack>
    </form>
  );
}
