import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Every password check goes through this spy, so a test can count how many ran the slow scrypt
// (and for which stored hash: an account's own, or the decoy of an unknown name).
vi.mock('../../electron/services/auth/passwords', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../electron/services/auth/passwords')>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

import { verifyPassword } from '../../electron/services/auth/passwords';
import type { ApiResult } from '../../shared/api/result';
import { auditRows, clockAt, closedAfterEachTest, insertUser, ok, tab, TEST_PASSWORD, TEST_T0, type TestApp } from '../helpers/test-context';

/**
 * 登录锁定 under parallel attempts (issue 10, finding 2): an attempt is counted before its slow
 * password check, so a burst of attempts sent at once gets no more checks than one by one, and
 * the count does not start afresh at the limit.
 */

const { open: openApp } = closedAfterEachTest();
const open = () => openApp();
const checks = vi.mocked(verifyPassword);
beforeEach(() => {
  checks.mockClear();
});

const T0 = TEST_T0;
const MINUTE = 60_000;
const at = clockAt;
const client = tab;

const userRow = (app: TestApp, username: string) =>
  app.store.sqlite.prepare('SELECT id, failed_attempts, locked_until, password_hash FROM users WHERE username = ?').get(username) as {
    id: number;
    failed_attempts: number;
    locked_until: string | null;
    password_hash: string;
  };
/** How many password checks ran against this stored hash (since the test began). */
const checksAgainst = (hash: string) => checks.mock.calls.filter(([, stored]) => stored === hash).length;
const clock = (ms: number) => new Date(ms).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

/** The answers the lock-out gives, word for word. */
const expected = {
  wrong: (left: number, lockoutMinutes = 15, field = 'password', words = '用户名或密码不正确') => ({
    code: 'VALIDATION',
    message: `${words}（再输错 ${left} 次，账户将锁定 ${lockoutMinutes} 分钟）`,
    fields: { [field]: field === 'password' ? '用户名或密码不正确' : `${words}（再输错 ${left} 次，账户将锁定 ${lockoutMinutes} 分钟）` },
  }),
  lockedNow: (max = 5, lockoutMinutes = 15) => ({ code: 'FORBIDDEN', message: `密码连续输错 ${max} 次，账户已锁定 ${lockoutMinutes} 分钟。请稍后再试，或请管理员解锁` }),
  locked: (untilMs: number) => ({ code: 'FORBIDDEN', message: `密码输错次数过多，账户已锁定至 ${clock(untilMs)}。请稍后再试，或请管理员解锁` }),
};

type Kind = 'in' | 'wrong' | 'lockedNow' | 'locked' | 'unauthenticated';
/** Which of the lock-out's answers a result is; anything else fails the test. */
function kind(result: ApiResult<unknown>, index: number): Kind {
  if (result.ok) return 'in';
  const { code, message } = result.error;
  if (code === 'VALIDATION' && /^(用户名或密码|原密码)不正确（再输错 \d+ 次，账户将锁定 \d+ 分钟）$/.test(message)) return 'wrong';
  if (code === 'FORBIDDEN' && /^密码连续输错 \d+ 次，账户已锁定 \d+ 分钟。/.test(message)) return 'lockedNow';
  if (code === 'FORBIDDEN' && /^密码输错次数过多，账户已锁定至 \d{2}:\d{2}。/.test(message)) return 'locked';
  if (code === 'UNAUTHENTICATED') return 'unauthenticated';
  throw new Error(`attempt #${index}: unexpected answer ${JSON.stringify(result)}`);
}
const tally = <K extends string>(kinds: K[]) => {
  const counts: Partial<Record<K, number>> = {};
  for (const k of kinds) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
};

const BURST = 200;
const RIGHT_AT = 150;
const burstPasswords = (rightAt: number | null = RIGHT_AT) => Array.from({ length: BURST }, (_, i) => (i === rightAt ? TEST_PASSWORD : `wrong-pass-${i}`));
/** Every attempt from its own window, all sent at once. */
const loginBurst = (app: TestApp, username: string, passwords: string[]) =>
  Promise.all(passwords.map((password) => client(app).call('auth.login', { username, password })));

describe('a parallel burst of logins for one account', () => {
  it(`${BURST} at once, the right password at #${RIGHT_AT}: only maxFailedLogins are checked, the right one is refused as locked, the account stays locked until the lock-out ends`, async () => {
    const app = await open();
    const max = app.ctx.security.maxFailedLogins;
    expect(max).toBe(5);
    await insertUser(app, { username: 'zhangsan', role: 'clerk' });
    const { password_hash: hash } = userRow(app, 'zhangsan');
    const logBefore = auditRows(app).length;

    const results = await loginBurst(app, 'zhangsan', burstPasswords());
    const kinds = results.map(kind);
    const summary = `answers: ${JSON.stringify(tally(kinds))}; #${RIGHT_AT}: ${JSON.stringify(results[RIGHT_AT])}; password checks run: ${checksAgainst(hash)}`;
    expect(results[RIGHT_AT]!.ok, summary).toBe(false);
    expect(results[RIGHT_AT], summary).toEqual({ ok: false, error: expected.locked(T0 + 15 * MINUTE) });
    expect(checksAgainst(hash), summary).toBe(max);
    expect(tally(kinds), summary).toEqual({ wrong: max - 1, lockedNow: 1, locked: BURST - max });
    // the attempts are counted in the order they came: the first ones count down, then the lock
    results.slice(0, max - 1).forEach((r, i) => expect(r, `#${i}`).toEqual({ ok: false, error: expected.wrong(max - 1 - i) }));
    expect(results[max - 1]).toEqual({ ok: false, error: expected.lockedNow() });
    for (const [i, r] of results.slice(max).entries()) expect(r, `#${i + max}`).toEqual({ ok: false, error: expected.locked(T0 + 15 * MINUTE) });
    // the count stays at the limit (no fresh start) and the lock holds
    expect(userRow(app, 'zhangsan')).toMatchObject({ failed_attempts: max, locked_until: '2026-11-22T02:15:00.000Z' });
    // every attempt is logged
    const logged = auditRows(app).slice(logBefore);
    expect(logged).toHaveLength(BURST);
    expect(logged.every((r) => r.action === 'login_failed')).toBe(true);
    expect(tally(logged.map((r) => (JSON.parse(r.after_json!) as { reason: string }).reason))).toEqual({
      'wrong password': max - 1,
      'wrong password, locked out': 1,
      'locked out': BURST - max,
    });

    at(app, 14.99);
    expect(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD })).toEqual({ ok: false, error: expected.locked(T0 + 15 * MINUTE) });
    expect(checksAgainst(hash)).toBe(max);
    at(app, 15.01);
    ok(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD }));
    expect(userRow(app, 'zhangsan')).toMatchObject({ failed_attempts: 0, locked_until: null });
  });

  it('an unknown user name answers a burst exactly as a real account does, attempt by attempt', async () => {
    const app = await open();
    const max = app.ctx.security.maxFailedLogins;
    await insertUser(app, { username: 'zhangsan', role: 'clerk' });
    const { password_hash: hash } = userRow(app, 'zhangsan');
    const passwords = burstPasswords();
    // both bursts at the same time
    const [real, unknown] = await Promise.all([loginBurst(app, 'zhangsan', passwords), loginBurst(app, 'lisi', passwords)]);
    real.forEach(kind);
    unknown.forEach(kind);
    for (let i = 0; i < BURST; i++) expect(unknown[i], `attempt #${i}`).toEqual(real[i]);
    expect(checksAgainst(hash)).toBe(max);
    // the decoy is checked as often as a real account's password: the time taken tells nothing either
    expect(checks.mock.calls.length - checksAgainst(hash)).toBe(max);
    // and again once locked: the next burst gets no check at all, for either
    const [real2, unknown2] = await Promise.all([loginBurst(app, 'zhangsan', passwords), loginBurst(app, 'LiSi', passwords)]);
    expect(unknown2).toEqual(real2);
    expect(tally(real2.map(kind))).toEqual({ locked: BURST });
    expect(checks.mock.calls.length).toBe(2 * max);
    // after the lock-out both count from the start again
    at(app, 15.01);
    const [real3, unknown3] = await Promise.all([loginBurst(app, 'zhangsan', passwords.slice(0, 3)), loginBurst(app, 'lisi', passwords.slice(0, 3))]);
    expect(unknown3).toEqual(real3);
    expect(real3).toEqual([4, 3, 2].map((left) => ({ ok: false, error: expected.wrong(left) })));
  });

  it('the right password among the first maxFailedLogins of a burst still logs in (counting does not use up its turn)', async () => {
    const app = await open();
    const max = app.ctx.security.maxFailedLogins;
    for (let rightAt = 0; rightAt < max; rightAt++) {
      const username = `zhangsan${rightAt}`;
      await insertUser(app, { username, role: 'clerk' });
      const { password_hash: hash, id } = userRow(app, username);
      const before = checksAgainst(hash);
      const passwords = burstPasswords(rightAt).slice(0, 50);
      const results = await loginBurst(app, username, passwords);
      results.forEach(kind);
      expect(results[rightAt], `right password at #${rightAt}`).toMatchObject({ ok: true, value: { id, username } });
      expect(checksAgainst(hash) - before).toBe(max);
      const want = modelBatch({ failed: 0, lockedUntil: null }, T0, passwords.map((p) => p === TEST_PASSWORD), app.ctx.security);
      results.forEach((r, i) => (r.ok ? expect(want[i]).toEqual({ ok: true }) : expect(r, `#${i}`).toEqual(want[i])));
      // the right password clears the count
      expect(userRow(app, username)).toMatchObject({ failed_attempts: 0, locked_until: null });
    }
  });

  it('the count does not start afresh at the limit: it stays there until the lock-out ends', async () => {
    const app = await open();
    const max = app.ctx.security.maxFailedLogins;
    await insertUser(app, { username: 'zhangsan', role: 'clerk' });
    for (let i = 1; i <= max; i++) await client(app).call('auth.login', { username: 'zhangsan', password: `wrong-pass-${i}` });
    expect(userRow(app, 'zhangsan')).toMatchObject({ failed_attempts: max, locked_until: '2026-11-22T02:15:00.000Z' });
    for (const minutes of [1, 7, 14.99]) {
      at(app, minutes);
      expect(await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-x' })).toEqual({ ok: false, error: expected.locked(T0 + 15 * MINUTE) });
      expect(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD })).toEqual({ ok: false, error: expected.locked(T0 + 15 * MINUTE) });
      expect(userRow(app, 'zhangsan')).toMatchObject({ failed_attempts: max, locked_until: '2026-11-22T02:15:00.000Z' });
    }
    at(app, 15.01);
    expect(await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-x' })).toEqual({ ok: false, error: expected.wrong(max - 1) });
    expect(userRow(app, 'zhangsan')).toMatchObject({ failed_attempts: 1, locked_until: null });
  });

  it('an administrator still unlocks an account locked by a burst', async () => {
    const app = await open();
    const clerk = await insertUser(app, { username: 'zhangsan', role: 'clerk' });
    await loginBurst(app, 'zhangsan', burstPasswords(null).slice(0, 20));
    expect(userRow(app, 'zhangsan').locked_until).not.toBeNull();
    expect(ok(await app.call('users.unlock', { id: clerk.id }))).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect(await client(app).call('auth.login', { username: 'zhangsan', password: 'wrong-pass-x' })).toEqual({ ok: false, error: expected.wrong(4) });
    ok(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD }));
  });
});

