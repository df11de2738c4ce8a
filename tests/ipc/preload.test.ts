import { beforeAll, describe, expect, it, vi } from 'vitest';
import { contract, listMethods } from '../../shared/api/contract';
import { buildApiBridge } from '../../electron/shell/api-bridge';
import { contextBridge, ipcRenderer, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

type Bridge = Record<string, Record<string, (input?: unknown, ...rest: unknown[]) => Promise<unknown>>>;
let exposed: Bridge;
let exposedKeys: string[];

beforeAll(async () => {
  resetFakeElectron();
  await import('../../electron/preload');
  // recorded here: mocks are cleared between tests
  exposedKeys = contextBridge.exposeInMainWorld.mock.calls.map((c) => c[0] as string);
  exposed = contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as Bridge;
});

describe('preload', () => {
  it('exposes exactly one key, "api", to the page', () => {
    expect(exposedKeys).toEqual(['api']);
  });

  it('has one namespace per contract namespace and only functions inside', () => {
    expect(Object.keys(exposed).sort()).toEqual(Object.keys(contract).sort());
    for (const [ns, methods] of Object.entries(exposed)) {
      expect(Object.keys(methods).sort(), ns).toEqual(Object.keys(contract[ns as keyof typeof contract]).sort());
      for (const fn of Object.values(methods)) expect(typeof fn).toBe('function');
    }
    // nothing of ipcRenderer leaks through
    const flat = Object.values(exposed).flatMap((m) => Object.keys(m));
    for (const name of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer']) expect(flat).not.toContain(name);
    expect(Object.values(exposed).flatMap((m) => Object.values(m))).not.toContain(ipcRenderer.invoke);
  });

  it('sends every contract method over channel "api" with its full name and the input', async () => {
    const methods = listMethods();
    expect(methods.length).toBeGreaterThan(10);
    for (const [name] of methods) {
      const [ns, method] = name.split('.') as [string, string];
      ipcRenderer.invoke.mockClear();
      ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: name });
      const input = { probe: name };
      const answer = await exposed[ns]![method]!(input, 'extra argument', () => 'a function');
      expect(answer).toEqual({ ok: true, value: name });
      expect(ipcRenderer.invoke).toHaveBeenCalledTimes(1);
      expect(ipcRenderer.invoke.mock.calls[0]).toEqual(['api', name, input]);
    }
  });
});

describe('buildApiBridge', () => {
  it('builds the nested object from names and forwards only (channel, method, input)', async () => {
    const invoke = vi.fn(async () => 'ok');
    const bridge = buildApiBridge(['units.search', 'units.get', 'setup.status'], invoke);
    expect(Object.keys(bridge)).toEqual(['units', 'setup']);
    expect(Object.keys(bridge.units!)).toEqual(['search', 'get']);
    await bridge.units!.search!({ query: 'qxjd' });
    await bridge.setup!.status!();
    expect(invoke.mock.calls).toEqual([
      ['api', 'units.search', { query: 'qxjd' }],
      ['api', 'setup.status', undefined],
    ]);
  });

  it('rejects a malformed method name', () => {
    expect(() => buildApiBridge(['units'], vi.fn())).toThrow('bad API method name');
    expect(() => buildApiBridge(['a.b.c'], vi.fn())).toThrow('bad API method name');
  });
});
