import fs from 'node:fs/promises';
import path from 'node:path';
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { Platform, SaveFileOptions } from '../services/context';

/**
 * Saving exported files and PDFs: the system "save as" dialog, then the bytes written where the
 * user chose (inside the caller's `around`, when it records the save). The path stays in the main
 * process; the service hands back only the file's name.
 */

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.xlsx': { name: 'Excel 工作簿', extensions: ['xlsx'] },
  '.pdf': { name: 'PDF 文件', extensions: ['pdf'] },
  '.csv': { name: 'CSV 文件', extensions: ['csv'] },
};

export function saveDialogOptions(suggestedName: string, documentsDir: string): SaveDialogOptions {
  const filter = FILTERS[path.extname(suggestedName).toLowerCase()];
  return {
    title: '保存文件',
    buttonLabel: '保存',
    defaultPath: path.join(documentsDir, path.basename(suggestedName)),
    filters: filter ? [filter] : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

export function electronFiles(window: () => BrowserWindow | null): Required<Pick<Platform, 'saveFile'>> {
  return {
    async saveFile(suggestedName, bytes, saveOptions?: SaveFileOptions) {
      let documents: string;
      try {
        documents = app.getPath('documents');
      } catch {
        documents = app.getPath('home');
      }
      const options = saveDialogOptions(suggestedName, documents);
      const owner = window();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      const file = result.filePath;
      const fileName = path.basename(file);
      let written = false;
      const write = async () => {
        await writeReplacing(file, bytes);
        written = true;
      };
      if (saveOptions?.around) await saveOptions.around(fileName, write);
      else await write();
      if (!written) throw new Error('saveFile: around() returned without writing the file');
      return { fileName };
    },
  };
}

/** Writes beside the target and renames over it: a failed write never leaves half a file or spoils an existing one. */
export async function writeReplacing(file: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx' });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw error;
  }
}
