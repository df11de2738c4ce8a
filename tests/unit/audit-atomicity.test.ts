import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/core/dispatcher';
import type { Platform, Caller as TransportCaller } from '../../electron/services/context';
import { listMethods } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import type { StreetNode, UnitRow } from '../../shared/api/units';
import type { BackupEntry } from '../../shared/api/backups';
import type { ImportPreview, OpenedImport } from '../../shared/api/imports';
import { base64, tableWorkbook } from '../helpers/import-files';
import { jpegBytes, upload } from '../helpers/attachment-files';
import { auditRows, insertUser, newCaller, ok, openShizhongApp, openTestApp, snapshotDatabase, TEST_PASSWORD, type TestApp } from '../helpers/test-context';

/**
 * "A change whose audit write fails leaves no change; a rolled-back change leaves no audit row."
 *
 * For every mutation of the contract, on its own fresh database:
 *  1. the audit insert fails (a trigger on audit_log raises) → the call is refused and nothing
 *     changed: no table, no session, no file in the data folder;
 *  2. the change fails right after its audit row was written (writeAudit inserts, then throws)
 *     → the call is refused, the audit row is gone with the rest: nothing changed;
 *  3. without any failure the same call succeeds and writes its audit row (so 1 and 2 tested
 *     a call that really changes something).
 */

const failure = vi.hoisted(() => ({
  /** throw after writing the audit row */
  afterAudit: false,
  /** throw instead of writing an audit row with one of these actions */
  beforeAudit: new Set<string>(),
}));
vi.mock('../../electron/services/audit', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/services/audit')>();
  return {
    ...real,
    writeAudit: async (...args: Parameters<typeof real.writeAudit>) => {
      if (failure.beforeAudit.has(args[2].action)) throw Object.assign(new Error('simulated: the audit insert fails'), { code: 'SQLITE_FULL' });
      await real.writeAudit(...args);
      if (failure.afterAudit) throw new Error('simulated: the change fails after its audit row was written');
    },
  };
});

type Prepared = { input: unknown; caller?: TransportCaller };
interface Case {
  /** which database: set up for 市中区 (default), not set up, or without any account */
  start?: 'shizhong' | 'fresh' | 'empty';
  prepare?: (app: TestApp) => Promise<Prepared> | Prepared;
  /**
   * How the audit write is made to fail in step 1: a trigger (default), or — for a restore,
   * whose audit row is written into the restored file, which has no such trigger — by making
   * writeAudit throw for these actions.
   */
  failActions?: string[];
  /** step 2 does not apply: nothing that can fail follows the audit row (reason) */
  nothingAfterAudit?: string;
}

/** Mutations that write no audit row at all, and why that is right. */
const NOT_AUDITED: Record<string, string> = {
  'auth.lock': 'locks the session in memory; no data changes',
  'backups.chooseFolder': 'remembers a folder in memory; no data changes',
  'files.save': 'writes an export already logged when it was made (audit.export …) to where the user chose',
  'imports.open': 'reads the chosen file into memory for this session; nothing is written',
  'imports.close': 'forgets a file held in memory; nothing is written',
  'attachments.chooseFiles': 'reads the chosen files into the waiting area of this session; nothing is attached (nor logged) until attachments.attach',
  'attachments.save': 'copies a stored attachment to where the user chose; reading a record is not logged',
};

const NEW_USER = { username: 'zhangsan', displayName: '张三', role: 'clerk', password: 'chushi2026', confirm: 'chushi2026' };

async function clerkSession(app: TestApp, options: { locked?: boolean } = {}): Promise<TransportCaller> {
  const user = await insertUser(app, { username: 'lisi', displayName: '李四', role: 'clerk' });
  const session = app.ctx.sessions.create({ userId: user.id, username: user.username, displayName: user.display_name, role: 'clerk' }, app.ctx.now().getTime());
  session.locked = options.locked ?? false;
  return newCaller(session.token);
}
const targetUser = (app: TestApp) => insertUser(app, { username: 'wangwu', displayName: '王五', role: 'viewer' });
const unitByCode = async (app: TestApp, code: string) =>
  ok<StreetNode[]>(await app.call('units.tree', { includeRetired: true }))
    .flatMap((s) => [s as unknown as UnitRow, ...s.units])
    .find((u) => u.code === code)!;