describe('parallel bursts on the other password checks', () => {
  async function clerkSession() {
    const app = await open();
    await insertUser(app, { username: 'zhangsan', role: 'clerk' });
    const c = client(app);
    ok(await c.call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD }));
    checks.mockClear();
    return { app, c, hash: userRow(app, 'zhangsan').password_hash };
  }

  it(`unlocking the idle lock: ${BURST} at once, the right one at #${RIGHT_AT}, only maxFailedLogins checked, the session ends`, async () => {
    const { app, c, hash } = await clerkSession();
    const max = app.ctx.security.maxFailedLogins;
    ok(await c.call('auth.lock'));
    const results = await Promise.all(burstPasswords().map((password) => c.call('auth.unlock', { password })));
    const kinds = results.map(kind);
    const summary = `answers: ${JSON.stringify(tally(kinds))}; #${RIGHT_AT}: ${JSON.stringify(results[RIGHT_AT])}; password checks run: ${checksAgainst(hash)}`;
    expect(kinds[RIGHT_AT], summary).not.toBe('in');
    expect(checksAgainst(hash), summary).toBe(max);
    expect(tally(kinds), summary).toEqual({ wrong: max - 1, lockedNow: 1, locked: BURST - max });
    expect(c.caller.token).toBeNull();
    expect(app.ctx.sessions.list()).toHaveLength(1); // only the helpers' administrator
    expect(userRow(app, 'zhangsan')).toMatchObject({ failed_attempts: max, locked_until: '2026-11-22T02:15:00.000Z' });
    expect(await client(app).call('auth.login', { username: 'zhangsan', password: TEST_PASSWORD })).toEqual({ ok: false, error: expected.locked(T0 + 15 * MINUTE) });
  });

  it(`changing the password: ${BURST} at once with a wrong current password but #${RIGHT_AT}, only maxFailedLogins checked, the password unchanged`, async () => {
    const { app, c, hash } = await clerkSession();
    const max = app.ctx.security.maxFailedLogins;
    const results = await Promise.all(
      burstPasswords().map((currentPassword) => c.call('auth.changePassword', { currentPassword, password: 'xinmima2027', confirm: 'xinmima2027' })),
    );
    const kinds = results.map(kind);
    const summary = `answers: ${JSON.stringify(tally(kinds))}; #${RIGHT_AT}: ${JSON.stringify(results[RIGHT_AT])}; password checks run: ${checksAgainst(hash)}`;
    expect(kinds[RIGHT_AT], summary).not.toBe('in');
    expect(checksAgainst(hash), summary).toBe(max);
    expect(tally(kinds), summary).toEqual({ wrong: max - 1, lockedNow: 1, locked: BURST - max });
    results.slice(0, max - 1).forEach((r, i) => expect(r).toEqual({ ok: false, error: expected.wrong(max - 1 - i, 15, 'currentPassword', '原密码不正确') }));
    expect(userRow(app, 'zhangsan')).toMatchObject({ password_hash: hash, failed_attempts: max, locked_until: '2026-11-22T02:15:00.000Z' });
    expect(c.caller.token).toBeNull();
  });
});

