import { z } from 'zod';
import { mutation, query } from './define';
import { id, requiredText } from './fields';
import { password, username } from './auth';
import { ADMINS, ROLES } from '../domain/roles';

/** 账户管理 (管理员 only): create accounts, change roles, deactivate, reset passwords, unlock. */

export const UserRow = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  failedAttempts: z.number(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserRow = z.infer<typeof UserRow>;

const role = z.enum(ROLES, { error: '请选择角色' });

export const CreateUserInput = z
  .object({ username, displayName: requiredText('姓名', 20), role, password: password('初始密码'), confirm: z.string({ error: '请再次输入密码' }) })
  .refine((v) => v.password === v.confirm, { message: '两次输入的密码不一致', path: ['confirm'] });

export type CreateUserInput = z.input<typeof CreateUserInput>;

export const UpdateUserInput = z.object({ id: id('账户'), displayName: requiredText('姓名', 20), role, active: z.boolean() });
export type UpdateUserInput = z.input<typeof UpdateUserInput>;

export const ResetPasswordInput = z
  .object({ id: id('账户'), password: password('新密码'), confirm: z.string({ error: '请再次输入新密码' }) })
  .refine((v) => v.password === v.confirm, { message: '两次输入的密码不一致', path: ['confirm'] });

export const usersApi = {
  list: query('全部账户', ADMINS, z.object({}).default({}), z.array(UserRow)),
  create: mutation('新建账户', ADMINS, CreateUserInput, UserRow),
  update: mutation('修改账户姓名、角色或停用', ADMINS, UpdateUserInput, UserRow),
  resetPassword: mutation('重置他人密码（对方下次登录须修改）', ADMINS, ResetPasswordInput, UserRow),
  unlock: mutation('解除账户锁定', ADMINS, z.object({ id: id('账户') }), UserRow),
};
