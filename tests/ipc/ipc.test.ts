import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceContext } from '../../electron/services/context';
import { fakeFrame, FakeWebContents, ipcMain, resetFakeElectron, state, type FakeFrame } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const dispatch = vi.hoisted(() => vi.fn());
vi.mock('../../electron/core/dispatcher', () => ({ dispatch }));

const { bindIpc, FORBIDDEN_RESULT, isTrustedSender } = await import('../../electron/shell/ipc');

const ctx = { runtime: 'electron' } as unknown as ServiceContext;
const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的请求' } };

/** Our window's web contents, showing the app, and an IPC event from its main frame. */
function ourWindow() {
  const contents = new FakeWebContents();
  contents.mainFrame = fakeFrame('app://grassroots/index.html#/units');
  return contents;
}
function eventFrom(contents: FakeWebContents, frame: FakeFrame | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame };
}

let own: Set<number>;
let call: (event: unknown, method: unknown, input?: unknown) => Promise<unknown>;

beforeEach(() => {
  resetFakeElectron();
  dispatch.mockReset();
  dispatch.mockResolvedValue({ ok: true, value: ['七贤街道'] });
  own = new Set<number>();
  bindIpc({ ctx, isOwnWebContents: (id) => own.has(id) });
  expect(ipcMain.handle).toHaveBeenCalledWith('api', expect.any(Function));
  const handler = state.ipcHandlers.get('api')!;
  call = async (event, method, input) => handler(event, method, input);
});

describe('IPC channel "api"', () => {
  it('passes a call from our window to dispatch with the method and the raw input', async () => {
    const contents = ourWindow();
    own.add(contents.id);
    const input = { query: 'qxjd', extra: { nested: true } };
    const result = await call(eventFrom(contents), 'units.search', input);
    expect(result).toEqual({ ok: true, value: ['七贤街道'] });
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(dispatch.mock.calls[0]![0]).toBe(ctx);
    expect(dispatch.mock.calls[0]![1]).toBe('units.search');
    expect(dispatch.mock.calls[0]![2]).toBe(input);
  });

  const refusals: Array<[string, () => unknown]> = [
    ['a missing sender frame', () => eventFrom(ownedWindow(), null)],
    ['a detached frame', () => {
      const c = ownedWindow();
      return eventFrom(c, { ...c.mainFrame, detached: true });
    }],
    ['a subframe of our window', () => {
      const c = ownedWindow();
      return eventFrom(c, fakeFrame('app://grassroots/frame.html', { parent: c.mainFrame }));
    }],
    ['a subframe even if it reports the main frame ids', () => {
      const c = ownedWindow();
      return eventFrom(c, { ...c.mainFrame, parent: fakeFrame('app://grassroots/index.html') });
    }],
    ['another frame in the same renderer process', () => {
      const c = ownedWindow();
      return eventFrom(c, fakeFrame('app://grassroots/index.html', { processId: c.mainFrame.processId }));
    }],
    ['a frame in another process with the same routing id', () => {
      const c = ownedWindow();
      return eventFrom(c, fakeFrame('app://grassroots/index.html', { routingId: c.mainFrame.routingId }));
    }],
    ['a window we did not create', () => eventFrom(ourWindow())],
    ['a frame from another window', () => {
      const c = ownedWindow();
      const other = ownedWindow();
      return eventFrom(c, other.mainFrame);
    }],
    ['a file:// page', () => originEvent('file:///C:/Users/x/index.html')],
    ['an https page', () => originEvent('https://example.com/')],
    ['another host on our scheme', () => originEvent('app://evil/index.html')],
    ['our host with a port', () => originEvent('app://grassroots:8080/index.html')],
    ['about:blank', () => originEvent('about:blank')],
    ['an unparsable URL', () => originEvent('')],
  ];
  function ownedWindow() {
    const contents = ourWindow();
    own.add(contents.id);
    return contents;
  }
  function originEvent(url: string) {
    const contents = ownedWindow();
    contents.mainFrame = fakeFrame(url);
    return eventFrom(contents);
  }

  for (const [name, makeEvent] of refusals) {
    it(`refuses ${name} without calling dispatch`, async () => {
      expect(await call(makeEvent(), 'units.search', { query: 'x' })).toEqual(FORBIDDEN);
      expect(dispatch).not.toHaveBeenCalled();
    });
  }

  it('hands dispatch the window\'s own session holder: a token set by one call is there for the next call of that window only', async () => {
    const first = ownedWindow();
    const second = ownedWindow();
    type Holder = { token: string | null; setToken(t: string | null): void };
    const holderOf = (i: number) => dispatch.mock.calls[i]![3] as Holder;
    dispatch.mockImplementationOnce(async (_ctx, _m, _i, caller: Holder) => {
      caller.setToken('token-of-the-first-window-0123456789');
      return { ok: true, value: null };
    });
    await call(eventFrom(first), 'auth.login', { username: 'x', password: 'y' });
    expect(holderOf(0).token).toBe('token-of-the-first-window-0123456789');
    await call(eventFrom(first), 'units.tree', {});
    expect(holderOf(1).token).toBe('token-of-the-first-window-0123456789');
    await call(eventFrom(second), 'units.tree', {});
    expect(holderOf(2).token).toBeNull();
    // logging out clears it for that window
    holderOf(1).setToken(null);
    await call(eventFrom(first), 'units.tree', {});
    expect(holderOf(3).token).toBeNull();
  });

  it('answers a non-string method name itself', async () => {
    const contents = ownedWindow();
    const result = (await call(eventFrom(contents), { toString: () => 'units.search' }, {})) as { ok: boolean; error: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('UNKNOWN_METHOD');
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns an unexpected throw into a Chinese INTERNAL error', async () => {
    dispatch.mockRejectedValueOnce(new Error('boom'));
    const result = (await call(eventFrom(ownedWindow()), 'units.search', {})) as { ok: boolean; error: { code: string; message: string } };
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('程序内部错误') } });
  });

  it('can be unbound', () => {
    const unbind = bindIpc({ ctx, isOwnWebContents: () => true });
    unbind();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith('api');
    expect(state.ipcHandlers.has('api')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('is true only for the main frame of our own contents on app://grassroots', () => {
    const contents = ourWindow();
    expect(isTrustedSender(eventFrom(contents), () => true)).toBe(true);
    expect(isTrustedSender(eventFrom(contents), () => false)).toBe(false);
    expect(isTrustedSender(eventFrom(contents, null), () => true)).toBe(false);
    expect(FORBIDDEN_RESULT).toEqual(FORBIDDEN);
  });
});
