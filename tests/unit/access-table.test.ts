import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/core/dispatcher';
import { createHostServer } from '../../electron/host/server';
import type { Caller as TransportCaller } from '../../electron/services/context';
import { listMethods } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import { ROLE_LABELS, type Role } from '../../shared/domain/roles';
import type { StreetNode } from '../../shared/api/units';
import { hasChinese } from '../helpers/fixtures';
import { auditRows, insertUser, newCaller, ok, openShizhongApp, snapshotDatabase, tempDir, TEST_PASSWORD, testUsername, type TestApp } from '../helpers/test-context';
import { fakeFrame, FakeWebContents } from '../ipc/fake-electron';

vi.mock('electron', async () => (await import('../ipc/fake-electron')).electronModule);
const { handleApiCall, callerFor: ipcCallerFor } = await import('../../electron/shell/ipc');

/**
 * "A table test over the whole contract: every method called as each role (and logged out)
 * gets exactly what that role may do."
 *
 * The table below is written by hand from the issue — NOT read from the contract's `access`
 * field, so a wrong access declaration makes this test fail:
 *   accounts, settings, dictionaries, first-run setup, restoring a backup, the audit log → 管理员 only
 *   editing records (attachments too), backups                                → 管理员 + 经办人
 *   reading, printing, exporting (attachments: listing, thumbnails, downloads) → every role
 *   logging in, first-admin creation, login status                            → anyone, also logged out
 *
 * Columns: admin 管理员 · clerk 经办人 · viewer 查阅 · anonymous (not logged in).
 * Y = gets past the access check, - = refused (FORBIDDEN, or UNAUTHENTICATED when logged out).
 */
