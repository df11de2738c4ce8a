import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, toApiError } from '../../electron/core/dispatcher';
import { handlers } from '../../electron/core/handlers';
import { DomainError } from '../../electron/services/errors';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations';
import { findMethod, listMethods } from '../../shared/api/contract';
import { ok, openShizhongApp, snapshotDatabase } from '../helpers/test-context';
import { hasChinese, refused } from '../helpers/fixtures';
import { base64, tableWorkbook } from '../helpers/import-files';
import type { StreetNode, UnitRow } from '../../shared/api/units';
import { jpegBytes, upload } from '../helpers/attachment-files';

/** The one call path: method lookup, input parsing, output checking, error wording. */

let app: Awaited<ReturnType<typeof openShizhongApp>>;
let streetId: number;
let unitId: number;
let backupName: string;
let importId: string;
let fundProgrammeId: number;
let attachmentId: number;
beforeAll(async () => {
  app = await openShizhongApp();
  backupName = ok<{ name: string }>(await app.call('backups.create', {})).name;
  const roster = await tableWorkbook(['街道', '村（社区）名称', '党员总数'], [['大观园街道', '纬一路社区', 56]]);
  importId = ok<{ importId: string }>(await app.call('imports.open', { kind: 'villages', fileName: '村情.xlsx', contentBase64: base64(roster) })).importId;
  const tree = ok<StreetNode[]>(await app.call('units.tree', {}));
  streetId = tree[0]!.id;
  unitId = tree[0]!.units[0]!.id;
  // a programme with an allocation and a paid row, so its detail has every kind of row
  fundProgrammeId = ok<{ id: number }>(
    await app.call('funds.createProgramme', { year: 2026, name: '区域化党建工作经费', category: 'regional', sourceLevel: 'district', budgetFen: 170_000_000, recipientKind: 'street', dueOn: '2026-06-30' }),
  ).id;
  const allocationId = ok<{ id: number }>(await app.call('funds.allocate', { programmeId: fundProgrammeId, recipient: { unitId: streetId }, amountFen: 10_000_000 })).id;
  const rowId = ok<{ id: number }>(await app.call('funds.disburse', { allocationId, paidOn: '2026-07-01', amountFen: 6_000_000 })).id;
  ok(await app.call('funds.approve', { id: rowId }));
  ok(await app.call('funds.post', { id: rowId }));
  ok(await app.call('funds.reverse', { id: rowId, paidOn: '2026-08-01', amountFen: 1_000_000, reason: '冲回' }));
  ok(await app.call('funds.disburse', { allocationId, paidOn: '2026-08-02', amountFen: 1_000_000 }));
  // a picture attached to a 村（社区）, so it has a thumbnail
  const uploaded = await upload(app, jpegBytes(64, 48), '村部.jpg', (await app.callerFor('admin')).token!);
  attachmentId = ok<{ id: number }>(await app.call('attachments.attach', { uploadToken: uploaded.uploadToken, ownerEntity: 'org_unit', ownerId: unitId })).id;
});
afterAll(async () => {
  await app.close();
});

describe('method lookup', () => {
  it.each([
    'units.nope',
    'nope',
    '',
    'units',
    'units.',
    '.tree',
    'units.tree.extra',
    '__proto__.x',
    'units.__proto__',
    'units.constructor',
    'units.hasOwnProperty',
    'constructor.name',
    'toString',
    'Units.tree',
  ])('%j is UNKNOWN_METHOD with a Chinese message', async (name) => {
    const result = await dispatch(app.ctx, name, {}, await app.callerFor('admin'));
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `没有这个功能接口：${name}` } });
  });

  it('cuts a very long method name in the message', async () => {
    const name = `units.${'x'.repeat(500)}`;
    const error = refused(await dispatch(app.ctx, name, {}, await app.callerFor('admin')));
    expect(error.code).toBe('UNKNOWN_METHOD');
    expect(error.message).toBe(`没有这个功能接口：${name.slice(0, 60)}`);
  });

  it('every contract method has a handler and is found by name', () => {
    const methods = listMethods();
    // the handler map and the contract name the same methods, no more and no fewer (the full,
    // hand-written list of methods lives in access-table.test.ts)
    const handlerNames = Object.entries(handlers).flatMap(([ns, fns]) => Object.keys(fns).map((m) => `${ns}.${m}`));
    expect(methods.map(([name]) => name).sort()).toEqual(handlerNames.sort());
    expect(methods.length).toBeGreaterThanOrEqual(32);
    expect(new Set(methods.map(([name]) => name)).size).toBe(methods.length);
    for (const [name, def] of methods) {
      expect(findMethod(name)).toBe(def);
      const [ns, method] = name.split('.') as [keyof typeof handlers, string];
      expect(typeof (handlers[ns] as Record<string, unknown>)[method], name).toBe('function');
    }
  });
});

