import { webContents } from 'electron';
import type { Platform } from '../services/context';
import { isAppUrl } from './app-files';
import { pdfOptions } from './pdf-options';
import { isOwnWebContents } from './window';

/**
 * Printing a window's page to PDF for print.savePdf. The IPC caller carries its window's web
 * contents id (shell/ipc.ts callerFor); only a window this app created, still showing our own
 * page, is printed. The bytes go back to the service, which saves them through saveFile.
 */
export function electronPrint(): Required<Pick<Platform, 'printToPdf'>> {
  return {
    async printToPdf(webContentsId, { landscape }) {
      const contents = webContents.fromId(webContentsId);
      if (!contents || contents.isDestroyed() || !isOwnWebContents(webContentsId) || !isAppUrl(contents.getURL())) {
        throw new Error(`printToPdf: no window of ours with web contents ${webContentsId}`);
      }
      return new Uint8Array(await contents.printToPDF(pdfOptions(landscape)));
    },
  };
}