const ACCESS_TABLE: Record<string, `${'Y' | '-'} ${'Y' | '-'} ${'Y' | '-'} ${'Y' | '-'}`> = {
  //                               A C V anon
  'auth.status':                  'Y Y Y Y',
  'auth.createFirstAdmin':        'Y Y Y Y',
  'auth.login':                   'Y Y Y Y',
  'auth.logout':                  'Y Y Y -',
  'auth.lock':                    'Y Y Y -',
  'auth.unlock':                  'Y Y Y -',
  'auth.heartbeat':               'Y Y Y -',
  'auth.changePassword':          'Y Y Y -',

  'users.list':                   'Y - - -',
  'users.create':                 'Y - - -',
  'users.update':                 'Y - - -',
  'users.resetPassword':          'Y - - -',
  'users.unlock':                 'Y - - -',

  'setup.status':                 'Y Y Y -',
  'setup.complete':               'Y - - -',

  'settings.get':                 'Y Y Y -',
  'settings.update':              'Y - - -',
  'settings.systemInfo':          'Y Y Y -',

  'dictionaries.list':            'Y Y Y -',
  'dictionaries.items':           'Y Y Y -',
  'dictionaries.detail':          'Y Y Y -',
  'dictionaries.addItem':         'Y - - -',
  'dictionaries.updateItem':      'Y - - -',
  'dictionaries.moveItem':        'Y - - -',
  'dictionaries.retireItem':      'Y - - -',
  'dictionaries.restoreItem':     'Y - - -',
  'dictionaries.deleteItem':      'Y - - -',

  'divisions.provinces':          'Y Y Y -',
  'divisions.cities':             'Y Y Y -',
  'divisions.counties':           'Y Y Y -',
  'divisions.searchCounties':     'Y Y Y -',
  'divisions.preview':            'Y Y Y -',

  'units.tree':                   'Y Y Y -',
  'units.search':                 'Y Y Y -',
  'units.get':                    'Y Y Y -',
  'units.create':                 'Y Y - -',
  'units.update':                 'Y Y - -',
  'units.changeCode':             'Y Y - -',
  'units.retire':                 'Y Y - -',
  'units.restore':                'Y Y - -',

  'villages.list':                'Y Y Y -',
  'villages.exportBandReport':    'Y Y Y -',
  'villages.exportList':          'Y Y Y -',
  'villages.get':                 'Y Y Y -',
  'villages.saveProfile':         'Y Y - -',
  'villages.saveYear':            'Y Y - -',
  'villages.deleteYear':          'Y Y - -',
  'villages.setFirstSecretary':   'Y Y - -',
  'villages.endFirstSecretary':   'Y Y - -',
  'villages.updateFirstSecretary': 'Y Y - -',
  'villages.incomeBandReport':    'Y Y Y -',
  'villages.bandMovers':          'Y Y Y -',

  'backups.overview':             'Y Y - -',
  'backups.create':               'Y Y - -',
  'backups.chooseFolder':         'Y Y - -',
  'backups.verify':               'Y Y - -',
  'backups.restore':              'Y - - -',
  'backups.undoRestore':          'Y - - -',

  'audit.list':                   'Y - - -',
  'audit.users':                  'Y - - -',
  'audit.export':                 'Y - - -',

  'files.save':                   'Y Y Y -',

  'print.record':                 'Y Y Y -',
  'print.savePdf':                'Y Y Y -',

  'imports.template':             'Y Y Y -',
  'imports.open':                 'Y Y - -',
  'imports.preview':              'Y Y - -',
  'imports.exportProblems':       'Y Y - -',
  'imports.commit':               'Y Y - -',
  'imports.close':                'Y Y - -',

  'attachments.list':             'Y Y Y -',
  'attachments.thumbnail':        'Y Y Y -',
  'attachments.save':             'Y Y Y -',
  'attachments.attach':           'Y Y - -',
  'attachments.rename':           'Y Y - -',
  'attachments.remove':           'Y Y - -',
  'attachments.chooseFiles':      'Y Y - -',

  'funds.programmes':             'Y Y Y -',
  'funds.programme':              'Y Y Y -',
  'funds.createProgramme':        'Y Y - -',
  'funds.updateProgramme':        'Y Y - -',
  'funds.deleteProgramme':        'Y Y - -',
  'funds.allocate':               'Y Y - -',
  'funds.previewBatch':           'Y Y - -',
  'funds.allocateBatch':          'Y Y - -',
  'funds.updateAllocation':       'Y Y - -',
  'funds.deleteAllocation':       'Y Y - -',
  'funds.disburse':               'Y Y - -',
  'funds.updateDisbursement':     'Y Y - -',
  'funds.approve':                'Y Y - -',
  'funds.post':                   'Y Y - -',
  'funds.deleteDisbursement':     'Y Y - -',
  'funds.reverse':                'Y Y - -',
  'funds.approveMany':            'Y Y - -',
  'funds.postMany':               'Y Y - -',
  'funds.ledger':                 'Y Y Y -',
  'funds.yearSummary':            'Y Y Y -',
  'funds.recipientBalances':      'Y Y Y -',
  'funds.streetBalances':         'Y Y Y -',
  'funds.statement':              'Y Y Y -',
  'funds.overdue':                'Y Y Y -',
  'funds.exportLedger':           'Y Y Y -',
  'funds.exportStatement':        'Y Y Y -',
  'funds.exportYearSummary':      'Y Y Y -',
};

/**
 * An idle-locked session may still do only this: see where it stands, unlock with its
 * password, or log out — and, like anybody without a session, log in (as someone else) or
 * create the first administrator (refused once one exists).
 */
const WHILE_LOCKED = new Set(['auth.status', 'auth.unlock', 'auth.logout', 'auth.login', 'auth.createFirstAdmin']);

type Who = Role | null;
const CALLERS: Who[] = ['admin', 'clerk', 'viewer', null];
const label = (who: Who) => (who === null ? 'anonymous' : who);
const REFUSALS = ['UNAUTHENTICATED', 'FORBIDDEN', 'LOCKED'];

function mayPass(method: string, who: Who): boolean {
  const row = ACCESS_TABLE[method]!.split(' ');
  return row[CALLERS.indexOf(who)] === 'Y';
}

