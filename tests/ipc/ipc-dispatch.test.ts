import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestApp } from '../helpers/test-context';
import { fakeFrame, FakeWebContents, resetFakeElectron, state } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const { bindIpc } = await import('../../electron/shell/ipc');

/** The IPC handler in front of the real dispatcher and a real SQLite store. */
let app: Awaited<ReturnType<typeof openTestApp>>;
let handler: (...args: unknown[]) => unknown;
const contents = new FakeWebContents();
contents.mainFrame = fakeFrame('app://grassroots/index.html#/setup');

beforeAll(async () => {
  resetFakeElectron();
  app = await openTestApp();
  bindIpc({ ctx: app.ctx, isOwnWebContents: (id) => id === contents.id, dispatchOptions: { checkOutputs: true } });
  handler = state.ipcHandlers.get('api')!;
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
});
