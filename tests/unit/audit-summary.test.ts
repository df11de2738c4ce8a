import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changedFields,
  fieldLabel,
  fieldRows,
  sameJson,
  summarizeAudit,
  SUMMARY_MAX_FIELDS,
} from '../../shared/api/audit-summary';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, actionLabel } from '../../shared/api/audit';
import { AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS, entityLabel } from '../../shared/api/audit-words';
import { detailText } from '../../electron/services/audit-log/audit-export';

/** The one-line summary and the field table built from an audit row's before/after JSON. */

const unit = {
  id: 101,
  level: 'unit',
  parentId: 7,
  streetName: '纬二路街道',
  code: '370103001001',
  name: '纬一路社区',
  fullName: '纬一路社区居民委员会',
  kind: 'community',
  urbanRuralClass: '111',
  status: 'active',
  retiredOn: null,
  retireReason: null,
  source: 'national',
  note: null,
  updatedAt: '2026-11-01T01:00:00.000Z',
};

describe('labels', () => {
  it('every action has its Chinese label, the ones the issue names', () => {
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
    expect(AUDIT_ACTIONS.map(actionLabel)).toEqual(
      expect.arrayContaining(['新增', '修改', '撤销', '恢复', '变更代码', '首次设置', '修改设置', '登录', '登录失败', '退出', '解锁', '修改密码', '重置密码', '越权操作', '导出', '打印', '查看完整个人信息', '备份', '备份失败', '恢复备份', '撤销恢复', '修改字典']),
    );
    for (const label of Object.values(AUDIT_ACTION_LABELS)) expect(label).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(new Set(Object.values(AUDIT_ACTION_LABELS)).size).toBe(AUDIT_ACTIONS.length);
  });

  it('entities the services write have labels; unknown ones show as they are', () => {
    for (const e of ['org_unit', 'user', 'settings', 'dict_item', 'api', 'backup', 'audit_log']) expect(entityLabel(e)).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(AUDIT_ENTITY_LABELS.org_unit).toBe('单位');
    expect(entityLabel('member')).toBe('member');
    expect(actionLabel('something_new')).toBe('something_new');
    // inherited names are not labels
    expect(entityLabel('constructor')).toBe('constructor');
    expect(fieldLabel('toString')).toBe('toString');
  });
});

describe('summarizeAudit', () => {
  it('names the record and each changed field with its Chinese label (the example of the issue)', () => {
    const after = { ...unit, name: '纬一路社区（新）', updatedAt: '2026-11-05T03:00:00.000Z' };
    expect(summarizeAudit({ action: 'update', entity: 'org_unit', entityId: '101', before: unit, after })).toBe('纬一路社区：名称 纬一路社区 → 纬一路社区（新）');
  });

  it('shows values with their labels: status, role, booleans, empty', () => {
    const retired = { ...unit, status: 'retired', retiredOn: '2026-11-20', retireReason: '合并' };
    expect(summarizeAudit({ action: 'retire', entity: 'org_unit', entityId: '101', before: unit, after: retired })).toBe(
      '纬一路社区：状态 在册 → 已撤销；撤销日期 （空） → 2026-11-20；撤销原因 （空） → 合并',
    );
    const user = { username: 'zhangsan', displayName: '张三', role: 'clerk', active: true };
    expect(summarizeAudit({ action: 'update', entity: 'user', entityId: '3', before: user, after: { ...user, role: 'admin', active: false } })).toBe(
      '张三：角色 经办人 → 管理员；启用 是 → 否',
    );
  });

  it('counts what it does not spell out', () => {
    const after = { ...unit, name: 'a', fullName: 'b', code: '370103001002', kind: 'village', note: 'x', urbanRuralClass: '220' };
    const text = summarizeAudit({ action: 'update', entity: 'org_unit', entityId: '101', before: unit, after });
    expect(text).toContain('等 6 项');
    expect(text.split('；')).toHaveLength(SUMMARY_MAX_FIELDS);
  });

  it('a new record: its name and code', () => {
    expect(summarizeAudit({ action: 'create', entity: 'org_unit', entityId: '101', before: null, after: unit })).toBe('纬一路社区（代码 370103001001）');
  });

  it('a setting stored as text is named by its key', () => {
    expect(summarizeAudit({ action: 'settings', entity: 'settings', entityId: 'departmentName', before: '中共市中区委组织部', after: '市中区委组织部' })).toBe(
      '部门名称：中共市中区委组织部 → 市中区委组织部',
    );
  });

  it('failed logins, refusals, exports and bare events read as Chinese', () => {
    expect(summarizeAudit({ action: 'login_failed', entity: 'user', entityId: null, before: null, after: { username: 'wangwu', reason: 'unknown user' } })).toBe(
      '用户名 wangwu：用户名不存在',
    );
    expect(summarizeAudit({ action: 'forbidden', entity: 'api', entityId: 'users.create', before: null, after: { role: 'clerk' } })).toBe('被拒绝：新建账户');
    expect(summarizeAudit({ action: 'export', entity: 'audit_log', entityId: null, before: null, after: { fileName: '操作日志.xlsx', rows: 3 } })).toBe(
      '文件名 操作日志.xlsx；条数 3',
    );
    expect(summarizeAudit({ action: 'login', entity: 'user', entityId: '1', before: null, after: null })).toBe('');
  });

  it('an update that changed nothing says so', () => {
    expect(summarizeAudit({ action: 'update', entity: 'org_unit', entityId: '101', before: unit, after: { ...unit } })).toBe('纬一路社区：无内容变化');
  });
});

