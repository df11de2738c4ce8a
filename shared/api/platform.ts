import { ROLE_LABELS } from '../domain/roles';
import { URBAN_RURAL_CLASSES } from '../domain/division';
import { attachmentsApi } from './attachments';
import { auditApi } from './audit';
import { authApi } from './auth';
import { backupsApi } from './backups';
import { dictionariesApi } from './dictionaries';
import { divisionsApi } from './divisions';
import { filesApi } from './files';
import { importsApi } from './imports';
import { defineApiModule } from './module';
import { printApi } from './print';
import { settingsApi } from './settings';
import { setupApi } from './setup';
import { UNIT_SOURCE_LABELS, UNIT_STATUS_LABELS, unitsApi } from './units';
import { usersApi } from './users';

/**
 * The platform every module stands on: accounts, first-run setup, settings and dictionaries,
 * the division list and 组织架构, printing and file delivery, the 操作日志, backups and the
 * import engine. Declared like any module (./module.ts), first in the list (./modules.ts).
 */

const LOGIN_FAILURE_REASONS: Record<string, string> = {
  'unknown user': '用户名不存在',
  inactive: '账户已停用',
  'locked out': '账户已锁定',
  'wrong password': '密码错误',
  'wrong password, locked out': '密码错误，账户已锁定',
};

export const platformModule = defineApiModule({
  name: 'platform',
  label: '基础功能',
  api: {
    auth: authApi,
    users: usersApi,
    setup: setupApi,
    settings: settingsApi,
    dictionaries: dictionariesApi,
    divisions: divisionsApi,
    units: unitsApi,
    print: printApi,
    audit: auditApi,
    files: filesApi,
    backups: backupsApi,
    imports: importsApi,
    attachments: attachmentsApi,
  },
  tables: {
    settings: '设置',
    dict_items: '字典',
    org_units: '组织架构',
    unit_code_history: '区划代码变更记录',
    audit_log: '操作日志',
    users: '账户',
    import_mappings: '导入列对应记录',
    attachment_blobs: '附件文件',
    attachments: '附件',
  },
  auditEntities: {
    org_unit: '单位',
    user: '账户',
    settings: '设置',
    dict_item: '字典',
    api: '接口',
    backup: '备份',
    audit_log: '操作日志',
    import: '导入',
    import_template: '导入模板',
    import_problems: '导入未通过的行',
    attachment: '附件',
  },
  auditFields: {
  // 单位
  id: '编号',
  level: '层级',
  parentId: '所属街道（镇）编号',
  streetName: '所属街道（镇）',
  code: '代码',
  name: '名称',
  fullName: '全称',
  kind: '类别',
  urbanRuralClass: '城乡分类',
  status: '状态',
  retiredOn: '撤销日期',
  retireReason: '撤销原因',
  source: '来源',
  note: '备注',
  updatedAt: '更新时间',
  createdAt: '创建时间',
  effectiveOn: '生效日期',
  reason: '原因',
  // 账户
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  active: '启用',
  mustChangePassword: '须修改密码',
  by: '操作方式',
  // 设置
  district: '本区',
  departmentName: '部门名称',
  streetCount: '街道（镇）数',
  unitCount: '村（社区）数',
  security: '安全设置',
  idleLockMinutes: '自动锁定（分钟）',
  maxFailedLogins: '允许输错密码次数',
  lockoutMinutes: '锁定时长（分钟）',
  // 字典
  dict: '字典',
  dictionary: '字典',
  dictionaryLabel: '字典名称',
  value: '值',
  label: '名称',
  group: '分组',
  sortOrder: '排序',
  retired: '停用',
  // 导出、备份
  rows: '条数',
  fileName: '文件名',
  filter: '筛选条件',
  file: '文件',
  files: '文件数',
  bytes: '大小（字节）',
  location: '位置',
  backup: '备份',
  restoreOf: '恢复自',
  preRestore: '恢复前自动备份',
  undoOf: '撤销的恢复',
  schemaVersion: '数据版本',
  error: '错误',
  // 导入
  what: '导入内容',
  sheet: '工作表',
  sourceFile: '源文件',
  created: '新增',
  updated: '更新',
  unchanged: '无变化',
  rejected: '未导入',
  // 附件
  ownerEntity: '所属记录类别',
  ownerId: '所属记录编号',
  owner: '所属记录',
  mime: '文件类型',
  sha256: '文件校验值（SHA-256）',
  },
  auditValues: {
    level: { street: '街道（镇）', unit: '村（社区）' },
    status: UNIT_STATUS_LABELS,
    source: UNIT_SOURCE_LABELS,
    role: ROLE_LABELS,
    urbanRuralClass: Object.fromEntries(URBAN_RURAL_CLASSES.map((c) => [c.value, c.label])),
    reason: LOGIN_FAILURE_REASONS,
    mime: { 'image/jpeg': 'JPG 图片', 'image/png': 'PNG 图片', 'application/pdf': 'PDF 文件' },
  },
  attachmentOwners: {
    org_unit: { label: '村（社区）' },
  },
});