/** A small roster opened and previewed by the admin (whose session the case's calls use). */
async function openRoster(app: TestApp, rows: Array<Array<string | number>>) {
  const bytes = await tableWorkbook(['序号', '街道', '村（社区）名称', '区划代码', '党员总数'], rows);
  const opened = ok<OpenedImport>(await app.call('imports.open', { kind: 'villages', fileName: '村情.xlsx', contentBase64: base64(bytes) }));
  const input = { importId: opened.importId, sheetIndex: 0, options: { year: null } };
  return { input, preview: ok<ImportPreview>(await app.call('imports.preview', input)) };
}
const makeBackup = async (app: TestApp) => ok<BackupEntry>(await app.call('backups.create', {}));

/** 附件: a file waiting to be attached by the admin (the caller of the cases), or one attached already. */
async function attachmentUpload(app: TestApp) {
  const sessionToken = (await app.callerFor('admin')).token!;
  return upload(app, jpegBytes(120, 90), '村部照片.jpg', sessionToken);
}
async function attachedFile(app: TestApp) {
  const up = await attachmentUpload(app);
  const unit = await unitByCode(app, '370103002001');
  return ok<{ id: number }>(await app.call('attachments.attach', { uploadToken: up.uploadToken, ownerEntity: 'org_unit', ownerId: unit.id })).id;
}

/** 经费台账: a programme to the streets, an allocation to one street, rows in each status. */
const FUND_PROGRAMME = { year: 2026, name: '区域化党建工作经费', category: 'regional', sourceLevel: 'district', budgetFen: 170_000_000, standardFen: 10_000_000, recipientKind: 'street' };
const fundProgramme = async (app: TestApp) => ok<{ id: number }>(await app.call('funds.createProgramme', FUND_PROGRAMME)).id;
async function fundAllocation(app: TestApp) {
  const programmeId = await fundProgramme(app);
  const street = await unitByCode(app, '370103002');
  return ok<{ id: number }>(await app.call('funds.allocate', { programmeId, recipient: { unitId: street.id }, amountFen: 10_000_000 })).id;
}
async function fundRow(app: TestApp, upTo: 'pending' | 'approved' | 'paid') {
  const allocationId = await fundAllocation(app);
  const id = ok<{ id: number }>(await app.call('funds.disburse', { allocationId, paidOn: '2026-07-01', amountFen: 6_000_000 })).id;
  if (upTo !== 'pending') ok(await app.call('funds.approve', { id }));
  if (upTo === 'paid') ok(await app.call('funds.post', { id, paidOn: null }));
  return id;
}