describe('fieldRows / detailText', () => {
  it('lists every field of both sides, marks the changed ones, keeps first-seen order', () => {
    const rows = fieldRows({ a: 1, name: 'x', same: true }, { name: 'y', same: true, added: null });
    expect(rows).toEqual([
      { key: 'a', label: 'a', before: '1', after: '—', changed: true },
      { key: 'name', label: '名称', before: 'x', after: 'y', changed: true },
      { key: 'same', label: 'same', before: '是', after: '是', changed: false },
      { key: 'added', label: 'added', before: '—', after: '（空）', changed: true },
    ]);
  });

  it('the export detail: changed fields for an update, the whole record otherwise', () => {
    expect(detailText({ before: unit, after: { ...unit, name: '新名' } })).toBe('名称：纬一路社区 → 新名');
    expect(detailText({ before: null, after: { username: 'a', role: 'viewer' } })).toBe('用户名：a\n角色：查阅');
    expect(detailText({ before: null, after: null })).toBe('');
  });
});

// JSON as it comes back from the database: JSON.parse of anything JSON.stringify wrote
const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const knownKey = fc.constantFrom(...Object.keys(AUDIT_FIELD_LABELS));
const key = fc.oneof(knownKey, fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString', ''));
const record = fc.dictionary(key, jsonValue, { maxKeys: 8 }).map((v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>);
const action = fc.oneof(fc.constantFrom(...AUDIT_ACTIONS), fc.string({ maxLength: 10 }));
const entity = fc.oneof(fc.constantFrom(...Object.keys(AUDIT_ENTITY_LABELS)), fc.string({ maxLength: 10 }));
const entityId = fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('users.create', 'departmentName', '__proto__')), { nil: null });

describe('properties', () => {
  it('never throws and stays one short line, whatever the JSON', () => {
    fc.assert(
      fc.property(action, entity, entityId, fc.oneof(jsonValue, record, fc.constant(undefined)), fc.oneof(jsonValue, record, fc.constant(undefined)), (a, e, id, before, after) => {
        const text = summarizeAudit({ action: a, entity: e, entityId: id, before, after });
        expect(typeof text).toBe('string');
        expect(text.length).toBeLessThan(600);
        expect(() => fieldRows(before, after)).not.toThrow();
        expect(() => detailText({ before, after })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('every changed key is in the field diff, and no unchanged one', () => {
    fc.assert(
      fc.property(record, record, (before, after) => {
        const changed = new Set(changedFields(before, after).map((f) => f.key));
        const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
        for (const k of keys) {
          const differs = !(Object.hasOwn(before, k) && Object.hasOwn(after, k) && sameJson(before[k], after[k]));
          expect(changed.has(k), `key ${JSON.stringify(k)}`).toBe(differs);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('an update summary mentions every changed field by its label when there are few enough', () => {
    // a changed record (both sides objects, a real update action) with up to SUMMARY_MAX_FIELDS changes
    fc.assert(
      fc.property(record, record, (before, after) => {
        const shown = changedFields(before, after).filter((f) => f.key !== 'updatedAt' && f.key !== 'createdAt');
        fc.pre(shown.length > 0 && shown.length <= SUMMARY_MAX_FIELDS);
        const text = summarizeAudit({ action: 'update', entity: 'org_unit', entityId: '1', before, after });
        for (const f of shown) expect(text).toContain(f.label);
      }),
      { numRuns: 500 },
    );
  });

  it('sameJson ignores key order and agrees with JSON text on canonical values', () => {
    fc.assert(
      fc.property(jsonValue, jsonValue, (a, b) => {
        expect(sameJson(a, a)).toBe(true);
        expect(sameJson(a, b)).toBe(sameJson(b, a));
        if (JSON.stringify(a) === JSON.stringify(b)) expect(sameJson(a, b)).toBe(true);
      }),
    );
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});
