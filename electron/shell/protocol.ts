import { protocol } from 'electron';
import { APP_SCHEME, createAppRequestHandler } from './app-files';

export { APP_HOST, APP_ORIGIN, APP_SCHEME, APP_START_URL, CONTENT_SECURITY_POLICY, contentTypeFor, resolveAppPath } from './app-files';

/**
 * app://grassroots/ serves the built renderer (out/renderer) from inside the program, so pages
 * get a real, fixed origin ('self' in the CSP, the origin the IPC sender check expects) instead
 * of file://, which would let a page read any local file.
 *
 * Must run before app 'ready'. `standard` gives relative URLs and web storage, `secure` makes
 * it a secure context, `supportFetchAPI` lets the renderer fetch its own assets; `codeCache`
 * lets V8 cache the compiled bundle between starts (faster start on old office PCs). Not
 * `bypassCSP` and not `corsEnabled`: other origins must not read from it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** After 'ready': answer app:// requests from rendererDir (see app-files.ts for the rules). */
export function registerAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}
