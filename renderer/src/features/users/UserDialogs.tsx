import { FormControlLabel, MenuItem, Switch, TextField } from '@mui/material';
import { PASSWORD_RULE_TEXT } from '../../../../shared/api/auth';
import { CreateUserInput, ResetPasswordInput, UpdateUserInput, type UserRow } from '../../../../shared/api/users';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from '../../../../shared/domain/roles';
import { api } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { useZodForm } from '../../components/useZodForm';

/** New account (with an initial password the user must change), or edit name / role / 停用. */
export function UserFormDialog({ row, onClose, onSaved }: { row?: UserRow; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const editing = row !== undefined;
  const form = useZodForm(
    editing ? UpdateUserInput : CreateUserInput,
    editing
      ? { id: row.id, displayName: row.displayName, role: row.role, active: row.active }
      : { username: '', displayName: '', role: 'clerk', password: '', confirm: '' },
  );
  return (
    <FormDialog
      title={editing ? `编辑账户：${row.username}` : '新建账户'}
      intro={editing ? '修改角色或停用账户后，该账户已登录的窗口会退出。' : '初始密码由您告知本人；本人第一次登录时须改为自己的密码。'}
      formError={form.formError}
      onSubmit={() => form.submit((input) => (editing ? api.users.update(input as UpdateUserInput) : api.users.create(input as CreateUserInput)))}
      onSaved={onSaved}
      onClose={onClose}
    >
      {!editing && <TextField label="用户名（登录用）" autoComplete="off" {...form.textProps('username')} />}
      <TextField label="姓名" {...form.textProps('displayName')} />
      <TextField select label="角色" {...form.textProps('role')} helperText={ROLE_DESCRIPTIONS[form.values.role as keyof typeof ROLE_DESCRIPTIONS] ?? ' '}>
        {ROLES.map((r) => (
          <MenuItem key={r} value={r}>
            {ROLE_LABELS[r]}
          </MenuItem>
        ))}
      </TextField>
      {editing ? (
        <FormControlLabel
          control={<Switch checked={Boolean(form.values.active)} onChange={(e) => form.set('active', e.target.checked)} />}
          label={form.values.active ? '在用' : '已停用（不能登录）'}
        />
      ) : (
        <>
          <TextField label="初始密码" type="password" autoComplete="new-password" {...form.textProps('password')} helperText={form.errorOf('password') ?? PASSWORD_RULE_TEXT} />
          <TextField label="再次输入初始密码" type="password" autoComplete="new-password" {...form.textProps('confirm')} />
        </>
      )}
    </FormDialog>
  );
}

/** 重置密码: the administrator sets a new password; the user must change it at next login. */
export function ResetPasswordDialog({ row, onClose, onSaved }: { row: UserRow; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const form = useZodForm(ResetPasswordInput, { id: row.id, password: '', confirm: '' });
  return (
    <FormDialog
      title={`重置密码：${row.displayName}（${row.username}）`}
      intro="重置后该账户已登录的窗口会退出，本人下次登录时须修改密码。"
      formError={form.formError}
      submitLabel="重置密码"
      onSubmit={() => form.submit((input) => api.users.resetPassword(input))}
      onSaved={onSaved}
      onClose={onClose}
    >
      <TextField label="新密码" type="password" autoComplete="new-password" {...form.textProps('password')} helperText={form.errorOf('password') ?? PASSWORD_RULE_TEXT} />
      <TextField label="再次输入新密码" type="password" autoComplete="new-password" {...form.textProps('confirm')} />
    </FormDialog>
  );
}