const CASES: Record<string, Case> = {
  'auth.createFirstAdmin': {
    start: 'empty',
    prepare: () => ({ input: { username: 'wanghong', displayName: '王红', password: 'dangjian2026', confirm: 'dangjian2026' }, caller: newCaller() }),
  },
  'auth.login': {
    prepare: async (app) => {
      await insertUser(app, { username: 'lisi', role: 'clerk' });
      return { input: { username: 'lisi', password: TEST_PASSWORD }, caller: newCaller() };
    },
  },
  'auth.logout': {
    prepare: async (app) => ({ input: {}, caller: await clerkSession(app) }),
    nothingAfterAudit: 'the session ends in memory after the row; that cannot fail',
  },
  'auth.unlock': { prepare: async (app) => ({ input: { password: TEST_PASSWORD }, caller: await clerkSession(app, { locked: true }) }) },
  'auth.changePassword': {
    prepare: async (app) => ({ input: { currentPassword: TEST_PASSWORD, password: 'xinmima2027', confirm: 'xinmima2027' }, caller: await clerkSession(app) }),
  },
  'users.create': { prepare: () => ({ input: NEW_USER }) },
  'users.update': { prepare: async (app) => ({ input: { id: (await targetUser(app)).id, displayName: '王五改', role: 'clerk', active: true } }) },
  'users.resetPassword': { prepare: async (app) => ({ input: { id: (await targetUser(app)).id, password: 'chongzhi2026', confirm: 'chongzhi2026' } }) },
  'users.unlock': {
    prepare: async (app) => {
      const user = await targetUser(app);
      app.store.sqlite.prepare("UPDATE users SET failed_attempts = 3, locked_until = '2026-11-22T02:10:00.000Z' WHERE id = ?").run(user.id);
      return { input: { id: user.id } };
    },
  },
  'setup.complete': { start: 'fresh', prepare: () => ({ input: { countyCode: '370103', departmentName: '中共市中区委组织部' } }) },
  'settings.update': { prepare: () => ({ input: { departmentName: '中共济南市市中区委组织部' } }) },
  'dictionaries.addItem': { prepare: () => ({ input: { name: 'unit_kind', label: '其他社区' } }) },
  'dictionaries.updateItem': { prepare: () => ({ input: { name: 'unit_kind', value: 'urban', label: '城镇社区' } }) },
  'dictionaries.moveItem': { prepare: () => ({ input: { name: 'unit_kind', value: 'urban', direction: 'up' } }) },
  'dictionaries.retireItem': { prepare: () => ({ input: { name: 'unit_kind', value: 'converted' } }) },
  'dictionaries.restoreItem': {
    prepare: (app) => {
      app.store.sqlite.prepare("UPDATE dict_items SET retired = 1 WHERE dict = 'unit_kind' AND value = 'converted'").run();
      return { input: { name: 'unit_kind', value: 'converted' } };
    },
  },
  'dictionaries.deleteItem': { prepare: () => ({ input: { name: 'unit_kind', value: 'converted' } }) },
  'units.create': { prepare: () => ({ input: { level: 'street', code: '370103099', name: '新区街道', kind: '街道' } }) },
  'units.update': { prepare: async (app) => ({ input: { id: (await unitByCode(app, '370103002001')).id, name: '纬一路新社区', kind: 'converted' } }) },
  'units.changeCode': {
    prepare: async (app) => ({ input: { id: (await unitByCode(app, '370103019200')).id, newCode: '370103019018', effectiveOn: '2024-06-30', reason: '村改居', kind: 'converted' } }),
  },
  'units.retire': { prepare: async (app) => ({ input: { id: (await unitByCode(app, '370103002001')).id, retiredOn: '2024-12-31', reason: '撤并' } }) },
  'units.restore': {
    prepare: async (app) => {
      const unit = await unitByCode(app, '370103002001');
      ok(await app.call('units.retire', { id: unit.id, retiredOn: '2024-12-31', reason: '撤并' }));
      return { input: { id: unit.id } };
    },
  },
  'villages.saveProfile': {
    prepare: async (app) => ({ input: { unitId: (await unitByCode(app, '370103002001')).id, households: 320, memberTotal: 48, memberFemale: 12, secretaryPhone: '13812345678' } }),
  },
  'villages.saveYear': { prepare: async (app) => ({ input: { unitId: (await unitByCode(app, '370103002001')).id, year: 2024, collectiveIncomeFen: 12_000_000, starRating: 'four_star' } }) },
  'villages.deleteYear': {
    prepare: async (app) => {
      const unitId = (await unitByCode(app, '370103002001')).id;
      ok(await app.call('villages.saveYear', { unitId, year: 2024, weakOrg: true }));
      return { input: { unitId, year: 2024 } };
    },
  },
  'villages.setFirstSecretary': {
    // with a current one: ending it and appointing the next are two rows, one transaction
    prepare: async (app) => {
      const unitId = (await unitByCode(app, '370103002001')).id;
      ok(await app.call('villages.setFirstSecretary', { unitId, name: '刘洋', startedOn: '2021-03-01' }));
      return { input: { unitId, name: '陈晨', startedOn: '2023-03-01' } };
    },
  },
  'villages.endFirstSecretary': {
    prepare: async (app) => {
      const unitId = (await unitByCode(app, '370103002001')).id;
      ok(await app.call('villages.setFirstSecretary', { unitId, name: '刘洋', startedOn: '2021-03-01' }));
      return { input: { unitId, endedOn: '2023-02-28' } };
    },
  },
  'villages.updateFirstSecretary': {
    prepare: async (app) => {
      const unitId = (await unitByCode(app, '370103002001')).id;
      const first = ok<{ id: number }>(await app.call('villages.setFirstSecretary', { unitId, name: '刘洋', startedOn: '2021-03-01' }));
      return { input: { id: first.id, name: '刘阳', startedOn: '2021-03-01', endedOn: null } };
    },
  },
  'backups.create': { prepare: () => ({ input: {} }), nothingAfterAudit: 'the row is the last step of a backup' },
  'backups.restore': {
    prepare: async (app) => {
      const backup = await makeBackup(app);
      ok(await app.call('units.create', { level: 'street', code: '370103099', name: '备份后新增街道', kind: '街道' }));
      return { input: { ref: { location: 'default', name: backup.name } } };
    },
    failActions: ['restore_backup'],
    nothingAfterAudit: 'the row is the last step of a restore',
  },
  'backups.undoRestore': {
    prepare: async (app) => {
      const backup = await makeBackup(app);
      ok(await app.call('units.create', { level: 'street', code: '370103099', name: '备份后新增街道', kind: '街道' }));
      ok(await app.call('backups.restore', { ref: { location: 'default', name: backup.name } }));
      return { input: {} };
    },
    failActions: ['undo_restore'],
    nothingAfterAudit: 'the row is the last step of a restore',
  },
  'audit.export': { prepare: () => ({ input: {} }), nothingAfterAudit: 'the file is handed out (in memory) after the row' },
  'villages.exportList': { prepare: () => ({ input: { filter: {}, columns: ['name', 'collectiveIncomeFen'] } }), nothingAfterAudit: 'the file is handed out (in memory) after the row' },
  'villages.exportBandReport': { prepare: () => ({ input: { year: 2026 } }), nothingAfterAudit: 'the file is handed out (in memory) after the row' },
  'imports.template': { prepare: () => ({ input: { kind: 'villages' } }), nothingAfterAudit: 'the file is handed out (in memory) after the row' },
  'imports.exportProblems': {
    prepare: async (app) => ({ input: (await openRoster(app, [['1', '大观园街道', '纬一路社区', '370103002001', 'abc']])).input }),
    nothingAfterAudit: 'the file is handed out (in memory) after the row',
  },
  'imports.commit': {
    prepare: async (app) => {
      const { input, preview } = await openRoster(app, [
        ['1', '大观园街道', '纬一路社区', '370103002001', 56],
        ['2', '大观园街道', '睦和苑社区', '370103002003', 40],
      ]);
      return { input: { ...input, expect: { create: preview.counts.create, update: preview.counts.update, rejected: preview.counts.rejected, plan: preview.plan } } };
    },
  },
  'funds.createProgramme': { prepare: () => ({ input: FUND_PROGRAMME }) },
  'funds.updateProgramme': { prepare: async (app) => ({ input: { ...FUND_PROGRAMME, id: await fundProgramme(app), budgetFen: 180_000_000, note: '追加' } }) },
  'funds.deleteProgramme': { prepare: async (app) => ({ input: { id: await fundProgramme(app) } }) },
  'funds.allocate': {
    prepare: async (app) => ({ input: { programmeId: await fundProgramme(app), recipient: { unitId: (await unitByCode(app, '370103002')).id }, amountFen: 10_000_000 } }),
  },
  'funds.allocateBatch': { prepare: async (app) => ({ input: { programmeId: await fundProgramme(app), scope: { kind: 'allStreets' }, amountFen: 10_000_000 } }) },
  'funds.updateAllocation': { prepare: async (app) => ({ input: { id: await fundAllocation(app), amountFen: 8_000_000, dueOn: '2026-12-31' } }) },
  'funds.deleteAllocation': { prepare: async (app) => ({ input: { id: await fundAllocation(app) } }) },
  'funds.disburse': { prepare: async (app) => ({ input: { allocationId: await fundAllocation(app), paidOn: '2026-07-01', amountFen: 6_000_000, voucherNo: '记-01' } }) },
  'funds.updateDisbursement': { prepare: async (app) => ({ input: { id: await fundRow(app, 'pending'), paidOn: '2026-07-02', amountFen: 5_000_000 } }) },
  'funds.approve': { prepare: async (app) => ({ input: { id: await fundRow(app, 'pending') } }) },
  'funds.post': { prepare: async (app) => ({ input: { id: await fundRow(app, 'approved'), paidOn: '2026-07-03' } }) },
  'funds.deleteDisbursement': { prepare: async (app) => ({ input: { id: await fundRow(app, 'approved') } }) },
  'funds.reverse': { prepare: async (app) => ({ input: { id: await fundRow(app, 'paid'), paidOn: '2026-08-01', amountFen: 1_000_000, reason: '多拨，冲回' } }) },
  'funds.approveMany': { prepare: async (app) => ({ input: { ids: [await fundRow(app, 'pending')] } }) },
  'funds.postMany': { prepare: async (app) => ({ input: { ids: [await fundRow(app, 'approved')], paidOn: '2026-07-05' } }) },
  'funds.exportLedger': { prepare: async (app) => ({ input: { programmeId: await fundProgramme(app) } }), nothingAfterAudit: 'the file is handed out (in memory) after the row' },
  'funds.exportStatement': {
    prepare: async (app) => ({ input: { year: 2026, recipient: { unitId: (await unitByCode(app, '370103002')).id } } }),
    nothingAfterAudit: 'the file is handed out (in memory) after the row',
  },
  'funds.exportYearSummary': { prepare: () => ({ input: { year: 2026 } }), nothingAfterAudit: 'the file is handed out (in memory) after the row' },
  'attachments.attach': {
    // the file is placed before the commit: a failed commit takes it away again (no file left in the data folder)
    prepare: async (app) => ({ input: { uploadToken: (await attachmentUpload(app)).uploadToken, ownerEntity: 'org_unit', ownerId: (await unitByCode(app, '370103002001')).id } }),
  },
  'attachments.rename': { prepare: async (app) => ({ input: { id: await attachedFile(app), fileName: '村部照片（2026年）.jpg' } }) },
  // the file is removed only after the commit: a failed one leaves it where it was
  'attachments.remove': { prepare: async (app) => ({ input: { id: await attachedFile(app) } }) },
  'print.record': {
    prepare: async (app) => ({ input: { form: 'village_brief', ids: [(await unitByCode(app, '370103002001')).id] } }),
    nothingAfterAudit: 'the row is all it writes; the window prints after it',
  },
  'print.savePdf': {
    // the desktop way: the PDF and its 'export' row go together (the file is written into the data
    // folder here, so the checks of steps 1 and 2 see a file left behind)
    prepare: async (app) => {
      app.ctx.platform = desktopPdfPlatform(path.join(app.dataDir, '村情简表.pdf'));
      const admin = await app.callerFor('admin');
      return {
        input: { form: 'village_brief', ids: [(await unitByCode(app, '370103002001')).id], title: '村情简表', orientation: 'portrait' },
        caller: Object.assign(newCaller(admin.token), { webContentsId: 1 }),
      };
    },
  },
};

