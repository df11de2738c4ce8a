import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestApp, snapshotDatabase, TEST_PASSWORD, testUsername } from '../helpers/test-context';
import { fakeFrame, FakeWebContents, resetFakeElectron, state } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { bindIpc, forgetCaller } = await import('../../electron/shell/ipc');

/** The IPC handler in front of the real dispatcher and a real SQLite store. */
let app: Awaited<ReturnType<typeof openTestApp>>;
let handler: (...args: unknown[]) => unknown;
const contents = new FakeWebContents();
contents.mainFrame = fakeFrame('app://grassroots/index.html#/setup');
const own = new Set<number>([contents.id]);

beforeAll(async () => {
  resetFakeElectron();
  app = await openTestApp();
  bindIpc({ ctx: app.ctx, isOwnWebContents: (id) => own.has(id), dispatchOptions: { checkOutputs: true } });
  handler = state.ipcHandlers.get('api')!;
  // the window logs in through the channel itself; its token stays in the main process
  const login = (await handler(trusted, 'auth.login', { username: testUsername('admin'), password: TEST_PASSWORD })) as { ok: boolean; value: unknown };
  expect(login).toMatchObject({ ok: true, value: { username: testUsername('admin'), role: 'admin' } });
});
afterAll(async () => {
  await app.close();
});

const trusted = { sender: contents, senderFrame: contents.mainFrame };

describe('IPC → dispatch → service', () => {
  it('answers a trusted call with the service result', async () => {
    const result = (await handler(trusted, 'setup.status', {})) as { ok: boolean; value: { ready: boolean; district: unknown } };
    expect(result.ok).toBe(true);
    expect(result.value).toMatchObject({ ready: false, district: null });
  });

  it('zod-parses the input: a wrong shape comes back as a Chinese VALIDATION error', async () => {
    const result = (await handler(trusted, 'divisions.cities', { provinceCode: 37 })) as { ok: boolean; error: { code: string; message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names an unknown method in Chinese', async () => {
    const result = (await handler(trusted, 'fs.readFile', { path: '/etc/passwd' })) as { ok: boolean; error: { code: string } };
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses the same call from a page that is not ours, before touching the store', async () => {
    const other = new FakeWebContents();
    other.mainFrame = fakeFrame('https://example.com/');
    const result = await handler({ sender: other, senderFrame: other.mainFrame }, 'setup.complete', { countyCode: '370103', departmentName: '中共市中区委组织部' });
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } });
    const status = (await handler(trusted, 'setup.status', {})) as { value: { ready: boolean; district: unknown } };
    expect(status.value.ready).toBe(false);
  });

  it("the session belongs to the window that logged in: another of our windows is not logged in", async () => {
    const second = new FakeWebContents();
    second.mainFrame = fakeFrame('app://grassroots/index.html');
    own.add(second.id);
    const event = { sender: second, senderFrame: second.mainFrame };
    const before = snapshotDatabase(app);
    expect(await handler(event, 'setup.complete', { countyCode: '370103', departmentName: '中共市中区委组织部' })).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请先登录' },
    });
    expect(snapshotDatabase(app)).toEqual(before);
    const status = (await handler(event, 'auth.status', {})) as { value: { user: unknown; hasUsers: boolean } };
    expect(status.value).toMatchObject({ hasUsers: true, user: null });
    const mine = (await handler(trusted, 'auth.status', {})) as { value: { user: { username: string } } };
    expect(mine.value.user.username).toBe(testUsername('admin'));
  });

  it('logout ends the window\'s session in the main process', async () => {
    const third = new FakeWebContents();
    third.mainFrame = fakeFrame('app://grassroots/index.html');
    own.add(third.id);
    const event = { sender: third, senderFrame: third.mainFrame };
    expect(await handler(event, 'auth.login', { username: testUsername('admin'), password: TEST_PASSWORD })).toMatchObject({ ok: true });
    const sessions = app.ctx.sessions.list().length;
    expect(await handler(event, 'units.tree', {})).toMatchObject({ ok: true });
    expect(await handler(event, 'auth.logout', {})).toEqual({ ok: true, value: { done: true } });
    expect(app.ctx.sessions.list()).toHaveLength(sessions - 1);
    expect(await handler(event, 'units.tree', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(forgetCaller(third.id)).toBeNull();
  });

  it('a window that is closed (web contents destroyed) takes its session with it', async () => {
    const closing = new FakeWebContents();
    closing.mainFrame = fakeFrame('app://grassroots/index.html');
    own.add(closing.id);
    const event = { sender: closing, senderFrame: closing.mainFrame };
    expect(await handler(event, 'auth.login', { username: testUsername('admin'), password: TEST_PASSWORD })).toMatchObject({ ok: true });
    const token = app.ctx.sessions.list().at(-1)!.token;
    closing.emit('destroyed');
    expect(app.ctx.sessions.get(token)).toBeUndefined();
    expect(forgetCaller(closing.id)).toBeNull();
  });
});