const contractNames = listMethods().map(([name]) => name as string);
const covered = contractNames.filter((name) => name in ACCESS_TABLE);

let app: TestApp;
let streetId: number;
let unitIds: number[];
let targetUserId: number;
/** 经费台账: a programme to the streets, one allocation, one 待审核 row */
let fund: { programmeId: number; allocationId: number; rowId: number };
let serial = 0;
const next = () => ++serial;

/**
 * A minimal input per method. Mutations get a VALID input where it is easy to give one, so a
 * refusal proves the access check (not the input) kept the database unchanged; where the
 * outcome would get in the way of other rows (passwords, sessions) it is a harmless one.
 */
function inputFor(method: string): unknown {
  const n = next();
  const inputs: Record<string, () => unknown> = {
    'auth.createFirstAdmin': () => ({ username: `first-${n}`, displayName: '首位管理员', password: 'guanli2026', confirm: 'guanli2026' }),
    // a new unknown name each time: unknown names count toward a lock-out like real accounts
    'auth.login': () => ({ username: `nobody-${n}`, password: 'wrong-pass-1' }),
    'auth.unlock': () => ({ password: TEST_PASSWORD }),
    'auth.changePassword': () => ({ currentPassword: 'wrong-pass-1', password: 'xinmima2027', confirm: 'xinmima2027' }),
    'users.create': () => ({ username: `new-user-${n}`, displayName: '新账户', role: 'viewer', password: 'chushi2026', confirm: 'chushi2026' }),
    'users.update': () => ({ id: targetUserId, displayName: `改名${n}`, role: 'viewer', active: true }),
    'users.resetPassword': () => ({ id: targetUserId, password: 'chongzhi2026', confirm: 'chongzhi2026' }),
    'users.unlock': () => ({ id: targetUserId }),
    'setup.complete': () => ({ countyCode: '370103', departmentName: '中共市中区委组织部' }),
    'settings.update': () => ({ departmentName: `改过的组织部${n}` }),
    'dictionaries.items': () => ({ name: 'unit_kind' }),
    'dictionaries.detail': () => ({ name: 'unit_kind' }),
    'dictionaries.addItem': () => ({ name: 'unit_kind', label: `新类别${n}` }),
    'dictionaries.updateItem': () => ({ name: 'unit_kind', value: 'urban', label: `城市社区${n}` }),
    'dictionaries.moveItem': () => ({ name: 'unit_kind', value: 'urban', direction: 'up' }),
    'dictionaries.retireItem': () => ({ name: 'unit_kind', value: 'converted' }),
    'dictionaries.restoreItem': () => ({ name: 'unit_kind', value: 'converted' }),
    'dictionaries.deleteItem': () => ({ name: 'unit_kind', value: 'village' }),
    'divisions.cities': () => ({ provinceCode: '37' }),
    'divisions.counties': () => ({ cityCode: '3701' }),
    'divisions.searchCounties': () => ({ query: '市中区' }),
    'divisions.preview': () => ({ countyCode: '370103' }),
    'units.search': () => ({ query: 'qxjd' }),
    'units.get': () => ({ id: unitIds[0] }),
    'units.create': () => ({ level: 'street', code: `370103${100 + (n % 800)}`, name: `新设街道${n}`, kind: '街道' }),
    'units.update': () => ({ id: unitIds[0], name: `改名社区${n}`, kind: 'urban' }),
    'units.changeCode': () => ({ id: unitIds[1], newCode: `370103002${100 + (n % 800)}`, effectiveOn: '2024-06-30', reason: '调整' }),
    'units.retire': () => ({ id: unitIds[2], retiredOn: '2024-12-31', reason: '撤并' }),
    'units.restore': () => ({ id: unitIds[2] }),
    'villages.get': () => ({ unitId: unitIds[0] }),
    'villages.saveProfile': () => ({ unitId: unitIds[0], households: 100 + n }),
    'villages.saveYear': () => ({ unitId: unitIds[0], year: 2024, collectiveIncomeFen: n * 100 }),
    'villages.deleteYear': () => ({ unitId: unitIds[0], year: 2024 }),
    'villages.setFirstSecretary': () => ({ unitId: unitIds[3], name: `第一书记${n}`, startedOn: dayAfter2020(n) }),
    'villages.endFirstSecretary': () => ({ unitId: unitIds[3], endedOn: dayAfter2020(n) }),
    'villages.updateFirstSecretary': () => ({ id: 1, name: `更正${n}`, startedOn: '2019-01-01', endedOn: '2019-12-31' }),
    'backups.chooseFolder': () => ({ purpose: 'backup' }),
    'files.save': () => ({ token: 'no-such-export-token' }),
    'print.record': () => ({ form: 'village_brief', ids: [unitIds[0]] }),
    'print.savePdf': () => ({ form: 'village_brief', ids: [unitIds[0]], title: '村情简表', orientation: 'portrait' }),
    'villages.exportList': () => ({ filter: {}, columns: ['name'] }),
    'imports.template': () => ({ kind: 'villages' }),
    'funds.programmes': () => ({ year: 2026 }),
    'funds.programme': () => ({ id: fund.programmeId }),
    'funds.createProgramme': () => ({ ...FUND_PROGRAMME, name: `经费项目${n}` }),
    'funds.updateProgramme': () => ({ ...FUND_PROGRAMME, id: fund.programmeId, budgetFen: FUND_PROGRAMME.budgetFen + n }),
    // harmless: no such record (the access check comes first either way)
    'funds.deleteProgramme': () => ({ id: 987_654 }),
    'funds.allocate': () => ({ programmeId: fund.programmeId, recipient: { unitId: streetId }, amountFen: 100 }),
    'funds.previewBatch': () => ({ programmeId: fund.programmeId, scope: { kind: 'allStreets' }, amountFen: 100 }),
    'funds.allocateBatch': () => ({ programmeId: fund.programmeId, scope: { kind: 'allStreets' }, amountFen: 100 }),
    'funds.updateAllocation': () => ({ id: fund.allocationId, amountFen: 100_000 + n }),
    'funds.deleteAllocation': () => ({ id: 987_654 }),
    'funds.disburse': () => ({ allocationId: fund.allocationId, paidOn: '2026-10-01', amountFen: 1 }),
    'funds.updateDisbursement': () => ({ id: fund.rowId, paidOn: '2026-10-01', amountFen: 1 + (n % 100) }),
    'funds.approve': () => ({ id: 987_654 }),
    'funds.post': () => ({ id: 987_654, paidOn: null }),
    'funds.deleteDisbursement': () => ({ id: 987_654 }),
    'funds.reverse': () => ({ id: 987_654, paidOn: '2026-10-02', reason: '冲销' }),
    'funds.approveMany': () => ({ ids: [987_654] }),
    'funds.postMany': () => ({ ids: [987_654] }),
    'funds.ledger': () => ({ programmeId: fund.programmeId }),
    'funds.yearSummary': () => ({ year: 2026 }),
    'funds.recipientBalances': () => ({ year: 2026 }),
    'funds.streetBalances': () => ({ year: 2026 }),
    'funds.statement': () => ({ year: 2026, recipient: { unitId: streetId } }),
    'funds.overdue': () => ({}),
    'funds.exportLedger': () => ({ programmeId: fund.programmeId }),
    'funds.exportStatement': () => ({ year: 2026, recipient: { unitId: streetId } }),
    'funds.exportYearSummary': () => ({ year: 2026 }),
    'attachments.list': () => ({ ownerEntity: 'org_unit', ownerId: unitIds[0] }),
    'attachments.thumbnail': () => ({ id: 987_654 }),
    'attachments.save': () => ({ id: 987_654 }),
    // harmless: an upload token nobody holds, a record nobody has (the access check comes first either way)
    'attachments.attach': () => ({ uploadToken: 'x'.repeat(43), ownerEntity: 'org_unit', ownerId: unitIds[0] }),
    'attachments.rename': () => ({ id: 987_654, fileName: `改名${n}.pdf` }),
    'attachments.remove': () => ({ id: 987_654 }),
  };
  return (inputs[method] ?? (() => ({})))();
}

