import { z } from 'zod';
import { mutation, query } from './define';
import { requiredText } from './fields';
import { EVERYONE, PUBLIC, ROLES, SESSION_HOLDER } from '../domain/roles';

/** 本机账户: login, lock, passwords. Roles and who may call what: shared/domain/roles.ts. */

export const PASSWORD_RULE_TEXT = '密码至少8位，须同时包含字母和数字';
export const password = (label = '密码') =>
  z
    .string({ error: `请填写${label}` })
    .min(8, `${label}至少8位`)
    .max(64, `${label}不能超过64位`)
    .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), `${label}须同时包含字母和数字`);

export const username = z
  .string({ error: '请填写用户名' })
  .trim()
  .min(2, '用户名至少2个字符')
  .max(32, '用户名不能超过32个字符')
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/, '用户名只能包含汉字、字母、数字、下划线、点和连字符');

export const CurrentUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  mustChangePassword: z.boolean(),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

export const AuthStatus = z.object({
  /** false until the first administrator exists */
  hasUsers: z.boolean(),
  user: CurrentUser.nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number(),
});
export type AuthStatus = z.infer<typeof AuthStatus>;

export const CreateFirstAdminInput = z
  .object({
    username,
    displayName: requiredText('姓名', 20),
    password: password(),
    confirm: z.string({ error: '请再次输入密码' }),
  })
  .refine((v) => v.password === v.confirm, { message: '两次输入的密码不一致', path: ['confirm'] });

export const LoginInput = z.object({
  username: z.string({ error: '请填写用户名' }).trim().min(1, '请填写用户名').max(32, '用户名不能超过32个字符'),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(64, '密码不能超过64位'),
});

export const ChangePasswordInput = z
  .object({
    currentPassword: z.string({ error: '请填写原密码' }).min(1, '请填写原密码').max(64, '密码不能超过64位'),
    password: password('新密码'),
    confirm: z.string({ error: '请再次输入新密码' }),
  })
  .refine((v) => v.password === v.confirm, { message: '两次输入的密码不一致', path: ['confirm'] });

const Done = z.object({ done: z.literal(true) });

export const authApi = {
  status: query('当前登录状态', PUBLIC, z.object({}).default({}), AuthStatus),
  createFirstAdmin: mutation('首次使用：创建管理员账户', PUBLIC, CreateFirstAdminInput, CurrentUser),
  login: mutation('登录', PUBLIC, LoginInput, CurrentUser),
  logout: mutation('退出登录', SESSION_HOLDER, z.object({}).default({}), Done),
  lock: mutation('锁定（离开座位时）', EVERYONE, z.object({}).default({}), Done),
  unlock: mutation('输入密码解锁', SESSION_HOLDER, z.object({ password: LoginInput.shape.password }), CurrentUser),
  heartbeat: query('仍在操作（推迟自动锁定）', EVERYONE, z.object({}).default({}), Done),
  changePassword: mutation('修改本人密码', EVERYONE, ChangePasswordInput, Done),
};
