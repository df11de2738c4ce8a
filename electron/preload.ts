import { contextBridge, ipcRenderer } from 'electron';
import { listMethods } from '../shared/api/contract';
import { buildApiBridge } from './shell/api-bridge';

/**
 * The sandboxed preload: exposes `window.api` and nothing else. Each function sends exactly
 * (channel 'api', method name, input) through ipcRenderer.invoke; ipcRenderer itself, Node and
 * Electron objects never reach the page.
 */
const api = buildApiBridge(
  listMethods().map(([name]) => name),
  (channel, method, input) => ipcRenderer.invoke(channel, method, input),
);

contextBridge.exposeInMainWorld('api', api);
