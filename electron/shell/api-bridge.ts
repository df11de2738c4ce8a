/**
 * The object the preload exposes as `window.api`, built from the contract's method names:
 * api.units.search(input) → invoke('api', 'units.search', input). Pure (no 'electron' import)
 * so tests can check it; preload.ts passes ipcRenderer.invoke wrapped in a closure, never
 * ipcRenderer itself.
 */

/** The one IPC channel between renderer and main. */
export const API_CHANNEL = 'api';

export type InvokeFn = (channel: string, method: string, input: unknown) => Promise<unknown>;
export type ApiBridge = Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;

export function buildApiBridge(methodNames: Iterable<string>, invoke: InvokeFn): ApiBridge {
  const bridge: ApiBridge = {};
  for (const fullName of methodNames) {
    const [ns, name, ...rest] = fullName.split('.');
    if (!ns || !name || rest.length > 0) throw new Error(`bad API method name: ${fullName}`);
    if (!Object.hasOwn(bridge, ns)) bridge[ns] = {};
    // Only the one input argument crosses over, whatever the page passes besides.
    bridge[ns]![name] = (input?: unknown) => invoke(API_CHANNEL, fullName, input);
  }
  return bridge;
}
