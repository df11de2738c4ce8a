import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logUnmask, personalValue } from '../../electron/services/privacy';
import { forCall, actorOf } from '../../electron/services/context';
import { DomainError } from '../../electron/services/errors';
import { auditRows, openTestApp, type TestApp } from '../helpers/test-context';

/** The masking mechanism later modules use for 身份证号 and 电话. */
let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

async function ctxAs(role: 'admin' | 'clerk' | 'viewer') {
  const caller = await app.callerFor(role);
  const session = app.ctx.sessions.get(caller.token)!;
  return forCall(app.ctx, { actor: actorOf(session), session, caller });
}

describe('personal data', () => {
  it('is masked unless revealed', () => {
    expect(personalValue('idCard', '11010519491231002X', false)).toBe('110105********002X');
    expect(personalValue('idCard', '11010519491231002X', true)).toBe('11010519491231002X');
    expect(personalValue('phone', '13812345678', false)).toBe('138****5678');
    expect(personalValue('phone', null, false)).toBeNull();
  });

  it('a clerk or administrator may reveal it, and each reveal writes one unmask row naming the fields', async () => {
    for (const role of ['admin', 'clerk'] as const) {
      const ctx = await ctxAs(role);
      const before = auditRows(app).length;
      await app.ctx.db.transaction().execute((trx) => logUnmask(trx, ctx, { entity: 'reserve_person', entityId: 7, fields: ['idCard', 'phone'], purpose: 'view' }));
      const rows = auditRows(app).slice(before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'unmask', entity: 'reserve_person', entity_id: '7', user_id: ctx.actor.userId });
      expect(JSON.parse(rows[0]!.after_json!)).toEqual({ fields: ['idCard', 'phone'], purpose: 'view' });
    }
  });

  it('a 查阅 account is refused, in Chinese, and nothing is logged as revealed', async () => {
    const ctx = await ctxAs('viewer');
    const before = auditRows(app).length;
    const attempt = app.ctx.db.transaction().execute((trx) => logUnmask(trx, ctx, { entity: 'reserve_person', entityId: 7, fields: ['idCard'], purpose: 'export' }));
    await expect(attempt).rejects.toThrow(DomainError);
    await expect(attempt).rejects.toThrow('查阅账户只能看到遮盖后的个人信息（身份证号、电话）');
    expect(auditRows(app).slice(before)).toEqual([]);
  });
});