describe('garbage input is refused with a Chinese VALIDATION message, nothing written', () => {
  const GARBAGE: Array<[string, unknown]> = [
    ['a string', 'abc'],
    ['a number', 42],
    ['a boolean', true],
    ['an array', [1, 2]],
  ];
  const cases = listMethods().flatMap(([name]) => GARBAGE.map(([what, input]) => [name, what, input] as const));

  it.each(cases)('%s given %s', async (name, _what, input) => {
    const before = snapshotDatabase(app);
    const result = await app.callUnchecked(name, input);
    const error = refused(result);
    expect(error.code).toBe('VALIDATION');
    expect(hasChinese(error.message)).toBe(true);
    expect(error.fields && Object.keys(error.fields).length).toBeGreaterThan(0);
    expect(snapshotDatabase(app)).toEqual(before);
  });

  it.each([
    ['units.search', { query: 42 }, 'query'],
    ['units.search', { query: 'x', limit: 0 }, 'limit'],
    ['units.search', { query: 'x', limit: 1.5 }, 'limit'],
    ['units.get', { id: 'one' }, 'id'],
    ['units.get', { id: -1 }, 'id'],
    ['units.get', { id: 1.5 }, 'id'],
    ['units.tree', { includeRetired: 'yes' }, 'includeRetired'],
    ['divisions.cities', { provinceCode: '3' }, 'provinceCode'],
    ['divisions.counties', { cityCode: 'abcd' }, 'cityCode'],
    ['divisions.searchCounties', { query: 'x'.repeat(31) }, 'query'],
    ['dictionaries.items', { name: 'nope' }, 'name'],
    ['units.create', { level: 'county', code: '370103' }, 'level'],
    ['units.retire', { id: 1, retiredOn: 20240101, reason: 'x' }, 'retiredOn'],
  ])('%s %j names the field %s', async (name, input, field) => {
    const error = refused(await app.callUnchecked(name, input));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[field], JSON.stringify(error)).toMatch(/[\u4e00-\u9fff]/);
    expect(error.message).toBe(Object.values(error.fields!)[0]);
  });

  it('null input counts as no input', async () => {
    expect(ok<{ ready: boolean }>(await app.callUnchecked('setup.status', null)).ready).toBe(true);
    expect(refused(await app.callUnchecked('units.get', null)).code).toBe('VALIDATION');
  });

  it('extra keys cannot set what the service decides (source, status, id)', async () => {
    const row = ok<UnitRow>(
      // fields the contract does not have, sent on purpose
      await app.callUnchecked('units.create', {
        level: 'unit',
        parentId: streetId,
        code: '370103002090',
        name: '外来字段社区',
        kind: 'urban',
        id: 1,
        source: 'national',
        status: 'retired',
        retiredOn: '2020-01-01',
      }),
    );
    expect(row).toMatchObject({ source: 'manual', status: 'active', retiredOn: null });
    expect(row.id).not.toBe(1);
  });
});