/**
 * The model: an attempt is counted when it comes in, in the order the attempts came; an
 * account is locked from the attempt that reaches the limit until lockoutMinutes later, and
 * while locked an attempt is refused unchecked; the first attempt after the lock-out starts
 * the count again; a right password that was counted logs in and clears the count (once its
 * check is done, i.e. after the rest of its batch has been counted).
 */
interface ModelState {
  failed: number;
  lockedUntil: number | null;
}
type Expected = { ok: true } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };
function modelBatch(state: ModelState, now: number, rights: boolean[], security: { maxFailedLogins: number; lockoutMinutes: number }) {
  const { maxFailedLogins: max, lockoutMinutes } = security;
  let loggedIn = false;
  const answers: Expected[] = rights.map((right) => {
    if (state.lockedUntil !== null && state.lockedUntil > now) return { ok: false, error: expected.locked(state.lockedUntil) };
    if (state.lockedUntil !== null) Object.assign(state, { failed: 0, lockedUntil: null });
    const count = ++state.failed;
    if (count >= max) state.lockedUntil = now + lockoutMinutes * MINUTE;
    if (right) {
      loggedIn = true;
      return { ok: true };
    }
    return { ok: false, error: count >= max ? expected.lockedNow(max, lockoutMinutes) : expected.wrong(max - count, lockoutMinutes) };
  });
  if (loggedIn) Object.assign(state, { failed: 0, lockedUntil: null });
  return answers;
}

