import { Alert, Button, Stack, TextField } from '@mui/material';
import { ChangePasswordInput, PASSWORD_RULE_TEXT } from '../../../../shared/api/auth';
import { api } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';

const useChangePassword = () => useZodForm(ChangePasswordInput, { currentPassword: '', password: '', confirm: '' });

/** The current password, then the new one twice. */
function PasswordFields({ form }: { form: ReturnType<typeof useChangePassword> }) {
  return (
    <>
      <TextField label="原密码" type="password" autoComplete="current-password" {...form.textProps('currentPassword')} />
      <TextField label="新密码" type="password" autoComplete="new-password" {...form.textProps('password')} helperText={form.errorOf('password') ?? PASSWORD_RULE_TEXT} />
      <TextField label="再次输入新密码" type="password" autoComplete="new-password" {...form.textProps('confirm')} />
    </>
  );
}

/** 修改密码 on its own screen (a password the administrator set must be changed first). */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const form = useChangePassword();
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (await form.submit((input) => api.auth.changePassword(input))) onDone();
      }}
    >
      <Stack spacing={1} sx={{ pt: 1 }}>
        <PasswordFields form={form} />
        {form.formError && <Alert severity="error">{form.formError}</Alert>}
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
          <Button type="submit" variant="contained">
            修改密码
          </Button>
        </Stack>
      </Stack>
    </form>
  );
}

/** 修改密码 from the account menu. */
export function ChangePasswordDialog({ onSaved, onClose }: { onSaved: () => void; onClose: () => void }) {
  const form = useChangePassword();
  return (
    <FormDialog
      title="修改密码"
      formError={form.formError}
      submitLabel="修改密码"
      submitOnEnter
      onSubmit={() => form.submit((input) => api.auth.changePassword(input))}
      onSaved={onSaved}
      onClose={onClose}
    >
      <PasswordFields form={form} />
    </FormDialog>
  );
}