describe('outputs match the contract', () => {
  /** A valid input for every query method; a new query method must be added here. */
  const QUERY_INPUTS: Record<string, () => unknown> = {
    'audit.list': () => ({}),
    'audit.users': () => undefined,
    'backups.overview': () => undefined,
    'backups.verify': () => ({ ref: { location: 'default', name: backupName } }),
    'dictionaries.list': () => undefined,
    'dictionaries.detail': () => ({ name: 'unit_kind' }),
    'auth.status': () => undefined,
    'auth.heartbeat': () => ({}),
    'users.list': () => undefined,
    'setup.status': () => undefined,
    'settings.get': () => ({}),
    'settings.systemInfo': () => undefined,
    'dictionaries.items': () => ({ name: 'unit_kind' }),
    'divisions.provinces': () => undefined,
    'divisions.cities': () => ({ provinceCode: '37' }),
    'divisions.counties': () => ({ cityCode: '3701' }),
    'divisions.searchCounties': () => ({ query: '市中区' }),
    'divisions.preview': () => ({ countyCode: '370103' }),
    'units.tree': () => ({ includeRetired: true }),
    'units.search': () => ({ query: 'qxjd' }),
    'units.get': () => ({ id: unitId }),
    'villages.list': () => undefined,
    'villages.get': () => ({ unitId, reveal: true }),
    'villages.incomeBandReport': () => ({ year: 2024 }),
    'villages.bandMovers': () => ({ year: 2024, kinds: ['village'] }),
    'imports.preview': () => ({ importId, sheetIndex: 0 }),
    'funds.programmes': () => ({ year: 2026 }),
    'funds.programme': () => ({ id: fundProgrammeId }),
    'funds.previewBatch': () => ({ programmeId: fundProgrammeId, scope: { kind: 'allStreets' }, amountFen: 10_000_000 }),
    'funds.ledger': () => ({ programmeId: fundProgrammeId }),
    'funds.yearSummary': () => ({ year: 2026 }),
    'funds.recipientBalances': () => ({ year: 2026 }),
    'funds.streetBalances': () => ({ year: 2026 }),
    'funds.statement': () => ({ year: 2026, recipient: { unitId: streetId } }),
    'funds.overdue': () => ({ year: 2026, asOf: '2026-11-22' }),
    'attachments.list': () => ({ ownerEntity: 'org_unit', ownerId: unitId }),
    'attachments.thumbnail': () => ({ id: attachmentId }),
  };

  it('the list of query methods is the one covered here', () => {
    const queries = listMethods()
      .filter(([, def]) => !def.mutates)
      .map(([name]) => name)
      .sort();
    expect(queries).toEqual(Object.keys(QUERY_INPUTS).sort());
  });

  it.each(Object.entries(QUERY_INPUTS))('%s on a set-up database', async (name, input) => {
    const logged: unknown[] = [];
    const result = await dispatch(app.ctx, name, input(), await app.callerFor('admin'), { checkOutputs: true, log: (message, error) => logged.push([message, error]) });
    expect(logged).toEqual([]);
    expect(result.ok, JSON.stringify(result).slice(0, 300)).toBe(true);
    if (result.ok) expect(findMethod(name)!.output.safeParse(result.value).success).toBe(true);
  });

  it('settings.systemInfo reports this context', async () => {
    const info = ok<Record<string, unknown>>(await app.call('settings.systemInfo'));
    expect(info).toMatchObject({ appVersion: 'test', schemaVersion: LATEST_SCHEMA_VERSION, dataDir: app.dataDir, databaseFile: app.store.file, runtime: 'host' });
    expect(info.schemaVersion).toBe(app.store.sqlite.pragma('user_version', { simple: true }));
    expect(info.databaseBytes as number).toBeGreaterThan(0);
    expect(info.divisionEdition).toContain('2023');
  });

  it('a handler whose output breaks the contract gives INTERNAL when checking, and is logged', async () => {
    const original = handlers.setup.status;
    const logged: string[] = [];
    try {
      (handlers.setup as Record<string, unknown>).status = () => ({ ready: 'yes' });
      const checked = await dispatch(app.ctx, 'setup.status', {}, await app.callerFor('admin'), { checkOutputs: true, log: (m) => logged.push(m) });
      expect(checked).toEqual({ ok: false, error: { code: 'INTERNAL', message: '程序内部错误：返回数据不符合约定，请联系技术支持' } });
      expect(logged).toEqual(['output of setup.status does not match the contract']);
      const unchecked = await dispatch(app.ctx, 'setup.status', {}, await app.callerFor('admin'));
      expect(unchecked).toEqual({ ok: true, value: { ready: 'yes' } });
    } finally {
      handlers.setup.status = original;
    }
  });

  it('a handler that throws gives INTERNAL without leaking the error text', async () => {
    const original = handlers.units.tree;
    const logged: unknown[] = [];
    try {
      (handlers.units as Record<string, unknown>).tree = () => {
        throw new Error('boom: secret path C:\\Users\\x');
      };
      const error = refused(await dispatch(app.ctx, 'units.tree', {}, await app.callerFor('admin'), { log: (m, e) => logged.push([m, e]) }));
      expect(error.code).toBe('INTERNAL');
      expect(error.message).not.toContain('boom');
      expect(error.message).toContain('未保存');
      expect(logged).toHaveLength(1);
    } finally {
      handlers.units.tree = original;
    }
  });
});

describe('toApiError', () => {
  const sqliteError = (sql: string): unknown => {
    try {
      app.store.sqlite.prepare(sql).run();
    } catch (error) {
      return error;
    }
    throw new Error('statement should fail');
  };

  it('keeps a DomainError as it is', () => {
    expect(toApiError(new DomainError('CONFLICT', '代码重复', { code: '代码重复' }), 'm', {})).toEqual({
      code: 'CONFLICT',
      message: '代码重复',
      fields: { code: '代码重复' },
    });
    expect(toApiError(new DomainError('NOT_FOUND', '不存在'), 'm', {})).toEqual({ code: 'NOT_FOUND', message: '不存在' });
  });

  it('turns a real SQLite constraint failure into a safe Chinese VALIDATION', () => {
    const logged: string[] = [];
    const error = sqliteError('DELETE FROM audit_log');
    const api = toApiError(error, 'units.create', { log: (m) => logged.push(m) });
    expect(api).toEqual({ code: 'VALIDATION', message: '数据不符合规则（与已有记录冲突或不完整），未保存，数据库保持原样' });
    expect(logged).toEqual(['constraint in units.create']);
  });

  it('words busy, locked, full and unknown errors', () => {
    expect(toApiError({ code: 'SQLITE_BUSY' }, 'm', {}).message).toContain('数据库正忙');
    expect(toApiError({ code: 'SQLITE_LOCKED' }, 'm', {}).code).toBe('INTERNAL');
    expect(toApiError({ code: 'SQLITE_FULL' }, 'm', {}).message).toContain('磁盘空间不足');
    const unknown = toApiError(new TypeError('x is undefined'), 'm', {});
    expect(unknown.code).toBe('INTERNAL');
    expect(hasChinese(unknown.message)).toBe(true);
    expect(toApiError('a string', 'm', {}).code).toBe('INTERNAL');
    expect(toApiError(null, 'm', {}).code).toBe('INTERNAL');
  });
});