describe('property: parallel batches of attempts and a moving clock', () => {
  it('never more than maxFailedLogins wrong-password checks in one lock window; a right password gets in exactly when the model says the account is open; an unknown name answers like an account', async () => {
    const app = await open();
    let clockMs = T0;
    app.ctx.now = () => new Date(clockMs);
    let run = 0;
    const seen = { in: 0, refusedRight: 0, wrong: 0, lockedNow: 0, locked: 0, expired: 0, batches: 0 };
    // mostly wrong passwords, so that lock-outs come (and end) often
    const rightOrWrong = fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 });
    const op = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('batch' as const), rights: fc.array(rightOrWrong, { minLength: 1, maxLength: 12 }) }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 40 })) }), weight: 2 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 3, max: 7 }),
        fc.constantFrom(1, 5, 15),
        fc.array(op, { minLength: 1, maxLength: 10 }),
        async (maxFailedLogins, lockoutMinutes, ops) => {
          run += 1;
          app.ctx.security = { ...app.ctx.security, maxFailedLogins, lockoutMinutes };
          const security = app.ctx.security;
          const real = `shiyan${run}`;
          const allWrong = `cuowu${run}`;
          const unknown = `wuren${run}`;
          await insertUser(app, { username: real, role: 'clerk' });
          // its own password, so its stored hash differs from the other account's (the checks are told apart by it)
          await insertUser(app, { username: allWrong, role: 'clerk', password: 'qita2026mima' });
          const { password_hash: hash } = userRow(app, real);
          const model: ModelState = { failed: 0, lockedUntil: null };
          const wrongModel: ModelState = { failed: 0, lockedUntil: null };
          let wrongChecksInWindow = 0;
          for (const step of ops) {
            if (step.kind === 'wait') {
              clockMs += step.minutes * MINUTE;
              const { locked_until } = userRow(app, real);
              if (locked_until !== null && Date.parse(locked_until) <= clockMs) {
                wrongChecksInWindow = 0; // the lock window is over
                seen.expired += 1;
              }
              continue;
            }
            seen.batches += 1;
            const now = clockMs;
            const want = modelBatch(model, now, step.rights, security);
            const wantWrong = modelBatch(wrongModel, now, step.rights.map(() => false), security);
            const checksBefore = checks.mock.calls.filter(([password, stored]) => stored === hash && password !== TEST_PASSWORD).length;
            const passwords = step.rights.map((right, i) => (right ? TEST_PASSWORD : `wrong-pass-${i}`));
            const [gotReal, gotWrong, gotUnknown] = await Promise.all([
              loginBurst(app, real, passwords),
              loginBurst(app, allWrong, passwords.map((_, i) => `wrong-pass-${i}`)),
              loginBurst(app, unknown, passwords),
            ]);
            // every answer, word for word
            gotReal.forEach((r, i) => {
              kind(r, i);
              if (want[i]!.ok) expect(r, `attempt #${i} of ${JSON.stringify(step.rights)}`).toMatchObject({ ok: true, value: { username: real } });
              else expect(r, `attempt #${i} of ${JSON.stringify(step.rights)}`).toEqual(want[i]);
            });
            expect(gotWrong).toEqual(wantWrong);
            expect(gotUnknown).toEqual(gotWrong);
            // the database holds what the model holds
            expect(userRow(app, real)).toMatchObject({
              failed_attempts: model.failed,
              locked_until: model.lockedUntil === null ? null : new Date(model.lockedUntil).toISOString(),
            });
            // the wrong passwords actually checked, counted independently of the model
            const wrongChecks = checks.mock.calls.filter(([password, stored]) => stored === hash && password !== TEST_PASSWORD).length - checksBefore;
            wrongChecksInWindow += wrongChecks;
            expect(wrongChecksInWindow).toBeLessThanOrEqual(maxFailedLogins);
            step.rights.forEach((right, i) => {
              const k = kind(gotReal[i]!, i);
              if (right && k === 'in') seen.in += 1;
              else if (right) seen.refusedRight += 1;
              else seen[k as 'wrong' | 'lockedNow' | 'locked'] += 1;
            });
            if (gotReal.some((r) => r.ok)) wrongChecksInWindow = 0; // a login clears the count
          }
        },
      ),
      { numRuns: 60 },
    );
    // a property that cannot fail proves nothing: every kind of answer came up, many times
    expect(seen.batches).toBeGreaterThan(100);
    expect(seen.in).toBeGreaterThan(20);
    expect(seen.refusedRight).toBeGreaterThan(20);
    expect(seen.wrong).toBeGreaterThan(50);
    expect(seen.lockedNow).toBeGreaterThan(10);
    expect(seen.locked).toBeGreaterThan(50);
    expect(seen.expired).toBeGreaterThan(5);
  }, 120_000);
});
