import { dialog, type BrowserWindow } from 'electron';
import type { Platform } from '../services/context';
import { electronAttachmentFiles } from './attachment-files';
import { electronFiles } from './files';
import { electronPrint } from './print';

/** OS dialogs (and printing to PDF) for the services; the renderer never sees or sends a path itself. */
export function electronPlatform(window: () => BrowserWindow | null): Platform {
  return {
    async chooseFolder(title) {
      const owner = window();
      const options = { title, properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]!;
    },
    ...electronFiles(window),
    ...electronAttachmentFiles(window),
    ...electronPrint(),
  };
}