const FUND_PROGRAMME = { year: 2026, name: '访问测试经费', category: 'regional', sourceLevel: 'district', budgetFen: 1_000_000_000, recipientKind: 'street' };

/** 2020-01-01 plus n days: later calls get later dates, as successive appointments do. */
const dayAfter2020 = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** A new session for the helpers' account of this role (so logout, lock … in one row do not touch the next). */
async function freshCaller(who: Who, options: { idleMinutes?: number } = {}): Promise<TransportCaller> {
  if (who === null) return newCaller();
  const known = app.ctx.sessions.get((await app.callerFor(who)).token)!;
  const now = app.ctx.now().getTime();
  const start = now - (options.idleMinutes ?? 0) * 60_000;
  const session = app.ctx.sessions.create({ userId: known.userId, username: known.username, displayName: known.displayName, role: who }, start);
  return newCaller(session.token);
}

async function identity(who: Role) {
  const user = await app.ctx.db.selectFrom('users').selectAll().where('username', '=', testUsername(who)).executeTakeFirstOrThrow();
  return { user_id: user.id, username: user.username, actor: user.display_name };
}

beforeAll(async () => {
  app = await openShizhongApp();
  for (const role of ['admin', 'clerk', 'viewer'] as const) await app.callerFor(role);
  targetUserId = (await insertUser(app, { username: 'target-user', role: 'viewer' })).id;
  const tree = ok<StreetNode[]>(await app.call('units.tree', {}));
  const street = tree.find((s) => s.code === '370103002')!;
  streetId = street.id;
  unitIds = street.units.map((u) => u.id);
  const programmeId = ok<{ id: number }>(await app.call('funds.createProgramme', FUND_PROGRAMME)).id;
  const allocationId = ok<{ id: number }>(await app.call('funds.allocate', { programmeId, recipient: { unitId: streetId }, amountFen: 100_000 })).id;
  const rowId = ok<{ id: number }>(await app.call('funds.disburse', { allocationId, paidOn: '2026-10-01', amountFen: 1 })).id;
  fund = { programmeId, allocationId, rowId };
});
afterAll(async () => {
  await app.close();
});