/** A desktop platform whose save dialog answers `target`: the PDF is written through the service's `around`, as shell/files.ts does. */
function desktopPdfPlatform(target: string): Platform {
  return {
    chooseFolder: async () => null,
    printToPdf: async () => new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n')),
    async saveFile(_suggestedName, bytes, options) {
      const write = () => fs.promises.writeFile(target, bytes);
      if (options?.around) await options.around(path.basename(target), write);
      else await write();
      return { fileName: path.basename(target) };
    },
  };
}

const opened: TestApp[] = [];
afterEach(async () => {
  failure.afterAudit = false;
  failure.beforeAudit.clear();
  while (opened.length) await opened.pop()!.close();
});

async function start(kind: Case['start'] = 'shizhong'): Promise<TestApp> {
  const app = kind === 'shizhong' ? await openShizhongApp() : await openTestApp(undefined, { withAdmin: kind !== 'empty' });
  opened.push(app);
  return app;
}

/** Every file under the data folder (backups, exports, attachments …), by name. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .filter((f) => !/-(wal|shm|journal)$/.test(f))
    .sort();
}

/** All that a call could change: tables, sessions, the caller's token, files. */
function state(app: TestApp, caller: TransportCaller | undefined) {
  return {
    tables: snapshotDatabase(app),
    sessions: app.ctx.sessions
      .list()
      .map((s) => ({ token: s.token, userId: s.userId, role: s.role, locked: s.locked }))
      .sort((a, b) => a.token.localeCompare(b.token)),
    callerToken: caller?.token ?? null,
    files: filesUnder(app.dataDir),
  };
}

