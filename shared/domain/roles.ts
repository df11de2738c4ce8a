/**
 * Roles of local accounts (本机账户). What each may do is declared on every contract method
 * (shared/api) and enforced on the call path, for IPC and the HTTP host alike.
 */
export const ROLES = ['admin', 'clerk', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  clerk: '经办人',
  viewer: '查阅',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: '管理账户、设置、字典，恢复备份；也可编辑全部记录',
  clerk: '录入和修改记录，导入导出，备份',
  viewer: '查阅、打印、导出（个人信息自动遮盖）',
};

/** Who may call a method. */
export type Access =
  /** anyone, logged in or not (login itself, first-run checks) */
  | { kind: 'public' }
  /** a logged-in user with one of these roles; `whileLocked` lets an idle-locked session through */
  | { kind: 'roles'; roles: readonly Role[]; whileLocked?: boolean };

export const PUBLIC: Access = { kind: 'public' };
export const EVERYONE: Access = { kind: 'roles', roles: ROLES };
export const EDITORS: Access = { kind: 'roles', roles: ['admin', 'clerk'] };
export const ADMINS: Access = { kind: 'roles', roles: ['admin'] };
/** any logged-in user, also while the session is idle-locked (unlock, logout, status) */
export const SESSION_HOLDER: Access = { kind: 'roles', roles: ROLES, whileLocked: true };

export function mayCall(access: Access, role: Role | null, locked: boolean): boolean {
  if (access.kind === 'public') return true;
  if (role === null) return false;
  if (locked && !access.whileLocked) return false;
  return access.roles.includes(role);
}