describe('the expectation table covers the whole contract', () => {
  it('every contract method has a row (a new method needs one: who may call it?)', () => {
    const missing = contractNames.filter((name) => !(name in ACCESS_TABLE));
    expect(missing, `methods missing from ACCESS_TABLE in tests/unit/access-table.test.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it('every row is a contract method (renamed or removed methods leave no stale rows)', () => {
    const stale = Object.keys(ACCESS_TABLE).filter((name) => !contractNames.includes(name));
    expect(stale, `rows without a contract method: ${stale.join(', ')}`).toEqual([]);
  });
});

describe('every method × every caller gets exactly what the table says', () => {
  it.each(covered)('%s', async (method) => {
    const outcomes: string[] = [];
    for (const who of CALLERS) {
      const caller = await freshCaller(who);
      const input = inputFor(method);
      const before = snapshotDatabase(app, { except: ['audit_log'] });
      const auditBefore = auditRows(app);
      const result = await dispatch(app.ctx, method, input, caller);
      const code = result.ok ? 'ok' : result.error.code;
      outcomes.push(`${label(who)}=${code}`);
      const newAudit = auditRows(app).slice(auditBefore.length);
      const where = `${method} as ${label(who)} → ${JSON.stringify(result).slice(0, 200)}`;

      if (mayPass(method, who)) {
        expect(REFUSALS, `should pass the access check: ${where}`).not.toContain(code);
        expect(newAudit.filter((r) => r.action === 'forbidden'), where).toEqual([]);
        continue;
      }
      // refused: the right code, a Chinese message, nothing changed
      expect(result.ok, where).toBe(false);
      if (result.ok) continue;
      expect(hasChinese(result.error.message), where).toBe(true);
      expect(snapshotDatabase(app, { except: ['audit_log'] }), where).toEqual(before);
      if (who === null) {
        expect(result.error, where).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
        expect(newAudit, `a logged-out refusal writes no row: ${where}`).toEqual([]);
      } else {
        expect(result.error.code, where).toBe('FORBIDDEN');
        expect(result.error.message, where).toContain(ROLE_LABELS[who]);
        // exactly one row: who tried what
        expect(newAudit, where).toHaveLength(1);
        expect(newAudit[0], where).toMatchObject({ action: 'forbidden', entity: 'api', entity_id: method, ...(await identity(who)) });
        expect(JSON.parse(newAudit[0]!.after_json!)).toEqual({ role: who });
        // the refusal ends nothing: the session still works for what the role may do
        expect(app.ctx.sessions.get(caller.token)).toBeDefined();
      }
    }
    // one line per method in the report, e.g. units.create: admin=ok clerk=ok viewer=FORBIDDEN …
    expect(outcomes).toHaveLength(CALLERS.length);
  });
});

describe('an idle-locked session gets LOCKED for all but status, unlock, logout (and the logged-out entry points)', () => {
  it.each(covered)('%s', async (method) => {
    for (const who of ['admin', 'clerk', 'viewer'] as const) {
      // idle for longer than the configured minutes: the dispatcher locks it on this call
      const caller = await freshCaller(who, { idleMinutes: app.ctx.security.idleLockMinutes + 1 });
      const before = snapshotDatabase(app);
      const result = await dispatch(app.ctx, method, inputFor(method), caller);
      const where = `${method} as locked ${who} → ${JSON.stringify(result).slice(0, 200)}`;
      if (WHILE_LOCKED.has(method)) {
        expect(REFUSALS, where).not.toContain(result.ok ? 'ok' : result.error.code);
        continue;
      }
      expect(result, where).toEqual({ ok: false, error: { code: 'LOCKED', message: '长时间未操作，程序已锁定，请输入密码解锁' } });
      // nothing written, not even a 'forbidden' row; the session stays (locked) for unlocking
      expect(snapshotDatabase(app), where).toEqual(before);
      expect(app.ctx.sessions.get(caller.token)?.locked, where).toBe(true);
    }
  });

  it('a session used within the idle time is not locked; one idle for just longer is', async () => {
    const minutes = app.ctx.security.idleLockMinutes;
    const fresh = await freshCaller('viewer', { idleMinutes: minutes - 1 });
    expect((await dispatch(app.ctx, 'units.tree', {}, fresh)).ok).toBe(true);
    const idle = await freshCaller('viewer', { idleMinutes: minutes + 1 });
    expect(await dispatch(app.ctx, 'units.tree', {}, idle)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    // status says so; unlock with the password opens it again, without a new token
    expect(ok(await dispatch(app.ctx, 'auth.status', {}, idle))).toMatchObject({ locked: true, user: { username: testUsername('viewer') } });
    const token = idle.token;
    ok(await dispatch(app.ctx, 'auth.unlock', { password: TEST_PASSWORD }, idle));
    expect(idle.token).toBe(token);
    expect((await dispatch(app.ctx, 'units.tree', {}, idle)).ok).toBe(true);
  });
});

describe('a token the app does not know is no session', () => {
  it.each(['units.tree', 'users.list', 'auth.logout'])('%s: UNAUTHENTICATED, and the transport is told to drop the token', async (method) => {
    const caller = newCaller('made-up-token-made-up-token-made-up-token');
    const before = snapshotDatabase(app);
    expect(await dispatch(app.ctx, method, {}, caller)).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
    expect(caller.token).toBeNull();
    expect(snapshotDatabase(app)).toEqual(before);
  });
});

/** A few rows again through each transport: the table holds there too. */
const TRANSPORT_METHODS = ['units.tree', 'units.create', 'users.list', 'settings.update', 'setup.complete', 'auth.status', 'auth.heartbeat'];

describe('through the HTTP host (session cookie)', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = createHostServer({ ctx: app.ctx, staticDir: tempDir('gd-static-') });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A POST from the page holding this session: its cookie and its page token (electron/host/page-session.ts). */
  const post = (method: string, input: unknown, token: string | null) =>
    new Promise<{ status: number; body: ApiResult<unknown> }>((resolve, reject) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` };
      const session = app.ctx.sessions.get(token);
      if (token) headers.cookie = `gd_session=${token}`;
      if (session) headers['x-gd-page-token'] = session.pageToken;
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as ApiResult<unknown> }));
      });
      req.on('error', reject);
      req.end(JSON.stringify(input));
    });

  it.each(TRANSPORT_METHODS)('%s', async (method) => {
    for (const who of CALLERS) {
      const caller = await freshCaller(who);
      const before = snapshotDatabase(app, { except: ['audit_log'] });
      const { status, body } = await post(method, inputFor(method), caller.token);
      const where = `${method} as ${label(who)} over HTTP → ${status} ${JSON.stringify(body).slice(0, 200)}`;
      if (mayPass(method, who)) {
        expect([401, 403], where).not.toContain(status);
        expect(REFUSALS, where).not.toContain(body.ok ? 'ok' : body.error.code);
      } else {
        expect(status, where).toBe(who === null ? 401 : 403);
        expect(body.ok ? 'ok' : body.error.code, where).toBe(who === null ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        expect(snapshotDatabase(app, { except: ['audit_log'] }), where).toEqual(before);
      }
    }
  });
});