const mutations = listMethods()
  .filter(([, def]) => def.mutates)
  .map(([name]) => name as string);

describe('every mutation is covered', () => {
  it('each mutation of the contract has a case here, or a reason it writes no audit row', () => {
    const missing = mutations.filter((m) => !(m in CASES) && !(m in NOT_AUDITED));
    expect(missing, `add these to CASES in tests/unit/audit-atomicity.test.ts: ${missing.join(', ')}`).toEqual([]);
    const stale = [...Object.keys(CASES), ...Object.keys(NOT_AUDITED)].filter((m) => !mutations.includes(m));
    expect(stale, `no longer mutations of the contract: ${stale.join(', ')}`).toEqual([]);
  });

  it.each(Object.entries(NOT_AUDITED).filter(([m]) => mutations.includes(m)))('%s writes no audit row (%s) and changes no table', async (method) => {
    const app = await start();
    const caller = await app.callerFor('admin');
    const before = snapshotDatabase(app);
    const input = method === 'backups.chooseFolder' ? { purpose: 'backup' } : method === 'files.save' ? { token: 'x'.repeat(32) } : {};
    await dispatch(app.ctx, method, input, caller);
    expect(snapshotDatabase(app)).toEqual(before);
  });
});

/**
 * Mutations that break the rule, if any are known: each runs as an expected failure, so the
 * suite stays green while the bug is open and turns red once it is fixed — then move it out.
 */
const KNOWN_BUGS: Record<string, string> = {
  // none today; backups.create / restore / undoRestore were here until their rows and changes went together
};

const runnable = Object.entries(CASES).filter(([m]) => mutations.includes(m) && !(m in KNOWN_BUGS));
const knownBroken = Object.entries(CASES).filter(([m]) => mutations.includes(m) && m in KNOWN_BUGS);

describe('a change whose audit write fails leaves no change; a rolled-back change leaves no audit row', () => {
  it.each(runnable)('%s', (method, spec) => runCase(method, spec));
  for (const [method, spec] of knownBroken) it.fails(`${method} — KNOWN BUG: ${KNOWN_BUGS[method]}`, () => runCase(method, spec));
});

/** Steps 1–3 for one mutation, on its own database. */
async function runCase(method: string, spec: Case) {
  const app = await start(spec.start);
  const prepared = await spec.prepare!(app);
  const caller = prepared.caller ?? (await app.callerFor('admin'));
  const call = (): Promise<ApiResult<unknown>> => dispatch(app.ctx, method, prepared.input, caller, { checkOutputs: true });

  // 1. the audit insert fails
  let before = state(app, caller);
  if (spec.failActions) for (const a of spec.failActions) failure.beforeAudit.add(a);
  else app.store.sqlite.exec("CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit write failed'); END");
  const auditFails = await call();
  if (spec.failActions) failure.beforeAudit.clear();
  else app.store.sqlite.exec('DROP TRIGGER test_audit_fails');
  expect(auditFails.ok, `1. ${method} succeeded although its audit row could not be written`).toBe(false);
  expect(state(app, caller), `1. ${method}: a refused call left a change behind`).toEqual(before);

  // 2. the change fails after its audit row was written
  if (!spec.nothingAfterAudit) {
    before = state(app, caller);
    failure.afterAudit = true;
    const rolledBack = await call();
    failure.afterAudit = false;
    expect(rolledBack.ok, `2. ${method}`).toBe(false);
    expect(!rolledBack.ok && rolledBack.error.code, `2. ${method}`).toBe('INTERNAL');
    expect(state(app, caller), `2. ${method}: the rolled-back change left its audit row (or more) behind`).toEqual(before);
  }

  // 3. no failure: the same call goes through and is logged (a restore replaces the whole log,
  // so look for a row that was not there before rather than count)
  const known = new Set(auditRows(app).map((r) => JSON.stringify(r)));
  const result = await call();
  expect(result.ok, `3. ${method}: ${JSON.stringify(result).slice(0, 300)}`).toBe(true);
  expect(auditRows(app).filter((r) => !known.has(JSON.stringify(r))).length, `3. ${method} wrote no audit row`).toBeGreaterThan(0);
}