describe('through IPC (the window holding the session)', () => {
  let own: Set<number>;
  beforeAll(() => {
    own = new Set<number>();
  });
  /** One of our windows, showing the app, holding a session of the role (or none). */
  async function windowOf(who: Who) {
    const contents = new FakeWebContents();
    contents.mainFrame = fakeFrame('app://grassroots/index.html');
    own.add(contents.id);
    const caller = await freshCaller(who);
    if (caller.token) ipcCallerFor(contents.id).setToken(caller.token);
    return { sender: contents, senderFrame: contents.mainFrame };
  }

  it.each(TRANSPORT_METHODS)('%s', async (method) => {
    for (const who of CALLERS) {
      const event = await windowOf(who);
      const before = snapshotDatabase(app, { except: ['audit_log'] });
      const result = await handleApiCall({ ctx: app.ctx, isOwnWebContents: (id) => own.has(id) }, event, method, inputFor(method));
      const code = result.ok ? 'ok' : result.error.code;
      const where = `${method} as ${label(who)} over IPC → ${JSON.stringify(result).slice(0, 200)}`;
      if (mayPass(method, who)) {
        expect(REFUSALS, where).not.toContain(code);
      } else {
        expect(code, where).toBe(who === null ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        expect(snapshotDatabase(app, { except: ['audit_log'] }), where).toEqual(before);
      }
    }
  });

  it("a window of another origin is refused before any session is looked at, even holding an administrator's token", async () => {
    const event = await windowOf('admin');
    const foreign = { ...event, senderFrame: fakeFrame('https://evil.example/') };
    const before = snapshotDatabase(app);
    const result = await handleApiCall({ ctx: app.ctx, isOwnWebContents: (id) => own.has(id) }, foreign, 'users.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } });
    expect(snapshotDatabase(app)).toEqual(before);
  });
});

it('the street used by the table rows exists (fixture sanity)', () => {
  expect(streetId).toBeGreaterThan(0);
  expect(unitIds.length).toBeGreaterThanOrEqual(3);
});