describe('the business write failing below the service (a trigger on its table) leaves no audit row', () => {
  const TABLE_OF: Array<[string, string, (app: TestApp) => Promise<Prepared> | Prepared]> = [
    ['units.create', 'org_units', CASES['units.create']!.prepare!],
    ['units.update', 'org_units', CASES['units.update']!.prepare!],
    ['units.changeCode', 'unit_code_history', CASES['units.changeCode']!.prepare!],
    ['units.retire', 'org_units', CASES['units.retire']!.prepare!],
    ['units.restore', 'org_units', CASES['units.restore']!.prepare!],
    ['settings.update', 'settings', CASES['settings.update']!.prepare!],
    ['users.create', 'users', CASES['users.create']!.prepare!],
    ['users.update', 'users', CASES['users.update']!.prepare!],
    ['dictionaries.addItem', 'dict_items', CASES['dictionaries.addItem']!.prepare!],
    ['villages.saveProfile', 'village_profiles', CASES['villages.saveProfile']!.prepare!],
    ['villages.saveYear', 'village_years', CASES['villages.saveYear']!.prepare!],
    ['villages.setFirstSecretary', 'village_first_secretaries', CASES['villages.setFirstSecretary']!.prepare!],
    ['imports.commit', 'village_profiles', CASES['imports.commit']!.prepare!],
    ['funds.createProgramme', 'fund_programmes', CASES['funds.createProgramme']!.prepare!],
    ['funds.updateProgramme', 'fund_programmes', CASES['funds.updateProgramme']!.prepare!],
    ['funds.allocate', 'fund_allocations', CASES['funds.allocate']!.prepare!],
    ['funds.allocateBatch', 'fund_allocations', CASES['funds.allocateBatch']!.prepare!],
    ['funds.updateAllocation', 'fund_allocations', CASES['funds.updateAllocation']!.prepare!],
    ['funds.disburse', 'fund_disbursements', CASES['funds.disburse']!.prepare!],
    ['funds.updateDisbursement', 'fund_disbursements', CASES['funds.updateDisbursement']!.prepare!],
    ['funds.approve', 'fund_disbursements', CASES['funds.approve']!.prepare!],
    ['funds.post', 'fund_disbursements', CASES['funds.post']!.prepare!],
    ['funds.reverse', 'fund_disbursements', CASES['funds.reverse']!.prepare!],
    ['funds.approveMany', 'fund_disbursements', CASES['funds.approveMany']!.prepare!],
    ['funds.postMany', 'fund_disbursements', CASES['funds.postMany']!.prepare!],
    ['attachments.attach', 'attachments', CASES['attachments.attach']!.prepare!],
    ['attachments.rename', 'attachments', CASES['attachments.rename']!.prepare!],
  ];
  it.each(TABLE_OF.filter(([m]) => mutations.includes(m)))('%s with %s refusing writes', async (method, table, prepare) => {
    const app = await start();
    const prepared = await prepare(app);
    const caller = prepared.caller ?? (await app.callerFor('admin'));
    for (const when of ['INSERT', 'UPDATE']) {
      app.store.sqlite.exec(`CREATE TRIGGER test_${table}_fails_${when} BEFORE ${when} ON ${table} BEGIN SELECT RAISE(ABORT, 'business write failed'); END`);
    }
    const before = state(app, caller);
    const result = await dispatch(app.ctx, method, prepared.input, caller);
    expect(result.ok).toBe(false);
    expect(state(app, caller)).toEqual(before);
  });
});
